#include <gtest/gtest.h>

#include "engine/load.h"
#include "fakes/fake_field_catalog.h"

namespace lanner::engine {
namespace {

LoadResult load(const std::string& yaml) {
  lanner::testing::FakeFieldCatalog catalog;
  return load_rule_texts({RulesText{"rules.yaml", yaml}}, catalog);
}

TEST(Load, YamlToCompiledRules) {
  LoadResult r = load(R"(
- list: shells
  items: [bash, sh]
- macro: spawned
  condition: evt.type = execve
- rule: shell
  desc: a shell
  condition: spawned and proc.name in (shells)
  output: "shell %proc.name"
  priority: WARNING
  tags: [a, b]
)");
  ASSERT_TRUE(r.ruleset) << render_text(r.diagnostics);
  ASSERT_EQ(r.ruleset->rules().size(), 1u);
  const CompiledRule& rule = r.ruleset->rules()[0];
  EXPECT_EQ(rule.condition, "(evt.type = execve and proc.name in (bash, sh))");
  EXPECT_EQ(rule.priority, rules::Priority::kWarning);
  EXPECT_EQ(rule.tags, (std::set<std::string>{"a", "b"}));
  EXPECT_EQ(r.files, std::vector<std::string>{"rules.yaml"});
}

TEST(Load, CompileErrorPointsIntoTheYaml) {
  LoadResult r = load(R"(- rule: typo
  desc: d
  condition: evt.type = open and proc.nmae = cat
  output: o
  priority: INFO
)");
  EXPECT_FALSE(r.ruleset);
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  EXPECT_EQ(render_text(r.diagnostics.items()[0]),
            "rules.yaml:3:34: error: rule 'typo': nonexistent field 'proc.nmae' (did you mean 'proc.name'?) "
            "[LOAD_ERR_COMPILE_CONDITION]\n"
            "    condition: evt.type = open and proc.nmae = cat\n"
            "                                   ^^^^^^^^^\n");
}

TEST(Load, ParseErrorPointsAtWhereParsingStopped) {
  LoadResult r = load(R"(- rule: syntax
  desc: d
  condition: evt.type = open and proc.name = cat dog
  output: o
  priority: INFO
)");
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  EXPECT_EQ(render_text(r.diagnostics.items()[0]),
            "rules.yaml:3:50: error: rule 'syntax': unexpected token after 'cat', expecting 'or', 'and' "
            "[LOAD_ERR_COMPILE_CONDITION]\n"
            "    condition: evt.type = open and proc.name = cat dog\n"
            "                                                   ^\n");
}

TEST(Load, BlockScalarConditionErrorFindsTheLine) {
  LoadResult r = load(R"(- rule: typo
  desc: d
  condition: >
    evt.type = open
    and fd.num >= 0
    and proc.nmae = cat
  output: o
  priority: INFO
)");
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  const Diagnostic& d = r.diagnostics.items()[0];
  EXPECT_EQ(d.span.line, 6u);
  EXPECT_EQ(d.span.column, 9u);
  EXPECT_EQ(d.source_line, "    and proc.nmae = cat");
}

TEST(Load, OutputErrorsPointIntoTheYaml) {
  LoadResult r = load(R"(- rule: out
  desc: d
  condition: evt.type = open
  output: "opened %fd.nam by %proc.name"
  priority: INFO
)");
  ASSERT_EQ(r.diagnostics.error_count(), 1u) << render_text(r.diagnostics);
  const Diagnostic& d = r.diagnostics.items()[0];
  EXPECT_EQ(d.code, "LOAD_ERR_COMPILE_OUTPUT");
  EXPECT_EQ(d.span.line, 4u);
  EXPECT_EQ(d.span.column, 19u);
}

TEST(Load, YamlErrorsStopBeforeCompiling) {
  LoadResult r = load("- rule: [unclosed\n");
  EXPECT_FALSE(r.ruleset);
  EXPECT_TRUE(r.diagnostics.has_errors());
}

}  // namespace
}  // namespace lanner::engine
