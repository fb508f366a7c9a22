// Hostile input fails cleanly and quickly: YAML alias bombs, deep nesting, huge substitutions.
#include <gtest/gtest.h>

#include <chrono>

#include "rules/test_helpers.h"

namespace lanner::rules {
namespace {

using testing::load;

// Runs a load and checks it failed with `code`. The time bound only catches a hang or an
// unbounded expansion (seconds of work under sanitizers are fine); it is not a speed check.
void expect_bounded_failure(const std::string& yaml, const std::string& code, const std::string& message_part) {
  auto start = std::chrono::steady_clock::now();
  auto r = load(yaml);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 60000);
  ASSERT_TRUE(r.diags.has_errors());
  const Diagnostic* first_error = nullptr;
  for (const auto& d : r.diags.items()) {
    if (d.severity == Severity::kError && !first_error) first_error = &d;
  }
  ASSERT_NE(first_error, nullptr);
  EXPECT_EQ(first_error->code, code) << first_error->message;
  EXPECT_NE(first_error->message.find(message_part), std::string::npos) << first_error->message;
}

// Classic billion laughs: 9 levels of 9 aliases each = 9^9 leaves if expanded.
std::string billion_laughs(const std::string& use) {
  std::string yaml = "- list: l0\n  items: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 8; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    yaml += "- list: l" + std::to_string(i) + "\n  items: &a" + std::to_string(i) + " [" + prev;
    for (int k = 0; k < 8; ++k) yaml += ", " + prev;
    yaml += "]\n";
  }
  return yaml + use;
}

TEST(Limits, BillionLaughsInListItemsIsRejectedAtTheFirstNestedItem) {
  // The first nested list item already fails "sequence value is not scalar".
  expect_bounded_failure(billion_laughs(""), "LOAD_ERR_YAML_VALIDATE", "sequence value is not scalar");
}

TEST(Limits, BillionLaughsInExceptionValuesIsBoundedByNesting) {
  std::string yaml = "- macro: m\n  condition: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  yaml = "- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: info\n  exceptions:\n"
         "    - name: e\n      fields: [proc.name]\n      values: *a8\n";
  std::string anchors = "- list: anchors\n  items: []\n  x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 8; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    anchors += "  x" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int k = 0; k < 8; ++k) anchors += ", " + prev;
    anchors += "]\n";
  }
  expect_bounded_failure(anchors + yaml, "LOAD_ERR_YAML_VALIDATE", "nested more than 8 levels");
}

TEST(Limits, WideAliasFanOutIsBoundedByTheNodeBudget) {
  // A 2000-item list reused by 2000 lists through one anchor: 4M item visits, over the budget.
  std::string yaml = "- list: big\n  items: &big [";
  for (int i = 0; i < 2000; ++i) yaml += (i ? ", x" : "x") + std::to_string(i);
  yaml += "]\n";
  for (int i = 0; i < 2000; ++i) yaml += "- {list: copy" + std::to_string(i) + ", items: *big}\n";
  expect_bounded_failure(yaml, "LOAD_ERR_YAML_VALIDATE", "YAML nodes");
}

TEST(Limits, AppendingThroughAliasesIsBoundedByTheListSize) {
  std::string yaml = "- list: big\n  items: &big [";
  for (int i = 0; i < 2000; ++i) yaml += (i ? ", x" : "x") + std::to_string(i);
  yaml += "]\n";
  for (int i = 0; i < 2000; ++i) yaml += "- {list: big, items: *big, override: {items: append}}\n";
  expect_bounded_failure(yaml, "LOAD_ERR_VALIDATE", "more than the limit of 100000");
}

TEST(Limits, LongScalarReusedThroughAliasesIsBoundedByTheByteBudget) {
  std::string yaml = "- macro: m\n  condition: &c \"" + std::string(1 << 20, 'a') + "\"\n";
  for (int i = 0; i < 100; ++i) yaml += "- {macro: m" + std::to_string(i) + ", condition: *c}\n";
  expect_bounded_failure(yaml, "LOAD_ERR_YAML_VALIDATE", "bytes of scalar values");
}

