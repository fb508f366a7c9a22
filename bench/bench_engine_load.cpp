// Load-time cost: YAML -> merged document -> parsed, macro-resolved, compiled, bucketed rules.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/load.h"
#include "event/field_registry.h"
#include "lang/compiler.h"
#include "lang/parser.h"

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
