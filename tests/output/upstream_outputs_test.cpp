// Every `output:` of Falco's upstream rule files compiles against lanner's real field catalogue
// (src/event), with the default append_output. Catches disagreements between the template parser
// and the catalogue (argument kinds, evt.arg.NAME, filter-only flags).
#include <gtest/gtest.h>

#include <filesystem>

#include "event/field_registry.h"
#include "output/rule_output.h"
#include "rules/loader.h"

namespace lanner::output {
namespace {

struct CompileCount {
  size_t rules = 0;
  size_t compiled = 0;
  Diagnostics diags;
};

CompileCount compile_outputs(const std::vector<std::string>& files) {
  CompileCount count;
  Diagnostics load_diags;
  auto texts = rules::read_rule_paths(files, load_diags);
  rules::RuleDocument doc = rules::load_document(texts, load_diags);
  config::Config config;
  for (const auto& rule : doc.rules) {
    ++count.rules;
    if (RuleOutput::compile(rule, config.append_output, event::field_catalog(), count.diags)) {
      ++count.compiled;
    }
  }
  return count;
}

std::string upstream(const std::string& name) {
  return std::string(LANNER_UPSTREAM_RULES_DIR) + "/" + name;
}

TEST(UpstreamOutputsTest, CurrentRuleFilesCompile) {
  const std::vector<std::string> files{upstream("falco_rules.yaml"),
                                       upstream("falco-incubating_rules.yaml"),
                                       upstream("falco-sandbox_rules.yaml")};
  for (const auto& f : files) {
    if (!std::filesystem::exists(f)) GTEST_SKIP() << f << " not found";
  }
  CompileCount c = compile_outputs(files);
  ASSERT_GT(c.rules, 80u);
  EXPECT_EQ(c.compiled, c.rules) << render_text(c.diags);
  EXPECT_EQ(c.diags.items().size(), 0u) << render_text(c.diags);
}

TEST(UpstreamOutputsTest, Falco0221RulesCompileWithContainerInfoWarnings) {
  const std::string f = upstream("falco-0.22.1/falco_rules.yaml");
  if (!std::filesystem::exists(f)) GTEST_SKIP() << f << " not found";
  CompileCount c = compile_outputs({f});
  ASSERT_GT(c.rules, 50u);
  EXPECT_EQ(c.compiled, c.rules) << render_text(c.diags);
  EXPECT_FALSE(c.diags.has_errors()) << render_text(c.diags);
  size_t deprecated = 0;
  for (const auto& d : c.diags.items()) deprecated += d.code == "LOAD_DEPRECATED_ITEM" ? 1 : 0;
  EXPECT_EQ(deprecated, 13u);  // %container.info occurrences (falco-language.md 4.3)
}

}  // namespace
}  // namespace lanner::output
