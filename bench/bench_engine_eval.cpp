// Run-time cost: evaluating one synthetic event against the three upstream rule files
// (rule_matching: all, so every candidate rule of the event type is evaluated).
#include <benchmark/benchmark.h>

#include <fcntl.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/load.h"
#include "event/event.h"
#include "event/field_registry.h"

namespace {

using lanner::engine::CompiledRule;
using lanner::event::ProcessInfo;
using lanner::event::SyscallEvent;

std::unique_ptr<lanner::engine::RuleSet> load_upstream(benchmark::State& state) {
  std::vector<std::string> paths;
  for (const char* n : {"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"}) {
    paths.push_back(std::string(LANNER_UPSTREAM_RULES_DIR) + "/" + n);
    if (!std::filesystem::exists(paths.back())) {
      state.SkipWithError("upstream rule files not found");
      return nullptr;
    }
  }
  auto result = lanner::engine::load_rule_files(paths, lanner::event::field_catalog());
  if (!result.ruleset) state.SkipWithError("load failed");
  return std::move(result.ruleset);
}

std::shared_ptr<ProcessInfo> process(int64_t pid, const char* comm, const char* exe,
                                     std::shared_ptr<const ProcessInfo> parent) {
  auto p = std::make_shared<ProcessInfo>();
  p->pid = p->vpid = pid;
  p->ppid = parent ? parent->pid : 0;
  p->comm = comm;
  p->exe = p->exepath = exe;
  p->cwd = "/root";
  p->user_name = "root";
  p->container_id = "host";
  p->parent = std::move(parent);
  return p;
}

std::shared_ptr<ProcessInfo> shell_chain() {
  auto init = process(1, "systemd", "/usr/lib/systemd/systemd", nullptr);
  auto sshd = process(400, "sshd", "/usr/sbin/sshd", init);
  return process(500, "bash", "/bin/bash", sshd);
}

SyscallEvent execve_event() {
  SyscallEvent ev;
  ev.num = 1;
  ev.syscall = lanner::event::syscall_by_name("execve");
  auto child = process(600, "curl", "/usr/bin/curl", shell_chain());
  child->args = {"-s", "http://example.invalid/x.sh"};
  ev.process = child;
  ev.tid = 600;
  ev.argv = {"curl", "-s", "http://example.invalid/x.sh"};
  ev.data[0] = ev.abs_path[0] = "/usr/bin/curl";
  ev.data_ok[0] = true;
  return ev;
}

SyscallEvent openat_event() {
  SyscallEvent ev;
  ev.num = 2;
  ev.syscall = lanner::event::syscall_by_name("openat");
  ev.process = process(700, "cat", "/usr/bin/cat", shell_chain());
  ev.tid = 700;
  ev.raw = {static_cast<uint64_t>(AT_FDCWD), 0, O_RDONLY, 0, 0, 0};
  ev.data[1] = ev.abs_path[1] = "/etc/shadow";
  ev.data_ok[1] = true;
  ev.has_fd = true;
  ev.fd.type = lanner::event::FdType::kFile;
  ev.fd.name = ev.fd.nameraw = "/etc/shadow";
  ev.result = 3;  // as if the supervisor let the call run and it returned fd 3
  ev.fd.num = 3;
  return ev;
}

void run_eval(benchmark::State& state, const SyscallEvent& ev) {
  auto ruleset = load_upstream(state);
  if (!ruleset) return;
  lanner::engine::Engine engine(*ruleset, lanner::engine::RuleMatching::kAll);
  lanner::event::EventFieldSource source;
  std::vector<const CompiledRule*> matches;
  std::string type(ev.syscall->name);
  size_t matched = 0;
  for (auto _ : state) {
    source.reset(ev);
    engine.evaluate(type, source, matches);
    matched = matches.size();
  }
  state.counters["candidates"] = static_cast<double>(ruleset->rules_for(type).size());
  state.counters["matched"] = static_cast<double>(matched);
}

void BM_EvalExecve(benchmark::State& state) { run_eval(state, execve_event()); }
BENCHMARK(BM_EvalExecve);

void BM_EvalOpenatSensitiveFile(benchmark::State& state) { run_eval(state, openat_event()); }
BENCHMARK(BM_EvalOpenatSensitiveFile);

void BM_LookupUnwatchedType(benchmark::State& state) {
  auto ruleset = load_upstream(state);
  if (!ruleset) return;
  for (auto _ : state) benchmark::DoNotOptimize(ruleset->rules_for("getpid").size());
}
BENCHMARK(BM_LookupUnwatchedType);

}  // namespace

BENCHMARK_MAIN();