TEST(Limits, AppendedConditionIsBoundedByTheConditionSize) {
  std::string yaml = "- macro: m\n  condition: &c \"" + std::string(1 << 20, 'a') + "\"\n";
  for (int i = 0; i < 10; ++i) yaml += "- {macro: m, condition: *c, override: {condition: append}}\n";
  expect_bounded_failure(yaml, "LOAD_ERR_VALIDATE", "Condition is longer than the limit");
}

TEST(Limits, DeeplyNestedFlowSequenceIsAParseError) {
  std::string yaml = "- list: deep\n  items: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  expect_bounded_failure(yaml, "LOAD_ERR_YAML_PARSE", "");
}

TEST(Limits, DeeplyNestedBlockMappingIsAParseError) {
  std::string yaml = "- rule: r\n";
  std::string indent = "  ";
  for (int i = 0; i < 3000; ++i) {
    yaml += indent + "k:\n";
    indent += " ";
  }
  expect_bounded_failure(yaml, "LOAD_ERR_YAML_PARSE", "");
}

TEST(Limits, InputThatMakesYamlCppLoopForeverIsAParseError) {
  // Found by fuzz_rules_loader: yaml-cpp 0.7's LoadAll never returned on this input; libyaml
  // reports it as a syntax error at its first byte.
  std::string yaml = ", rule: Bad priority\n`   condition:  is T\n";
  expect_bounded_failure(yaml, "LOAD_ERR_YAML_PARSE", "did not find expected node content");
}

TEST(Limits, ModeratelyNestedValueIsAValidationErrorNotACrash) {
  std::string yaml = "- list: deep\n  items: " + std::string(50, '[') + std::string(50, ']') + "\n";
  expect_bounded_failure(yaml, "LOAD_ERR_YAML_VALIDATE", "sequence value is not scalar");
}

TEST(Limits, ListSubstitutionThatMultipliesTextIsBounded) {
  // 50k-item list referenced 200 times: ~10M items of text, over the condition size limit.
  std::string yaml = "- list: many\n  items: [";
  for (int i = 0; i < 50000; ++i) yaml += (i ? ", item" : "item") + std::to_string(i);
  yaml += "]\n- macro: m\n  condition: \"";
  for (int i = 0; i < 200; ++i) yaml += (i ? " or a in (many)" : "a in (many)");
  yaml += "\"\n";
  expect_bounded_failure(yaml, "LOAD_ERR_VALIDATE", "Condition is longer than the limit");
}

TEST(Limits, ListLargerThanTheItemLimitIsRejected) {
  std::string yaml = "- list: huge\n  items: [";
  for (int i = 0; i < 100001; ++i) yaml += i ? ",x" : "x";
  yaml += "]\n";
  expect_bounded_failure(yaml, "LOAD_ERR_VALIDATE", "more than the limit of 100000");
}

TEST(Limits, ManyOccurrencesOfAOneItemListStayLinear) {
  // Falco's rewrite-per-occurrence would copy the condition 100k times; ours is one pass.
  std::string yaml = "- list: l\n  items: [x]\n- macro: m\n  condition: \"";
  for (int i = 0; i < 100000; ++i) yaml += "l ";
  yaml += "\"\n";
  auto start = std::chrono::steady_clock::now();
  auto r = load(yaml);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 60000);
  EXPECT_FALSE(r.diags.has_errors());
  ASSERT_EQ(r.doc.macros.size(), 1u);
}

TEST(Limits, VeryLongSourceLinesAreNotEchoedInFull) {
  auto r = load("- macro: m\n  condition: [" + std::string(100000, 'x') + "]\n");
  ASSERT_EQ(r.diags.items().size(), 1u);
  EXPECT_LE(r.diags.items()[0].source_line.size(), 260u);
}

}  // namespace
}  // namespace lanner::rules
