// Reading single items: kinds, keys, types, Falco's validation messages, warnings.
#include <gtest/gtest.h>

#include "rules/priority.h"
#include "rules/test_helpers.h"

namespace lanner::rules {
namespace {

using testing::codes;
using testing::codes_and_messages;
using testing::load;

TEST(YamlReader, ReadsEveryRuleKey) {
  auto r = load(R"(
- list: shells
  items: [bash, "zsh", 8080]
- macro: spawned
  condition: evt.type = execve
- rule: Shell spawned
  desc: a shell ran
  condition: spawned and proc.name in (shells)
  output: "  shell %proc.name  "
  priority: warning
  source: syscall
  enabled: false
  tags: [shell, mitre, shell]
  warn_evttypes: false
  skip-if-unknown-filter: true
  capture: true
  capture_duration: 5000
)");
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(r.diags.items().size(), 0u);
  ASSERT_EQ(r.doc.rules.size(), 1u);
  const RuleItem& rule = r.doc.rules[0];
  EXPECT_EQ(rule.name, "Shell spawned");
  EXPECT_EQ(rule.desc, "a shell ran");
  EXPECT_EQ(rule.condition.text, "spawned and proc.name in ( bash, zsh, 8080 )");
  EXPECT_EQ(rule.condition.original, "spawned and proc.name in (shells)");
  EXPECT_EQ(rule.output, "shell %proc.name");
  EXPECT_EQ(rule.priority, Priority::kWarning);
  EXPECT_EQ(rule.source, "syscall");
  EXPECT_FALSE(rule.enabled);
  EXPECT_EQ(rule.tags, (std::set<std::string>{"mitre", "shell"}));
  EXPECT_FALSE(rule.warn_evttypes);
  EXPECT_TRUE(rule.skip_if_unknown_filter);
  EXPECT_TRUE(rule.capture);
  EXPECT_EQ(rule.capture_duration, 5000u);
  EXPECT_EQ(rule.span.file, "f1.yaml");
  EXPECT_EQ(rule.span.line, 6u);
  EXPECT_EQ(rule.span.column, 3u);
  EXPECT_EQ(rule.condition.span.line, 8u);
  EXPECT_EQ(rule.condition.span.column, 14u);
  EXPECT_EQ(rule.output_span.line, 9u);
  ASSERT_EQ(r.doc.lists.size(), 1u);
  EXPECT_EQ(r.doc.lists[0].items, (std::vector<std::string>{"bash", "zsh", "8080"}));
  EXPECT_TRUE(r.doc.lists[0].used);
  ASSERT_EQ(r.doc.macros.size(), 1u);
  EXPECT_EQ(r.doc.macros[0].condition.text, "evt.type = execve");
}

TEST(YamlReader, DefaultsForOptionalRuleKeys) {
  auto r = load("- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n");
  ASSERT_EQ(r.doc.rules.size(), 1u);
  const RuleItem& rule = r.doc.rules[0];
  EXPECT_EQ(rule.priority, Priority::kInformational);
  EXPECT_EQ(rule.source, "syscall");
  EXPECT_TRUE(rule.enabled);
  EXPECT_TRUE(rule.warn_evttypes);
  EXPECT_FALSE(rule.skip_if_unknown_filter);
  EXPECT_FALSE(rule.capture);
  EXPECT_EQ(rule.capture_duration, 0u);
  EXPECT_TRUE(rule.tags.empty());
}

TEST(YamlReader, PrioritySpellings) {
  EXPECT_EQ(parse_priority("EMERGENCY"), Priority::kEmergency);
  EXPECT_EQ(parse_priority("alert"), Priority::kAlert);
  EXPECT_EQ(parse_priority("Critical"), Priority::kCritical);
  EXPECT_EQ(parse_priority("error"), Priority::kError);
  EXPECT_EQ(parse_priority("WARNING"), Priority::kWarning);
  EXPECT_EQ(parse_priority("notice"), Priority::kNotice);
  EXPECT_EQ(parse_priority("informational"), Priority::kInformational);
  EXPECT_EQ(parse_priority("Info"), Priority::kInformational);
  EXPECT_EQ(parse_priority("DEBUG"), Priority::kDebug);
  EXPECT_EQ(parse_priority("warn"), std::nullopt);
  EXPECT_EQ(parse_priority(""), std::nullopt);
  EXPECT_EQ(priority_name(Priority::kInformational), "Informational");
  EXPECT_EQ(priority_name(Priority::kEmergency), "Emergency");
}

TEST(YamlReader, InvalidPriorityIsAnError) {
  auto r = load("- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: urgent\n");
  ASSERT_EQ(r.diags.items().size(), 1u);
  const Diagnostic& d = r.diags.items()[0];
  EXPECT_EQ(d.code, "LOAD_ERR_YAML_VALIDATE");
  EXPECT_EQ(d.message, "Invalid priority");
  EXPECT_EQ(d.item, "rule 'r'");
  EXPECT_EQ(d.span.line, 5u);
  EXPECT_EQ(d.span.column, 13u);
  EXPECT_EQ(d.span.length, 6u);
  EXPECT_EQ(d.source_line, "  priority: urgent");
}

TEST(YamlReader, ItemKindIsTheFirstKnownKeyInFixedOrder) {
  // The sandbox file writes `condition:` before `macro:`; `list` wins over `macro`.
  auto r = load("- condition: evt.type = open\n  macro: m\n- macro: x\n  list: l\n  items: [a]\n");
  ASSERT_EQ(r.doc.macros.size(), 1u);
  EXPECT_EQ(r.doc.macros[0].name, "m");
  ASSERT_EQ(r.doc.lists.size(), 1u);
  EXPECT_EQ(r.doc.lists[0].name, "l");
  EXPECT_EQ(codes(r.diags), (std::vector<std::string>{"LOAD_UNKNOWN_KEY"}));  // `macro` on the list item
}

TEST(YamlReader, MultipleDocumentsNullDocumentsAndNullEntries) {
  auto r = load("---\n- list: a\n  items: []\n-\n---\n# only a comment\n---\n- list: b\n  items: [x]\n");
  EXPECT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  ASSERT_EQ(r.doc.lists.size(), 2u);
  EXPECT_EQ(r.doc.lists[1].name, "b");
}

TEST(YamlReader, EmptyFileIsFine) {
  auto r = load("");
  EXPECT_EQ(r.diags.items().size(), 0u);
  EXPECT_TRUE(r.doc.rules.empty());
}

TEST(YamlReader, DocumentMustBeASequence) {
  EXPECT_EQ(codes_and_messages(load("rule: x\n").diags),
            (std::vector<std::string>{"LOAD_ERR_YAML_VALIDATE: Rules content is not yaml array of objects"}));
  EXPECT_EQ(codes_and_messages(load("just text\n").diags),
            (std::vector<std::string>{"LOAD_ERR_YAML_VALIDATE: Rules content is not yaml"}));
  EXPECT_EQ(codes_and_messages(load("- just text\n").diags),
            (std::vector<std::string>{"LOAD_ERR_YAML_VALIDATE: Unexpected element type. Each element should be a "
                                      "yaml associative array."}));
}

TEST(YamlReader, UnknownItemIsAWarning) {
  auto r = load("- rulez: x\n- list: l\n  items: []\n");
  EXPECT_EQ(codes_and_messages(r.diags), (std::vector<std::string>{"LOAD_UNKNOWN_ITEM: Unknown top level item"}));
  EXPECT_EQ(r.diags.items()[0].span.line, 1u);
  EXPECT_EQ(r.doc.lists.size(), 1u);
}

TEST(YamlReader, UnknownKeysAreWarningsWithSuggestions) {
  auto r = load("- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: info\n  tag: [a]\n  colour: red\n"
                "- list: l\n  items: []\n  item: x\n- macro: m\n  condition: c\n  conditon: d\n");
  EXPECT_FALSE(r.diags.has_errors());
  EXPECT_EQ(codes_and_messages(r.diags),
            (std::vector<std::string>{
                "LOAD_UNKNOWN_KEY: Unknown key 'tag' ignored (did you mean 'tags'?)",
                "LOAD_UNKNOWN_KEY: Unknown key 'colour' ignored",
                "LOAD_UNKNOWN_KEY: Unknown key 'item' ignored (did you mean 'items'?)",
                "LOAD_UNKNOWN_KEY: Unknown key 'conditon' ignored (did you mean 'condition'?)",
            }));
  EXPECT_EQ(r.diags.items()[0].span.line, 6u);
  EXPECT_EQ(r.diags.items()[0].item, "rule 'r'");
  EXPECT_TRUE(r.doc.rules[0].tags.empty());
}

TEST(YamlReader, InvalidNamesAreWarnings) {
  auto r = load("- list: my list\n  items: []\n- macro: 1bad-name\n  condition: x\n- macro: good_Name1\n  condition: y\n");
  EXPECT_EQ(codes(r.diags), (std::vector<std::string>{"LOAD_INVALID_LIST_NAME", "LOAD_INVALID_MACRO_NAME"}));
  EXPECT_EQ(r.diags.items()[0].message,
            "List has an invalid name. List names should match a regular expression: ([^()\"'[:space:]=,]+)");
  EXPECT_EQ(r.diags.items()[1].message,
            "Macro has an invalid name. Macro names should match a regular expression: ([a-zA-Z]+[a-zA-Z0-9_]*)");
  EXPECT_EQ(r.doc.lists.size(), 1u);
  EXPECT_EQ(r.doc.macros.size(), 2u);
}

TEST(YamlReader, RuleNamesAreFreeText) {
  auto r = load("- rule: Write below /etc (x|y) [z]\n  desc: d\n  condition: c\n  output: o\n  priority: debug\n");
  EXPECT_EQ(r.diags.items().size(), 0u);
  ASSERT_EQ(r.doc.rules.size(), 1u);
}

struct RequiredKeyCase {
  std::string yaml;
  std::string message;
};

class RequiredKeys : public ::testing::TestWithParam<RequiredKeyCase> {};

TEST_P(RequiredKeys, ReportsFalcosMessage) {
  auto r = load(GetParam().yaml);
  ASSERT_EQ(r.diags.items().size(), 1u) << render_text(r.diags);
  EXPECT_EQ(r.diags.items()[0].code, "LOAD_ERR_YAML_VALIDATE");
  EXPECT_EQ(r.diags.items()[0].message, GetParam().message);
  EXPECT_TRUE(r.diags.items()[0].span.known());
}

INSTANTIATE_TEST_SUITE_P(
    Messages, RequiredKeys,
    ::testing::Values(
        RequiredKeyCase{"- list: l\n", "Item has no mapping for key 'items'"},
        RequiredKeyCase{"- list: l\n  items:\n", "Mapping for key 'items' is empty"},
        RequiredKeyCase{"- list: l\n  items: x\n", "Value is not a sequence"},
        RequiredKeyCase{"- list: l\n  items: [[a]]\n", "sequence value is not scalar"},
        RequiredKeyCase{"- list:\n  items: []\n", "Mapping for key 'list' is empty"},
        RequiredKeyCase{"- macro: m\n", "Item has no mapping for key 'condition'"},
        RequiredKeyCase{"- macro: m\n  condition: [a]\n", "Value is not a scalar value"},
        RequiredKeyCase{"- macro: m\n  condition: \"\"\n", "Value must be non-empty"},
        RequiredKeyCase{"- rule: r\n  condition: c\n", "Item has no mapping for key 'output'"},
        RequiredKeyCase{"- rule: r\n  condition: c\n  output: o\n", "Item has no mapping for key 'desc'"},
        RequiredKeyCase{"- rule: r\n  condition: c\n  output: o\n  desc: d\n", "Item has no mapping for key 'priority'"},
        RequiredKeyCase{"- rule: r\n  desc: d\n", "Item has no mapping for key 'condition'"},
        RequiredKeyCase{"- rule: r\n", "Item has no mapping for key 'enabled'"},
        RequiredKeyCase{"- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: info\n  enabled: maybe\n",
                        "Can't decode YAML scalar value"},
        RequiredKeyCase{"- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: info\n  capture_duration: -1\n",
                        "Can't decode YAML scalar value"},
        RequiredKeyCase{"- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: info\n  tags: a\n",
                        "Value is not a sequence"},
        RequiredKeyCase{"- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: info\n  exceptions: x\n",
                        "Rule exceptions must be a sequence"},
        RequiredKeyCase{"- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: info\n  exceptions: [x]\n",
                        "Rule exception must be a mapping"},
        RequiredKeyCase{"- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: info\n  exceptions:\n"
                        "    - fields: [proc.name]\n",
                        "Item has no mapping for key 'name'"},
        RequiredKeyCase{"- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: info\n  exceptions:\n"
                        "    - name: e\n",
                        "Item has no mapping for key 'fields'"},
        RequiredKeyCase{"- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: info\n  exceptions:\n"
                        "    - name: e\n      fields: [proc.name]\n      values: x\n",
                        "Rule exception values must be a sequence"},
        RequiredKeyCase{"- required_plugin_versions: x\n", "Value of required_plugin_versions must be a sequence"},
        RequiredKeyCase{"- required_plugin_versions: [x]\n", "Plugin version must be a mapping"},
        RequiredKeyCase{"- required_plugin_versions:\n  - name: container\n", "Item has no mapping for key 'version'"},
        RequiredKeyCase{"- required_plugin_versions:\n  - name: a\n    version: 1.0.0\n    alternatives: x\n",
                        "Value of plugin version alternatives must be a sequence"},
        RequiredKeyCase{"- required_engine_version: abc\n",
                        "Unable to parse engine version 'abc' as a semver string. Expected \"x.y.z\" semver format."}));

TEST(YamlReader, SyntaxErrorHasLineAndColumn) {
  auto r = load("- list: a\n  items: [a, b\n- list: c\n");
  ASSERT_EQ(r.diags.items().size(), 1u);
  const Diagnostic& d = r.diags.items()[0];
  EXPECT_EQ(d.code, "LOAD_ERR_YAML_PARSE");
  EXPECT_FALSE(d.message.empty());
  EXPECT_EQ(d.span.file, "f1.yaml");
  EXPECT_TRUE(d.span.known());
  EXPECT_TRUE(r.doc.lists.empty());
}

TEST(YamlReader, FirstErrorAbortsTheFileButNotTheNextFile) {
  auto r = load(std::vector<std::string>{
      "- list: before\n  items: [a]\n- list: broken\n- list: after\n  items: [b]\n---\n- list: later_doc\n  items: []\n",
      "- list: second_file\n  items: [c]\n"});
  EXPECT_EQ(r.diags.error_count(), 1u);
  EXPECT_NE(testing::find_list(r.doc, "before"), nullptr);
  EXPECT_EQ(testing::find_list(r.doc, "after"), nullptr);
  EXPECT_EQ(testing::find_list(r.doc, "later_doc"), nullptr);
  EXPECT_NE(testing::find_list(r.doc, "second_file"), nullptr);
}

TEST(YamlReader, IntegerItemsBecomeStrings) {
  auto r = load("- list: ports\n  items: [80, 8080, 0x10]\n");
  ASSERT_EQ(r.doc.lists.size(), 1u);
  EXPECT_EQ(r.doc.lists[0].items, (std::vector<std::string>{"80", "8080", "0x10"}));
}

}  // namespace
}  // namespace lanner::rules
