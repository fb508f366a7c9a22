// Loads Falco's upstream rule files (test data, read from LANNER_UPSTREAM_RULES_DIR) through the
// whole pipeline with lanner's real field catalogue.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "common/diagnostic.h"
#include "engine/load.h"
#include "event/field_registry.h"

namespace lanner::engine {
namespace {

std::string upstream(const std::string& relative) {
  return std::string(LANNER_UPSTREAM_RULES_DIR) + "/" + relative;
}

bool have(const std::vector<std::string>& paths) {
  for (const auto& p : paths) {
    if (!std::filesystem::exists(p)) return false;
  }
  return true;
}

size_t count_code(const Diagnostics& d, const std::string& code) {
  size_t n = 0;
  for (const auto& item : d.items()) n += item.code == code;
  return n;
}

TEST(Upstream, CurrentThreeFilesLoadWithoutErrors) {
  std::vector<std::string> paths = {upstream("falco_rules.yaml"), upstream("falco-incubating_rules.yaml"),
                                    upstream("falco-sandbox_rules.yaml")};
  if (!have(paths)) GTEST_SKIP() << "upstream rule files not found in " << LANNER_UPSTREAM_RULES_DIR;
  LoadResult r = load_rule_files(paths, event::field_catalog());
  ASSERT_EQ(r.diagnostics.error_count(), 0u) << render_text(r.diagnostics);
  ASSERT_TRUE(r.ruleset);
  EXPECT_EQ(r.ruleset->rules().size(), 93u);
  size_t disabled = 0;
  for (const auto& rule : r.ruleset->rules()) disabled += !rule.enabled;
  EXPECT_EQ(disabled, 12u);
  EXPECT_EQ(count_code(r.diagnostics, "LOAD_NO_EVTTYPE"), 0u) << render_text(r.diagnostics);
  EXPECT_EQ(r.ruleset->active_count(), 81u);
  EXPECT_TRUE(r.ruleset->event_types().is_finite());
  // Every enabled rule is found through its event types.
  const CompiledRule* shell = r.ruleset->find("Terminal shell in container");
  ASSERT_NE(shell, nullptr);
  EXPECT_EQ(shell->event_types.to_string(), "{execve, execveat}");
  bool found = false;
  for (const CompiledRule* c : r.ruleset->rules_for("execve")) found |= c == shell;
  EXPECT_TRUE(found);
}

TEST(Upstream, CurrentFalcoRulesAlone) {
  std::vector<std::string> paths = {upstream("falco_rules.yaml")};
  if (!have(paths)) GTEST_SKIP() << "upstream rule files not found";
  LoadResult r = load_rule_files(paths, event::field_catalog());
  ASSERT_EQ(r.diagnostics.error_count(), 0u) << render_text(r.diagnostics);
  ASSERT_TRUE(r.ruleset);
  EXPECT_EQ(r.ruleset->rules().size(), 25u);
  EXPECT_EQ(count_code(r.diagnostics, "LOAD_UNUSED_MACRO"), 0u) << render_text(r.diagnostics);
  EXPECT_EQ(count_code(r.diagnostics, "LOAD_UNUSED_LIST"), 0u) << render_text(r.diagnostics);
}

TEST(Upstream, Falco0221RulesAndLocalFile) {
  std::vector<std::string> paths = {upstream("falco-0.22.1/falco_rules.yaml"),
                                    upstream("falco-0.22.1/falco_rules.local.yaml")};
  if (!have(paths)) GTEST_SKIP() << "Falco 0.22.1 rule files not found";
  LoadResult r = load_rule_files(paths, event::field_catalog());
  ASSERT_EQ(r.diagnostics.error_count(), 0u) << render_text(r.diagnostics);
  ASSERT_TRUE(r.ruleset);
  EXPECT_EQ(r.ruleset->rules().size(), 56u);
  // The three rules without a positive evt.type restriction warn, as in Falco.
  EXPECT_EQ(count_code(r.diagnostics, "LOAD_NO_EVTTYPE"), 3u) << render_text(r.diagnostics);
  EXPECT_GE(count_code(r.diagnostics, "LOAD_DEPRECATED_ITEM"), 1u);  // %container.info, evt.dir
}

TEST(Upstream, K8sAuditRulesAreSkippedWithAWarning) {
  std::vector<std::string> paths = {upstream("falco-0.22.1/k8s_audit_rules.yaml")};
  if (!have(paths)) GTEST_SKIP() << "Falco 0.22.1 rule files not found";
  LoadResult r = load_rule_files(paths, event::field_catalog());
  EXPECT_EQ(r.diagnostics.error_count(), 0u) << render_text(r.diagnostics);
  ASSERT_TRUE(r.ruleset);
  EXPECT_EQ(r.ruleset->rules().size(), 0u);
  EXPECT_GE(r.diagnostics.warning_count(), 1u);
}

}  // namespace
}  // namespace lanner::engine
