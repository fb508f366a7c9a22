// The capped, single-scan YAML load must give the same documents as YAML::LoadAll: the readers
// depend on marks (spans), map entry order, duplicate keys, tags and alias sharing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "rules/test_helpers.h"
#include "rules/yaml_guard.h"

namespace lanner::rules {
namespace {

void expect_same_node(const YAML::Node& expected, const YAML::Node& actual, const std::string& path) {
  ASSERT_EQ(expected.Type(), actual.Type()) << path;
  EXPECT_EQ(expected.Tag(), actual.Tag()) << path;
  EXPECT_EQ(expected.Style(), actual.Style()) << path;
  EXPECT_EQ(expected.Mark().pos, actual.Mark().pos) << path;
  EXPECT_EQ(expected.Mark().line, actual.Mark().line) << path;
  EXPECT_EQ(expected.Mark().column, actual.Mark().column) << path;
  if (expected.IsScalar()) {
    EXPECT_EQ(expected.Scalar(), actual.Scalar()) << path;
  }
  if (!expected.IsSequence() && !expected.IsMap()) return;
  ASSERT_EQ(expected.size(), actual.size()) << path;
  auto e = expected.begin();
  auto a = actual.begin();
  for (size_t i = 0; e != expected.end(); ++e, ++a, ++i) {
    std::string at = path + "/" + std::to_string(i);
    if (expected.IsSequence()) {
      expect_same_node(*e, *a, at);
    } else {
      expect_same_node(e->first, a->first, at + ".key");
      expect_same_node(e->second, a->second, at + ".value");
    }
  }
}

void expect_same_as_load_all(const std::string& yaml, uint64_t max_built_events = kMaxEventsBuiltInOnePass) {
  std::vector<YAML::Node> expected = YAML::LoadAll(yaml);
  GuardedLoad actual = load_all_guarded(yaml, max_yaml_events(yaml.size()), max_built_events);
  ASSERT_TRUE(actual.terminated);
  ASSERT_EQ(expected.size(), actual.documents.size());
  for (size_t i = 0; i < expected.size(); ++i) expect_same_node(expected[i], actual.documents[i], "doc" + std::to_string(i));
}

TEST(YamlGuard, RulesLikeContentLoadsLikeLoadAll) {
  expect_same_as_load_all(R"(
- required_engine_version: 0.26.0
- list: shells
  items: [bash, "z sh", 'k']
- macro: m
  condition: >
    evt.type = open
    and fd.name = x
- rule: r
  desc: d
  condition: m and proc.name in (shells)
  output: "%proc.name"
  priority: WARNING
  tags: [a, b]
  exceptions:
    - name: e
      fields: [proc.name, fd.name]
      values:
        - [a, [b, c]]
)");
}

TEST(YamlGuard, AnchorsAliasesTagsNullsAndDuplicateKeysLoadLikeLoadAll) {
  expect_same_as_load_all(R"(
- list: l
  items: &items [a, b, ~, null, ""]
  items: *items
- {macro: &name m, condition: !!str x, ? [complex, key] : v}
- *name
- !custom {a: 1}
- ? only_key
- rule:
)");
}

TEST(YamlGuard, AliasesShareTheAnchoredNodeLikeLoadAll) {
  GuardedLoad load = load_all_guarded("- &a [x]\n- *a\n", 1000);
  ASSERT_EQ(load.documents.size(), 1u);
  EXPECT_TRUE(load.documents[0][0].is(load.documents[0][1]));
}

TEST(YamlGuard, SeveralDocumentsAndEmptyInputLoadLikeLoadAll) {
  expect_same_as_load_all("- a\n---\n- b: c\n...\n---\n");
  expect_same_as_load_all("");
  expect_same_as_load_all("# only a comment\n");
}

TEST(YamlGuard, UpstreamRuleFilesLoadLikeLoadAll) {
  const std::string dir = LANNER_UPSTREAM_RULES_DIR;
  if (!testing::file_exists(dir + "/falco_rules.yaml")) GTEST_SKIP() << "upstream rules not found in " << dir;
  for (const char* name : {"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"}) {
    SCOPED_TRACE(name);
    expect_same_as_load_all(testing::read_file(dir + "/" + name));
  }
}

TEST(YamlGuard, InputsPastTheBuildingLimitAreLoadedInASecondPassLikeLoadAll) {
  const std::string yaml = "- a\n---\n- {b: &x [c, d]}\n- *x\n---\n- e\n";
  for (uint64_t limit : {0u, 1u, 4u, 7u, 12u}) {
    SCOPED_TRACE(limit);
    expect_same_as_load_all(yaml, limit);
  }
}

TEST(YamlGuard, NonTerminatingParsePastTheBuildingLimitIsStillCapped) {
  // yaml-cpp 0.7 emits empty documents forever on this input (found by fuzzing).
  std::string yaml = ", rule: Bad priority\n`   condition:  is T\n" + std::string(1000, '\n');
  GuardedLoad load = load_all_guarded(yaml, max_yaml_events(yaml.size()), 100);
  EXPECT_FALSE(load.terminated);
  EXPECT_TRUE(load.documents.empty());
  EXPECT_EQ(load.last.line, 0);
}

TEST(YamlGuard, EventCapStopsTheLoadAndSaysWhere) {
  std::string yaml = "- [a, b, c, d, e, f, g, h]\n";
  GuardedLoad load = load_all_guarded(yaml, 5);
  EXPECT_FALSE(load.terminated);
  EXPECT_TRUE(load.documents.empty());
  EXPECT_EQ(load.last.line, 0);
  EXPECT_GT(load.last.column, 0);
}

TEST(YamlGuard, SyntaxErrorsThrowLikeLoadAll) {
  EXPECT_THROW(load_all_guarded("- [a, b\n", 1000), YAML::Exception);
  EXPECT_THROW(load_all_guarded("- *undefined\n", 1000), YAML::Exception);
}

}  // namespace
}  // namespace lanner::rules
