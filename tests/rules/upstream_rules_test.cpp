// The upstream Falco rule files (test data only) load as falco-language.md section 4 measures.
#include <gtest/gtest.h>

#include <algorithm>

#include "rules/test_helpers.h"

namespace lanner::rules {
namespace {

const std::string kDir = LANNER_UPSTREAM_RULES_DIR;

std::vector<SourceText> read_upstream(const std::vector<std::string>& names, Diagnostics& diags) {
  std::vector<std::string> paths;
  for (const auto& n : names) paths.push_back(kDir + "/" + n);
  return read_rule_paths(paths, diags);
}

#define SKIP_WITHOUT_UPSTREAM()                                                              \
  if (!testing::file_exists(kDir + "/falco_rules.yaml")) {                                   \
    GTEST_SKIP() << "upstream rules not found in " << kDir << " (LANNER_UPSTREAM_RULES_DIR)"; \
  }

size_t count_disabled(const RuleDocument& doc) {
  return static_cast<size_t>(std::count_if(doc.rules.begin(), doc.rules.end(), [](const RuleItem& r) { return !r.enabled; }));
}

TEST(UpstreamRules, CurrentStableFileAlone) {
  SKIP_WITHOUT_UPSTREAM();
  Diagnostics diags;
  auto files = read_upstream({"falco_rules.yaml"}, diags);
  RuleDocument doc = load_document(files, diags);
  EXPECT_EQ(diags.error_count(), 0u) << render_text(diags);
  EXPECT_EQ(doc.rules.size(), 25u);
  EXPECT_EQ(doc.macros.size(), 87u);
  EXPECT_EQ(doc.lists.size(), 49u);
  EXPECT_EQ(count_disabled(doc), 0u);
  EXPECT_EQ(doc.required_engine_version, "0.57.0");
}

TEST(UpstreamRules, ThreeCurrentFilesTogether) {
  SKIP_WITHOUT_UPSTREAM();
  Diagnostics diags;
  auto files = read_upstream({"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"}, diags);
  ASSERT_EQ(files.size(), 3u);
  RuleDocument doc = load_document(files, diags);
  EXPECT_EQ(diags.error_count(), 0u) << render_text(diags);
  EXPECT_EQ(diags.warning_count(), 0u) << render_text(diags);
  EXPECT_EQ(doc.rules.size(), 93u);
  EXPECT_EQ(count_disabled(doc), 12u);
  EXPECT_EQ(doc.macros.size(), 315u);
  EXPECT_EQ(doc.lists.size(), 118u);
  EXPECT_EQ(doc.skipped_rules, 0u);
}

TEST(UpstreamRules, Falco0221WithLocalFile) {
  SKIP_WITHOUT_UPSTREAM();
  Diagnostics diags;
  auto files = read_upstream({"falco-0.22.1/falco_rules.yaml", "falco-0.22.1/falco_rules.local.yaml"}, diags);
  RuleDocument doc = load_document(files, diags);
  EXPECT_EQ(diags.error_count(), 0u) << render_text(diags);
  EXPECT_EQ(doc.rules.size(), 56u);
  EXPECT_EQ(count_disabled(doc), 1u);
  EXPECT_EQ(doc.macros.size(), 267u);
  EXPECT_EQ(doc.lists.size(), 107u);
  const RuleItem* miner = testing::find_rule(doc, "Detect outbound connections to common miner pool ports");
  ASSERT_NE(miner, nullptr);
  EXPECT_FALSE(miner->enabled);
}

TEST(UpstreamRules, K8sAuditRulesAreSkippedWithWarnings) {
  SKIP_WITHOUT_UPSTREAM();
  Diagnostics diags;
  auto files = read_upstream({"falco-0.22.1/k8s_audit_rules.yaml"}, diags);
  RuleDocument doc = load_document(files, diags);
  EXPECT_EQ(diags.error_count(), 0u) << render_text(diags);
  EXPECT_EQ(doc.rules.size(), 0u);
  EXPECT_EQ(doc.skipped_rules, 36u);
  auto codes = testing::codes(diags);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "LOAD_UNKNOWN_SOURCE"), 36);
  EXPECT_EQ(doc.required_engine_version, "0.2.0");
}

}  // namespace
}  // namespace lanner::rules
