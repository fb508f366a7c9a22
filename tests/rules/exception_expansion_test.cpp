// Rule exceptions: validation and the exact expanded condition text (falco-language.md 1.4).
#include <gtest/gtest.h>

#include "rules/test_helpers.h"

namespace lanner::rules {
namespace {

using testing::codes_and_messages;
using testing::find_rule;
using testing::load;

std::string rule_with(const std::string& exceptions, const std::string& condition = "evt.type = open") {
  return "- rule: r\n  desc: d\n  condition: " + condition + "\n  output: o\n  priority: info\n  exceptions:\n" +
         exceptions;
}

std::string expanded(const std::string& exceptions) {
  auto r = load(rule_with(exceptions));
  EXPECT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  const RuleItem* rule = find_rule(r.doc, "r");
  return rule ? rule->condition.text : "<no rule>";
}

TEST(Exceptions, ReferenceExampleExactly) {
  auto r = load(R"(
- rule: r
  desc: d
  condition: cond
  output: o
  priority: info
  exceptions:
    - name: known_writers
      fields: [proc.name, fd.name]
      comps: [=, pmatch]
      values:
        - [nginx, /var/log/nginx]
        - [apache, [/srv/a, /srv/b]]
)");
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(find_rule(r.doc, "r")->condition.text,
            "(cond) and not (( proc.name = nginx and  fd.name pmatch (/var/log/nginx)) or ( proc.name = apache and "
            " fd.name pmatch (/srv/a, /srv/b)))");
  const auto& ex = find_rule(r.doc, "r")->exceptions;
  ASSERT_EQ(ex.size(), 1u);
  EXPECT_FALSE(ex[0].scalar_form);
  EXPECT_EQ(ex[0].fields, (std::vector<std::string>{"proc.name", "fd.name"}));
  EXPECT_EQ(ex[0].comps, (std::vector<std::string>{"=", "pmatch"}));
  ASSERT_EQ(ex[0].values.size(), 2u);
  EXPECT_EQ(ex[0].values[1][1], (std::vector<std::string>{"/srv/a", "/srv/b"}));
}

TEST(Exceptions, ScalarFormDefaultsToIn) {
  EXPECT_EQ(expanded("    - name: e\n      fields: proc.name\n      values: [cron, \"my app\"]\n"),
            "(evt.type = open) and not (proc.name in (cron, \"my app\"))");
}

TEST(Exceptions, ScalarFormWithPmatch) {
  EXPECT_EQ(expanded("    - name: e\n      fields: fd.name\n      comps: pmatch\n      values: [/tmp, /var]\n"),
            "(evt.type = open) and not (fd.name pmatch (/tmp, /var))");
}

TEST(Exceptions, SequenceFormDefaultsToEquals) {
  EXPECT_EQ(expanded("    - name: e\n      fields: [proc.name, user.name]\n      values: [[a, root]]\n"),
            "(evt.type = open) and not (( proc.name = a and  user.name = root))");
}

TEST(Exceptions, ScalarValueWithListOperatorIsParenthesisedSoItMayNameAList) {
  auto r = load("- list: editors\n  items: [vi, nano]\n" +
                rule_with("    - name: e\n      fields: [proc.name]\n      comps: [in]\n      values: [[editors]]\n"));
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(find_rule(r.doc, "r")->condition.text, "(evt.type = open) and not (( proc.name in ( vi, nano )))");
}

TEST(Exceptions, AlreadyParenthesisedValueIsKept) {
  EXPECT_EQ(expanded("    - name: e\n      fields: [fd.name]\n      comps: [pmatch]\n      values: [[\"(/a, /b)\"]]\n"),
            "(evt.type = open) and not (( fd.name pmatch (/a, /b)))");
}

TEST(Exceptions, ValuesWithSpacesQuotedExceptAlreadyQuoted) {
  EXPECT_EQ(expanded("    - name: e\n      fields: [proc.cmdline, proc.name]\n      values: [[\"a b\", \"'c d'\"]]\n"),
            "(evt.type = open) and not (( proc.cmdline = \"a b\" and  proc.name = 'c d'))");
}

TEST(Exceptions, ExceptionWithoutValuesOnlyWrapsCondition) {
  EXPECT_EQ(expanded("    - name: e\n      fields: [proc.name]\n"), "(evt.type = open)");
  EXPECT_EQ(expanded("    - name: e\n      fields: proc.name\n      values: []\n"), "(evt.type = open)");
}

TEST(Exceptions, SeveralExceptionsEachAddAndNot) {
  EXPECT_EQ(expanded("    - name: a\n      fields: proc.name\n      values: [x]\n"
                     "    - name: b\n      fields: [fd.name]\n      comps: [startswith]\n      values: [[/tmp]]\n"),
            "(evt.type = open) and not (proc.name in (x)) and not (( fd.name startswith /tmp))");
}

TEST(Exceptions, AppendValuesToExistingExceptionAndAddNewOne) {
  auto r = load(std::vector<std::string>{
      rule_with("    - name: e\n      fields: [proc.name]\n      values: [[a]]\n"),
      "- rule: r\n  exceptions:\n    - name: e\n      values: [[b]]\n    - name: f\n      fields: fd.name\n"
      "      values: [/x]\n  override:\n    exceptions: append\n"});
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(find_rule(r.doc, "r")->condition.text,
            "(evt.type = open) and not (( proc.name = a) or ( proc.name = b)) and not (fd.name in (/x))");
}

TEST(Exceptions, AppendWithDeprecatedFlag) {
  auto r = load(std::vector<std::string>{rule_with("    - name: e\n      fields: [proc.name]\n      values: [[a]]\n"),
                                         "- rule: r\n  append: true\n  exceptions:\n    - name: e\n      values: [[c]]\n"});
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(find_rule(r.doc, "r")->condition.text, "(evt.type = open) and not (( proc.name = a) or ( proc.name = c))");
}

TEST(Exceptions, AppendedExceptionWithoutValuesWarns) {
  auto r = load(std::vector<std::string>{rule_with("    - name: e\n      fields: [proc.name]\n      values: [[a]]\n"),
                                         "- rule: r\n  exceptions:\n    - name: e\n  override:\n    exceptions: append\n"});
  EXPECT_FALSE(r.diags.has_errors());
  EXPECT_EQ(codes_and_messages(r.diags),
            (std::vector<std::string>{"LOAD_APPEND_NO_VALUES: Overriding/appending exception with no values"}));
}

TEST(Exceptions, DuplicateNameInOneRuleWarns) {
  auto r = load(rule_with("    - name: e\n      fields: proc.name\n      values: [a]\n"
                          "    - name: e\n      fields: proc.name\n      values: [b]\n"));
  EXPECT_EQ(codes_and_messages(r.diags),
            (std::vector<std::string>{"LOAD_EXCEPTION_NAME_NOT_UNIQUE: Multiple definitions of exception 'e' in the "
                                      "same rule"}));
}

struct ShapeCase {
  std::string exceptions;
  std::string message;
};

class ExceptionShapeErrors : public ::testing::TestWithParam<ShapeCase> {};

TEST_P(ExceptionShapeErrors, AreValidateErrors) {
  auto r = load(rule_with(GetParam().exceptions));
  EXPECT_EQ(codes_and_messages(r.diags), (std::vector<std::string>{"LOAD_ERR_VALIDATE: " + GetParam().message}));
  EXPECT_TRUE(r.doc.rules.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Messages, ExceptionShapeErrors,
    ::testing::Values(
        ShapeCase{"    - name: e\n      fields: [a, b]\n      comps: [=]\n      values: []\n",
                  "Exception 'e': Fields and comps lists must have equal length"},
        ShapeCase{"    - name: e\n      fields: [a]\n      comps: [like]\n      values: []\n",
                  "Exception 'e': 'like' is not a supported comparison operator"},
        ShapeCase{"    - name: e\n      fields: a\n      comps: [in]\n      values: []\n",
                  "Exception 'e': Fields and comps must both be strings"},
        ShapeCase{"    - name: e\n      fields: a\n      comps: startswith\n      values: []\n",
                  "Exception 'e': When fields is a single value, comps must be one of (in, pmatch, intersects)"},
        ShapeCase{"    - name: e\n      fields: []\n      values: []\n",
                  "Rule exception item must have fields property with a list of fields"},
        ShapeCase{"    - name: e\n      fields: [a, b]\n      values: [[x]]\n",
                  "Exception 'e': Fields and values lists must have equal length"},
        ShapeCase{"    - name: e\n      fields: [a]\n      values: [x]\n",
                  "Exception 'e': Fields and values lists must have equal length"},
        ShapeCase{"    - name: e\n      fields: a\n      values: [[x]]\n",
                  "Exception 'e': Expected values array to contain a list of strings"}));

TEST(Exceptions, AppendErrors) {
  std::string base = rule_with("    - name: e\n      fields: [proc.name]\n      values: [[a]]\n");
  auto fields_again = load(std::vector<std::string>{
      base, "- rule: r\n  exceptions:\n    - name: e\n      fields: [x]\n      values: [[b]]\n  override:\n"
            "    exceptions: append\n"});
  EXPECT_EQ(codes_and_messages(fields_again.diags).back(),
            "LOAD_ERR_VALIDATE: Can not append exception fields to existing exception, only values");
  auto comps_again = load(std::vector<std::string>{
      base, "- rule: r\n  exceptions:\n    - name: e\n      comps: [=]\n      values: [[b]]\n  override:\n"
            "    exceptions: append\n"});
  EXPECT_EQ(codes_and_messages(comps_again.diags).back(),
            "LOAD_ERR_VALIDATE: Can not append exception comps to existing exception, only values");
  auto new_without_fields = load(std::vector<std::string>{
      base, "- rule: r\n  exceptions:\n    - name: other\n      values: [[b]]\n  override:\n    exceptions: append\n"});
  EXPECT_EQ(codes_and_messages(new_without_fields.diags).back(),
            "LOAD_ERR_VALIDATE: Rule exception must have fields property with a list of fields");
  auto new_without_values = load(std::vector<std::string>{
      base, "- rule: r\n  exceptions:\n    - name: other\n      fields: [a]\n  override:\n    exceptions: append\n"});
  EXPECT_EQ(codes_and_messages(new_without_values.diags).back(),
            "LOAD_ERR_VALIDATE: Rule exception must have values property with a list of values");
}

TEST(Exceptions, ReplaceWithoutFieldsIsRejectedByTheCollector) {
  auto r = load(std::vector<std::string>{
      rule_with("    - name: e\n      fields: [proc.name]\n      values: [[a]]\n"),
      "- rule: r\n  exceptions:\n    - name: g\n      values: [/z]\n  override:\n    exceptions: replace\n"});
  EXPECT_EQ(codes_and_messages(r.diags).back(),
            "LOAD_ERR_VALIDATE: Rule exception item must have fields property with a list of fields");
}

TEST(Exceptions, EmptyScalarValueIsAnError) {
  auto r = load(rule_with("    - name: e\n      fields: [proc.name]\n      values: [[\"\"]]\n"));
  EXPECT_EQ(codes_and_messages(r.diags), (std::vector<std::string>{"LOAD_ERR_YAML_VALIDATE: Value must be non-empty"}));
}

TEST(Exceptions, ReplaceSwapsTheWholeSet) {
  auto r = load(std::vector<std::string>{
      rule_with("    - name: e\n      fields: [proc.name]\n      values: [[a]]\n"),
      "- rule: r\n  exceptions:\n    - name: g\n      fields: fd.name\n      values: [/z]\n  override:\n"
      "    exceptions: replace\n"});
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(find_rule(r.doc, "r")->condition.text, "(evt.type = open) and not (fd.name in (/z))");
}

}  // namespace
}  // namespace lanner::rules
