// Merging across items and files: redefinition, append, override, enabled (falco-language.md 1.3).
#include <gtest/gtest.h>

#include "rules/test_helpers.h"

namespace lanner::rules {
namespace {

using testing::codes;
using testing::codes_and_messages;
using testing::find_list;
using testing::find_macro;
using testing::find_rule;
using testing::load;

const char* kBase = R"(
- list: l1
  items: [a]
- macro: m1
  condition: evt.type = open
- rule: r1
  desc: first
  condition: m1
  output: out1
  priority: notice
  tags: [t1]
- list: l2
  items: [b]
- rule: r2
  desc: second
  condition: evt.type = read
  output: out2
  priority: error
)";

std::vector<std::string> rule_order(const RuleDocument& doc) {
  std::vector<std::string> names;
  for (const auto& r : doc.rules) names.push_back(r.name);
  return names;
}

TEST(Collector, IndexesAreSharedDefinitionOrder) {
  auto r = load(kBase);
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(find_list(r.doc, "l1")->index, 0u);
  EXPECT_EQ(find_macro(r.doc, "m1")->index, 1u);
  EXPECT_EQ(find_macro(r.doc, "m1")->visibility, 1u);
  EXPECT_EQ(find_rule(r.doc, "r1")->index, 2u);
  EXPECT_EQ(find_list(r.doc, "l2")->index, 3u);
  EXPECT_EQ(find_rule(r.doc, "r2")->index, 4u);
}

TEST(Collector, PlainRedefinitionReplacesButKeepsIndex) {
  auto r = load(std::vector<std::string>{kBase, R"(
- macro: m1
  condition: evt.type = close
- rule: r1
  desc: redefined
  condition: evt.type = write
  output: new
  priority: debug
- list: l1
  items: [z]
)"});
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(rule_order(r.doc), (std::vector<std::string>{"r1", "r2"}));
  const RuleItem* r1 = find_rule(r.doc, "r1");
  EXPECT_EQ(r1->index, 2u);
  EXPECT_EQ(r1->desc, "redefined");
  EXPECT_EQ(r1->condition.text, "evt.type = write");
  EXPECT_TRUE(r1->tags.empty());  // the whole item is replaced
  EXPECT_EQ(r1->span.file, "f2.yaml");
  const MacroItem* m1 = find_macro(r.doc, "m1");
  EXPECT_EQ(m1->index, 1u);
  EXPECT_EQ(m1->visibility, 5u);  // the new load position
  EXPECT_EQ(m1->condition.text, "evt.type = close");
  EXPECT_EQ(find_list(r.doc, "l1")->items, (std::vector<std::string>{"z"}));
  EXPECT_EQ(find_list(r.doc, "l1")->index, 0u);
}

TEST(Collector, DeprecatedAppendFlagOnListMacroRule) {
  auto r = load(std::vector<std::string>{kBase, R"(
- list: l1
  items: [c, d]
  append: true
- macro: m1
  condition: or evt.type = close
  append: true
- rule: r1
  condition: and proc.name = x
  output: ignored with append
  append: true
)"});
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(codes(r.diags), (std::vector<std::string>(3, "LOAD_DEPRECATED_ITEM")));
  EXPECT_EQ(find_list(r.doc, "l1")->items, (std::vector<std::string>{"a", "c", "d"}));
  EXPECT_EQ(find_macro(r.doc, "m1")->condition.text, "evt.type = open or evt.type = close");
  EXPECT_EQ(find_macro(r.doc, "m1")->visibility, 6u);
  const RuleItem* r1 = find_rule(r.doc, "r1");
  EXPECT_EQ(r1->condition.text, "m1 and proc.name = x");
  EXPECT_EQ(r1->output, "out1");
  EXPECT_EQ(r1->index, 2u);
}

TEST(Collector, OverrideAppendEveryAppendableKey) {
  auto r = load(std::vector<std::string>{kBase, R"(
- list: l1
  items: [c]
  override:
    items: append
- macro: m1
  condition: and fd.num >= 0
  override:
    condition: append
- rule: r1
  condition: and not proc.name = sshd
  output: "user=%user.name"
  desc: more words
  tags: [t2]
  exceptions:
    - name: e1
      fields: [proc.name]
      values: [[cron]]
  override:
    condition: append
    output: append
    desc: append
    tags: append
    exceptions: append
)"});
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(r.diags.items().size(), 0u);
  EXPECT_EQ(find_list(r.doc, "l1")->items, (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(find_macro(r.doc, "m1")->condition.text, "evt.type = open and fd.num >= 0");
  const RuleItem* r1 = find_rule(r.doc, "r1");
  EXPECT_EQ(r1->condition.text, "(m1 and not proc.name = sshd) and not (( proc.name = cron))");
  EXPECT_EQ(r1->output, "out1 user=%user.name");
  EXPECT_EQ(r1->desc, "first more words");
  EXPECT_EQ(r1->tags, (std::set<std::string>{"t1", "t2"}));
  ASSERT_EQ(r1->exceptions.size(), 1u);
  EXPECT_EQ(r1->exceptions[0].name, "e1");
}

TEST(Collector, OverrideReplaceEveryReplaceableKey) {
  auto r = load(std::vector<std::string>{kBase, R"(
- rule: r1
  condition: evt.type = unlink
  output: replaced output
  desc: replaced desc
  priority: critical
  tags: [t9]
  enabled: false
  warn_evttypes: false
  skip-if-unknown-filter: true
  capture: true
  capture_duration: 7
  exceptions:
    - name: e
      fields: proc.name
      values: [a, b c]
  override:
    condition: replace
    output: replace
    desc: replace
    priority: replace
    tags: replace
    enabled: replace
    warn_evttypes: replace
    skip-if-unknown-filter: replace
    capture: replace
    capture_duration: replace
    exceptions: replace
)"});
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  const RuleItem* r1 = find_rule(r.doc, "r1");
  EXPECT_EQ(r1->condition.text, "(evt.type = unlink) and not (proc.name in (a, \"b c\"))");
  EXPECT_EQ(r1->output, "replaced output");
  EXPECT_EQ(r1->desc, "replaced desc");
  EXPECT_EQ(r1->priority, Priority::kCritical);
  EXPECT_EQ(r1->tags, (std::set<std::string>{"t9"}));
  EXPECT_FALSE(r1->enabled);
  EXPECT_FALSE(r1->warn_evttypes);
  EXPECT_TRUE(r1->skip_if_unknown_filter);
  EXPECT_TRUE(r1->capture);
  EXPECT_EQ(r1->capture_duration, 7u);
  EXPECT_EQ(r1->index, 2u);
}

TEST(Collector, OverrideAppendAndReplaceInOneItem) {
  auto r = load(std::vector<std::string>{kBase, R"(
- rule: r1
  condition: and proc.name = x
  priority: debug
  override:
    condition: append
    priority: replace
)"});
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(find_rule(r.doc, "r1")->condition.text, "m1 and proc.name = x");
  EXPECT_EQ(find_rule(r.doc, "r1")->priority, Priority::kDebug);
}

TEST(Collector, OverrideReplaceOnListOrMacroIsADefinition) {
  auto r = load(R"(
- list: fresh
  items: [a]
  override:
    items: replace
- macro: fresh_macro
  condition: evt.type = open
  override:
    condition: replace
)");
  EXPECT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_NE(find_list(r.doc, "fresh"), nullptr);
  EXPECT_NE(find_macro(r.doc, "fresh_macro"), nullptr);
}

TEST(Collector, StandaloneEnabledTogglesAnEarlierRule) {
  auto r = load(std::vector<std::string>{kBase, "- rule: r2\n  enabled: false\n"});
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(codes(r.diags), (std::vector<std::string>{"LOAD_DEPRECATED_ITEM"}));
  EXPECT_FALSE(find_rule(r.doc, "r2")->enabled);
  EXPECT_TRUE(find_rule(r.doc, "r1")->enabled);
}

TEST(Collector, OverrideEnabledReplace) {
  auto r = load(std::vector<std::string>{kBase, "- rule: r2\n  enabled: false\n  override:\n    enabled: replace\n"});
  EXPECT_EQ(r.diags.items().size(), 0u) << render_text(r.diags);
  EXPECT_FALSE(find_rule(r.doc, "r2")->enabled);
}

struct ErrorCase {
  std::string yaml;  // loaded after kBase, as a second file
  std::string code_and_message;
};

class CollectorErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(CollectorErrors, ReportsTheError) {
  auto r = load(std::vector<std::string>{kBase, GetParam().yaml});
  std::vector<std::string> errors;
  for (const auto& d : r.diags.items()) {
    if (d.severity == Severity::kError) errors.push_back(d.code + ": " + d.message);
  }
  ASSERT_EQ(errors.size(), 1u) << render_text(r.diags);
  EXPECT_EQ(errors[0], GetParam().code_and_message);
  for (const auto& d : r.diags.items()) {
    if (d.severity == Severity::kError) {
      EXPECT_EQ(d.span.file, "f2.yaml");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Messages, CollectorErrors,
    ::testing::Values(
        ErrorCase{"- list: nope\n  items: [a]\n  append: true\n",
                  "LOAD_ERR_VALIDATE: List uses 'append' or 'override.items: append' but no list by that name "
                  "already exists"},
        ErrorCase{"- list: nope\n  items: [a]\n  override:\n    items: append\n",
                  "LOAD_ERR_VALIDATE: List uses 'append' or 'override.items: append' but no list by that name "
                  "already exists"},
        ErrorCase{"- macro: nope\n  condition: x\n  override:\n    condition: append\n",
                  "LOAD_ERR_VALIDATE: Macro uses 'append' or 'override.condition: append' but no macro by that name "
                  "already exists"},
        ErrorCase{"- rule: nope\n  condition: x\n  append: true\n",
                  "LOAD_ERR_VALIDATE: Rule uses 'append' or 'override.<key>: append' but no rule by that name "
                  "already exists"},
        ErrorCase{"- rule: nope\n  priority: debug\n  override:\n    priority: replace\n",
                  "LOAD_ERR_VALIDATE: An 'override.<key>: replace' to a rule was requested but no rule by that "
                  "name already exists"},
        ErrorCase{"- rule: nope\n  enabled: false\n",
                  "LOAD_ERR_VALIDATE: Rule has 'enabled' key but no rule by that name already exists"},
        ErrorCase{"- rule: r1\n  condition: x\n  append: true\n  override:\n    condition: append\n",
                  "LOAD_ERR_YAML_VALIDATE: Keys 'override' and 'append: true' cannot be used together. Add an "
                  "'append' entry (e.g. 'condition: append') under 'override' instead."},
        ErrorCase{"- list: l1\n  items: [x]\n  append: true\n  override:\n    items: append\n",
                  "LOAD_ERR_YAML_VALIDATE: Keys 'override' and 'append: true' cannot be used together. Add an "
                  "'append' entry (e.g. 'condition: append') under 'override' instead."},
        ErrorCase{"- rule: r1\n  condition: x\n  output: y\n  override:\n    condition: append\n",
                  "LOAD_ERR_YAML_VALIDATE: Unexpected key 'output': no corresponding entry under 'override' is "
                  "defined."},
        ErrorCase{"- rule: r1\n  condition: x\n  override:\n    condition: append\n    output: append\n",
                  "LOAD_ERR_YAML_VALIDATE: An append override for 'output' was specified but 'output' is not defined"},
        ErrorCase{"- rule: r1\n  priority: info\n  override:\n    priority: append\n",
                  "LOAD_ERR_YAML_VALIDATE: Key 'priority' cannot be appended to, use 'replace' instead"},
        ErrorCase{"- rule: r1\n  source: k8s_audit\n  override:\n    source: replace\n",
                  "LOAD_ERR_YAML_VALIDATE: Key 'source' cannot be replaced"},
        ErrorCase{"- rule: r1\n  condition: x\n  override:\n    condition: prepend\n",
                  "LOAD_ERR_YAML_VALIDATE: Invalid override operation for key 'condition': 'prepend'. Allowed "
                  "values are: append replace"},
        ErrorCase{"- rule: r1\n  priority: info\n  override:\n    priority: merge\n",
                  "LOAD_ERR_YAML_VALIDATE: Invalid override operation for key 'priority': 'merge'. Allowed values "
                  "are: replace"},
        ErrorCase{"- rule: r1\n  condition: x\n  override: append\n",
                  "LOAD_ERR_YAML_VALIDATE: Value of 'override' must be a mapping of keys to 'append' or 'replace'"},
        ErrorCase{"- rule: r1\n  priority: nope\n  override:\n    priority: replace\n",
                  "LOAD_ERR_YAML_VALIDATE: Invalid priority"},
        ErrorCase{"- rule: r2\n  desc: d\n  condition: c\n  output: o\n  priority: info\n  source: k8s_audit\n",
                  "LOAD_ERR_VALIDATE: Rule has been re-defined with a different source"}));

TEST(Collector, SourceMismatchAgainstAnUnknownSourceRule) {
  auto r = load("- rule: a\n  desc: d\n  condition: c\n  output: o\n  priority: info\n  source: k8s_audit\n"
                "- rule: a\n  desc: d\n  condition: c\n  output: o\n  priority: info\n");
  EXPECT_EQ(codes_and_messages(r.diags),
            (std::vector<std::string>{"LOAD_UNKNOWN_SOURCE: Unknown source k8s_audit, skipping",
                                      "LOAD_ERR_VALIDATE: Rule has been re-defined with a different source"}));
}

TEST(Collector, UnknownSourceRulesAreCountedAndCanStillBeAppendedTo) {
  auto r = load(R"(
- rule: audit
  desc: d
  condition: ka.verb = create
  output: o
  priority: info
  source: k8s_audit
- rule: audit
  condition: and ka.user.name = bob
  override:
    condition: append
- rule: audit
  enabled: false
)");
  EXPECT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(codes(r.diags), (std::vector<std::string>{"LOAD_UNKNOWN_SOURCE", "LOAD_DEPRECATED_ITEM"}));
  EXPECT_TRUE(r.doc.rules.empty());
  EXPECT_EQ(r.doc.skipped_rules, 1u);
  EXPECT_EQ(r.diags.items()[0].item, "rule 'audit'");
}

TEST(Collector, MacroVisibilityFollowsLatestDefineOrAppend) {
  auto r = load(R"(
- macro: a
  condition: b
- macro: b
  condition: evt.type = open
- macro: c
  condition: evt.type = close
- macro: a
  condition: or c
  override:
    condition: append
)");
  ASSERT_FALSE(r.diags.has_errors());
  const MacroItem* a = find_macro(r.doc, "a");
  EXPECT_EQ(a->index, 0u);
  EXPECT_EQ(a->visibility, 3u);  // may now reference b (1) and c (2)
  EXPECT_EQ(a->condition.text, "b or c");
  EXPECT_EQ(find_macro(r.doc, "c")->visibility, 2u);
}

TEST(Collector, AppendingRuleWithNothingToAppendIsAnError) {
  auto r = load(std::vector<std::string>{kBase, "- rule: r1\n  append: true\n"});
  EXPECT_EQ(codes_and_messages(r.diags),
            (std::vector<std::string>{"LOAD_DEPRECATED_ITEM: 'append' key is deprecated. Add an 'append' entry (e.g. "
                                      "'condition: append') under 'override' instead.",
                                      "LOAD_ERR_VALIDATE: Appended rule must have exceptions or condition property"}));
}

TEST(Collector, ReplacingWithOnlyANullValueIsAnError) {
  auto r = load(std::vector<std::string>{kBase, "- rule: r1\n  exceptions:\n  override:\n    exceptions: replace\n"});
  EXPECT_EQ(codes_and_messages(r.diags),
            (std::vector<std::string>{"LOAD_ERR_VALIDATE: The rule must have at least one field that can be replaced"}));
}

TEST(Collector, ErrorInCollectorStopsTheRestOfTheFile) {
  auto r = load("- list: a\n  items: [x]\n  append: true\n- list: b\n  items: [y]\n");
  EXPECT_EQ(r.diags.error_count(), 1u);
  EXPECT_EQ(find_list(r.doc, "b"), nullptr);
}

}  // namespace
}  // namespace lanner::rules
