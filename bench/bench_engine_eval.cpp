// Run-time cost: evaluating synthetic but realistic events against the three upstream rule files
// (rule_matching: all, so every candidate rule of the event type is evaluated), through the real
// field catalogue, EventFieldSource and Engine. items_per_second is events/s on one core.
#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <netinet/in.h>

#include <cerrno>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/load.h"
#include "event/event.h"
#include "event/event_builders.h"
#include "event/field_registry.h"

namespace {

using lanner::engine::CompiledRule;
using lanner::event::FdType;
using lanner::event::ProcessInfo;
using lanner::event::SyscallEvent;
using lanner::event::testing::endpoint_v4;
using lanner::event::testing::sockaddr_in_bytes;

// Loading takes ~100 ms: share one rule set between the benchmarks of this program.
const lanner::engine::RuleSet* upstream_ruleset() {
  static const std::unique_ptr<lanner::engine::RuleSet> ruleset = [] {
    std::vector<std::string> paths;
    for (const char* n : {"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"}) {
      paths.push_back(std::string(LANNER_UPSTREAM_RULES_DIR) + "/" + n);
      if (!std::filesystem::exists(paths.back())) return std::unique_ptr<lanner::engine::RuleSet>();
    }
    return lanner::engine::load_rule_files(paths, lanner::event::field_catalog()).ruleset;
  }();
  return ruleset.get();
}

std::shared_ptr<ProcessInfo> process(int64_t pid, const char* comm, const char* exe,
                                     std::vector<std::string> args,
                                     std::shared_ptr<const ProcessInfo> parent) {
  auto p = std::make_shared<ProcessInfo>();
  p->pid = p->vpid = pid;
  p->ppid = parent ? parent->pid : 0;
  p->sid = p->pgid = p->vpgid = parent ? parent->sid : pid;
  p->comm = comm;
  p->exe = p->exepath = exe;
  p->args = std::move(args);
  p->cwd = "/home/dev/project";
  p->user_name = "dev";
  p->uid = p->gid = 1000;
  p->loginuid = 1000;
  p->container_id = "host";
  p->start_time_ns = 1'700'000'000'000'000'000ULL;
  p->parent = std::move(parent);
  return p;
}

// systemd -> sshd -> bash -> make -> gcc: a build running in a login shell.
std::shared_ptr<ProcessInfo> make_chain() {
  auto init = process(1, "systemd", "/usr/lib/systemd/systemd", {"--system"}, nullptr);
  auto sshd = process(400, "sshd", "/usr/sbin/sshd", {"-D"}, init);
  auto bash = process(500, "bash", "/bin/bash", {}, sshd);
  return process(510, "make", "/usr/bin/make", {"-j2", "all"}, bash);
}

std::shared_ptr<ProcessInfo> gcc_process() {
  return process(600, "gcc", "/usr/bin/gcc", {"-O2", "-c", "main.c", "-o", "main.o"}, make_chain());
}

SyscallEvent base_event(const char* syscall, std::shared_ptr<const ProcessInfo> proc) {
  SyscallEvent ev;
  ev.num = 1;
  ev.time_ns = 1'700'000'001'000'000'000ULL;
  ev.syscall = lanner::event::syscall_by_name(syscall);
  ev.process = std::move(proc);
  ev.tid = ev.process->pid;
  return ev;
}

SyscallEvent execve_event() {
  SyscallEvent ev = base_event("execve", gcc_process());
  ev.argv = {"gcc", "-O2", "-c", "main.c", "-o", "main.o"};
  ev.data[0] = ev.abs_path[0] = "/usr/bin/gcc";
  ev.data_ok[0] = true;
  return ev;
}

SyscallEvent openat_event(const char* path, int flags, std::optional<int64_t> result) {
  SyscallEvent ev = base_event("openat", gcc_process());
  ev.raw = {static_cast<uint64_t>(AT_FDCWD), 0, static_cast<uint64_t>(flags), 0644, 0, 0};
  ev.data[1] = ev.abs_path[1] = path;
  ev.data_ok[1] = true;
  ev.has_fd = true;
  ev.fd.type = FdType::kFile;
  ev.fd.name = ev.fd.nameraw = path;
  ev.result = result;
  if (result) ev.fd.num = *result >= 0 ? *result : -1;
  return ev;
}

SyscallEvent connect_event(const char* ip, uint16_t port) {
  auto curl = process(700, "curl", "/usr/bin/curl", {"-s", "http://service/"},
                      process(500, "bash", "/bin/bash", {}, nullptr));
  SyscallEvent ev = base_event("connect", curl);
  ev.raw = {5, 0x1000, 16, 0, 0, 0};
  ev.data[1] = sockaddr_in_bytes(ip, port);
  ev.data_ok[1] = true;
  ev.has_fd = true;
  ev.fd.num = 5;
  ev.fd.type = FdType::kIpv4;
  ev.fd.l4proto = IPPROTO_TCP;
  ev.fd.has_tuple = true;
  ev.fd.local = endpoint_v4("10.0.0.2", 40000);
  ev.fd.remote = endpoint_v4(ip, port);
  ev.fd.name = "10.0.0.2:40000->" + std::string(ip) + ":" + std::to_string(port);
  return ev;
}

constexpr int kRead = O_RDONLY | O_CLOEXEC;
constexpr int kWrite = O_WRONLY | O_CREAT | O_TRUNC;

// The realistic mix: what a build or a service does most of the time.
std::vector<SyscallEvent> mix_events() {
  return {
      execve_event(),
      openat_event("/etc/ld.so.cache", kRead, std::nullopt),
      openat_event("/etc/ld.so.cache", kRead, 0),
      openat_event("/usr/lib/x86_64-linux-gnu/libc.so.6", kRead, std::nullopt),
      openat_event("/usr/lib/x86_64-linux-gnu/libc.so.6", kRead, 0),
      openat_event("/etc/passwd", kRead, std::nullopt),
      openat_event("/etc/passwd", kRead, 0),
      openat_event("/tmp/x", kWrite, std::nullopt),
      openat_event("/tmp/x", kWrite, 0),
      connect_event("127.0.0.1", 8080),
      connect_event("10.0.0.1", 443),
  };
}

void run_eval(benchmark::State& state, const std::vector<SyscallEvent>& events) {
  const lanner::engine::RuleSet* ruleset = upstream_ruleset();
  if (!ruleset) {
    state.SkipWithError("upstream rule files not found or not loadable");
    return;
  }
  lanner::engine::Engine engine(*ruleset, lanner::engine::RuleMatching::kAll);
  lanner::event::EventFieldSource source;
  std::vector<const CompiledRule*> matches;
  std::vector<std::string> types;
  size_t candidates = 0;
  for (const auto& ev : events) {
    types.emplace_back(ev.syscall->name);
    candidates += ruleset->rules_for(types.back()).size();
  }
  size_t matched = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < events.size(); ++i) {
      source.reset(events[i]);
      engine.evaluate(types[i], source, matches);
      matched += matches.size();
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * events.size()));
  state.counters["candidates"] = static_cast<double>(candidates) / static_cast<double>(events.size());
  state.counters["matched"] = benchmark::Counter(static_cast<double>(matched),
                                                 benchmark::Counter::kAvgIterations);
}

