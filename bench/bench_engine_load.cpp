// Load-time cost: YAML -> merged document -> parsed, macro-resolved, compiled, bucketed rules.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/load.h"
#include "event/field_registry.h"
#include "lang/compiler.h"
#include "lang/parser.h"
#include "rules/loader.h"
#include "rules/yaml_tree.h"

namespace {

std::vector<std::string> upstream(std::initializer_list<const char*> names) {
  std::vector<std::string> out;
  for (const char* n : names) out.push_back(std::string(LANNER_UPSTREAM_RULES_DIR) + "/" + n);
  return out;
}

void run_load(benchmark::State& state, const std::vector<std::string>& paths) {
  for (const auto& p : paths) {
    if (!std::filesystem::exists(p)) {
      state.SkipWithError(("missing upstream file " + p).c_str());
      return;
    }
  }
  const auto& catalog = lanner::event::field_catalog();
  size_t rules = 0;
  for (auto _ : state) {
    auto result = lanner::engine::load_rule_files(paths, catalog);
    if (!result.ruleset) {
      state.SkipWithError("load failed");
      return;
    }
    rules = result.ruleset->rules().size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["rules"] = static_cast<double>(rules);
}

void BM_LoadUpstreamThreeFiles(benchmark::State& state) {
  run_load(state, upstream({"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"}));
}
BENCHMARK(BM_LoadUpstreamThreeFiles)->Unit(benchmark::kMillisecond);

const std::vector<std::string> kThreeFiles = {"falco_rules.yaml", "falco-incubating_rules.yaml",
                                              "falco-sandbox_rules.yaml"};

// The files' text, read once outside the timed loop; empty (and the state skipped) if missing.
std::vector<lanner::rules::SourceText> read_three_files(benchmark::State& state) {
  std::vector<std::string> paths;
  for (const auto& name : kThreeFiles) paths.push_back(std::string(LANNER_UPSTREAM_RULES_DIR) + "/" + name);
  lanner::Diagnostics diags;
  auto files = lanner::rules::read_rule_paths(paths, diags);
  if (diags.has_errors() || files.size() != paths.size()) {
    state.SkipWithError("missing upstream files");
    return {};
  }
  return files;
}

// The share of a load that is libyaml parsing and building the YAML tree (one pass each).
void BM_YamlOnlyUpstreamThreeFiles(benchmark::State& state) {
  auto files = read_three_files(state);
  if (files.empty()) return;
  for (auto _ : state) {
    for (const auto& f : files) {
      auto parse = lanner::rules::parse_yaml(f.content);
      benchmark::DoNotOptimize(parse);
    }
  }
}
BENCHMARK(BM_YamlOnlyUpstreamThreeFiles)->Unit(benchmark::kMillisecond);

// YAML plus item reading, merging, exceptions and list substitution: everything before compiling.
void BM_RulesDocumentUpstreamThreeFiles(benchmark::State& state) {
  auto files = read_three_files(state);
  if (files.empty()) return;
  for (auto _ : state) {
    lanner::Diagnostics diags;
    auto doc = lanner::rules::load_document(files, diags);
    benchmark::DoNotOptimize(doc);
  }
}
BENCHMARK(BM_RulesDocumentUpstreamThreeFiles)->Unit(benchmark::kMillisecond);

void BM_LoadFalcoRules(benchmark::State& state) { run_load(state, upstream({"falco_rules.yaml"})); }
BENCHMARK(BM_LoadFalcoRules)->Unit(benchmark::kMillisecond);

void BM_LoadFalco0221(benchmark::State& state) { run_load(state, upstream({"falco-0.22.1/falco_rules.yaml"})); }
BENCHMARK(BM_LoadFalco0221)->Unit(benchmark::kMillisecond);

constexpr const char* kTypicalCondition =
    "evt.type in (open, openat, openat2) and evt.is_open_read=true and fd.typechar='f' and fd.num>=0 "
    "and (fd.name startswith /etc/shadow or fd.name in (/etc/sudoers, /etc/pam.conf)) and not "
    "proc.name in (sshd, sudo, su, login, passwd) and not proc.pname startswith runc and not "
    "proc.aname[2] in (dpkg, rpm)";

void BM_ParseCondition(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(lanner::lang::parse_condition(kTypicalCondition));
}
BENCHMARK(BM_ParseCondition);

void BM_ParseAndCompileCondition(benchmark::State& state) {
  const auto& catalog = lanner::event::field_catalog();
  for (auto _ : state) {
    auto parsed = lanner::lang::parse_condition(kTypicalCondition);
    benchmark::DoNotOptimize(lanner::lang::compile_condition(*parsed.ast, catalog));
  }
}
BENCHMARK(BM_ParseAndCompileCondition);

}  // namespace

BENCHMARK_MAIN();
