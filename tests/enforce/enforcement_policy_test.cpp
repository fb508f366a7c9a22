// Selectors matched against a compiled rule set.
#include "app/enforcement.h"

#include <gtest/gtest.h>

#include "engine/load.h"
#include "event/field_registry.h"
#include "test_rules.h"

namespace lanner::app {
namespace {

using lanner::testing::entry;

std::unique_ptr<engine::RuleSet> test_rules() {
  auto loaded = engine::load_rule_texts({{"rules.yaml", lanner::testing::kEnforceTestRules}},
                                        event::field_catalog());
  EXPECT_FALSE(loaded.diagnostics.has_errors()) << render_text(loaded.diagnostics);
  return std::move(loaded.ruleset);
}

const engine::CompiledRule& rule_named(const engine::RuleSet& rules, const std::string& name) {
  for (const auto& rule : rules.rules()) {
    if (rule.name == name) return rule;
  }
  throw std::runtime_error("no rule " + name);
}

TEST(EnforcementPolicy, InactiveWithoutSelectors) {
  auto rules = test_rules();
  Diagnostics diags;
  auto policy = EnforcementPolicy::resolve({}, *rules, diags);
  EXPECT_FALSE(policy.active());
  EXPECT_EQ(policy.action_for(rule_named(*rules, "Read shadow")), nullptr);
  EXPECT_FALSE(policy.enforces_any(rules->rules_for("openat")));
}

TEST(EnforcementPolicy, SelectsByRuleGlobTagAndPriority) {
  auto rules = test_rules();
  Diagnostics diags;
  std::vector<config::EnforceEntry> entries{entry("rule:Read *"), entry("tag:shell", "kill")};
  auto policy = EnforcementPolicy::resolve(entries, *rules, diags);
  EXPECT_FALSE(diags.has_errors()) << render_text(diags);
  EXPECT_TRUE(policy.active());
  EXPECT_EQ(policy.enforced_rules(), 2u);
  ASSERT_NE(policy.action_for(rule_named(*rules, "Read shadow")), nullptr);
  EXPECT_EQ(policy.action_for(rule_named(*rules, "Read shadow"))->text(), "deny:EPERM");
  EXPECT_EQ(policy.action_for(rule_named(*rules, "Shell spawned"))->text(), "kill");
  EXPECT_EQ(policy.action_for(rule_named(*rules, "Open anything below tmp")), nullptr);
  EXPECT_TRUE(policy.enforces_any(rules->rules_for("openat")));
  EXPECT_TRUE(policy.enforces_any(rules->rules_for("execve")));
  EXPECT_FALSE(policy.enforces_any(rules->rules_for("connect")));

  auto by_priority = EnforcementPolicy::resolve({{entry("priority>=warning")}}, *rules, diags);
  EXPECT_EQ(by_priority.enforced_rules(), 2u);  // CRITICAL and WARNING, not NOTICE
  EXPECT_EQ(by_priority.action_for(rule_named(*rules, "Open anything below tmp")), nullptr);
}

TEST(EnforcementPolicy, StrongestActionWins) {
  auto rules = test_rules();
  Diagnostics diags;
  std::vector<config::EnforceEntry> entries{entry("tag:filesystem", "kill-tree"),
                                            entry("rule:Read shadow", "deny:EACCES")};
  auto policy = EnforcementPolicy::resolve(entries, *rules, diags);
  EXPECT_EQ(policy.action_for(rule_named(*rules, "Read shadow"))->text(), "kill-tree");
}

TEST(EnforcementPolicy, ASelectorThatSelectsNothingIsAnError) {
  auto rules = test_rules();
  Diagnostics diags;
  EnforcementPolicy::resolve({{entry("rule:Read shadw")}}, *rules, diags);
  ASSERT_TRUE(diags.has_errors());
  const std::string text = render_text(diags);
  EXPECT_NE(text.find("LANNER_ENFORCE_NO_MATCH"), std::string::npos) << text;
  EXPECT_NE(text.find("--enforce rule:Read shadw selects no loaded rule (did you mean 'rule:Read shadow'?)"),
            std::string::npos) << text;
}

}  // namespace
}  // namespace lanner::app