void BM_EvalExecve(benchmark::State& state) { run_eval(state, {execve_event()}); }
BENCHMARK(BM_EvalExecve);

void BM_EvalOpenatSensitiveFile(benchmark::State& state) {
  run_eval(state, {openat_event("/etc/shadow", O_RDONLY, 3)});
}
BENCHMARK(BM_EvalOpenatSensitiveFile);

void BM_EvalOpenatLibcResultUnset(benchmark::State& state) {
  run_eval(state, {openat_event("/usr/lib/x86_64-linux-gnu/libc.so.6", kRead, std::nullopt)});
}
BENCHMARK(BM_EvalOpenatLibcResultUnset);

void BM_EvalOpenatLibcResultOk(benchmark::State& state) {
  run_eval(state, {openat_event("/usr/lib/x86_64-linux-gnu/libc.so.6", kRead, 0)});
}
BENCHMARK(BM_EvalOpenatLibcResultOk);

void BM_EvalOpenatPasswdResultOk(benchmark::State& state) {
  run_eval(state, {openat_event("/etc/passwd", kRead, 0)});
}
BENCHMARK(BM_EvalOpenatPasswdResultOk);

void BM_EvalOpenatPasswdEacces(benchmark::State& state) {
  run_eval(state, {openat_event("/etc/passwd", kRead, -EACCES)});
}
BENCHMARK(BM_EvalOpenatPasswdEacces);

void BM_EvalOpenatTmpWriteResultOk(benchmark::State& state) {
  run_eval(state, {openat_event("/tmp/x", kWrite, 0)});
}
BENCHMARK(BM_EvalOpenatTmpWriteResultOk);

void BM_EvalConnectLoopback(benchmark::State& state) {
  run_eval(state, {connect_event("127.0.0.1", 8080)});
}
BENCHMARK(BM_EvalConnectLoopback);

void BM_EvalConnectPrivate(benchmark::State& state) { run_eval(state, {connect_event("10.0.0.1", 443)}); }
BENCHMARK(BM_EvalConnectPrivate);

void BM_EvalMix(benchmark::State& state) { run_eval(state, mix_events()); }
BENCHMARK(BM_EvalMix);
// Fixed iteration counts, for counting instructions per event (the VM has no hardware
// counters: run both under `valgrind --tool=callgrind` and divide the difference by 1000 * 11
// events; the difference cancels loading and first-use costs).
BENCHMARK(BM_EvalMix)->Name("BM_EvalMixCount/100")->Iterations(100);
BENCHMARK(BM_EvalMix)->Name("BM_EvalMixCount/1100")->Iterations(1100);

void BM_LookupUnwatchedType(benchmark::State& state) {
  const lanner::engine::RuleSet* ruleset = upstream_ruleset();
  if (!ruleset) {
    state.SkipWithError("upstream rule files not found or not loadable");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(ruleset->rules_for("getpid").size());
}
BENCHMARK(BM_LookupUnwatchedType);

}  // namespace

BENCHMARK_MAIN();
