// The AlertPipeline's verdicts and alerts in enforce and monitor mode, on synthetic events.
#include <fcntl.h>

#include <gtest/gtest.h>

#include <cerrno>

#include "app/monitor.h"
#include "app/pipeline_handler.h"
#include "event/event_builders.h"
#include "test_rules.h"

namespace lanner::app {
namespace {

using event::testing::make_event;
using event::testing::make_process;
using event::testing::set_arg_data;
using lanner::testing::entry;
using lanner::testing::read_json_alerts;
using lanner::testing::TempDir;

event::SyscallEvent open_event(const std::string& path) {
  auto ev = make_event("openat");
  ev.raw[0] = static_cast<uint64_t>(AT_FDCWD);
  ev.raw[2] = O_RDONLY;
  set_arg_data(ev, 1, path, path);
  ev.has_fd = true;
  ev.fd.type = event::FdType::kFile;
  ev.fd.name = path;
  ev.fd.nameraw = path;
  ev.process = make_process(100, "cat", "cat", {path});
  return ev;
}

event::SyscallEvent exec_event(const std::string& comm) {
  auto ev = make_event("execve");
  ev.process = make_process(100, comm, "/bin/" + comm, {"-c", "true"});
  return ev;
}

class PipelineVerdicts : public ::testing::Test {
 protected:
  void start(std::vector<config::EnforceEntry> enforce) {
    pipeline_.reset();
    monitor_.reset();
    Diagnostics diags;
    monitor_ = prepare_monitor(lanner::testing::options_for(dir_, std::move(enforce)), diags);
    ASSERT_TRUE(monitor_) << render_text(diags);
    pipeline_ = std::make_unique<AlertPipeline>(*monitor_);
  }
  std::vector<nlohmann::json> alerts() {
    monitor_->dispatcher->shutdown(std::chrono::milliseconds(2000));
    return read_json_alerts(dir_.path() + "/alerts.json");
  }

  TempDir dir_;
  std::optional<Monitor> monitor_;
  std::unique_ptr<AlertPipeline> pipeline_;
};

constexpr CallContext kSoleOpen{true, true};
constexpr CallContext kSharedOpen{true, false};

TEST_F(PipelineVerdicts, EnforcedOpenIsBlockedBeforeItRuns) {
  start({entry("rule:Read shadow")});
  auto ev = open_event("/etc/shadow");
  EXPECT_EQ(pipeline_->on_event(ev, kSoleOpen).kind, Verdict::Kind::kNeedResult);
  EXPECT_FALSE(ev.result) << "speculation must leave the result unknown";
  auto verdict = pipeline_->on_result(ev, true);
  ASSERT_EQ(verdict.kind, Verdict::Kind::kBlock);
  EXPECT_EQ(verdict.action.text(), "deny:EPERM");
  auto response = response_for(verdict);
  EXPECT_TRUE(response.deny);
  EXPECT_EQ(response.error, EPERM);
  EXPECT_EQ(response.kill, supervisor::Kill::kNone);

  auto all = alerts();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["rule"], "Read shadow");
  EXPECT_EQ(all[0]["output_fields"]["lanner.action"], "deny:EPERM");
  EXPECT_EQ(all[0]["output_fields"]["lanner.evidence"], "verified");
  EXPECT_NE(std::find(all[0]["tags"].begin(), all[0]["tags"].end(), "lanner_prevented"),
            all[0]["tags"].end());
}

TEST_F(PipelineVerdicts, SoleTaskOpensThatNoRuleCanMatchRunWithoutEmulation) {
  start({entry("rule:Read shadow")});
  auto ev = open_event("/var/tmp/harmless");
  EXPECT_EQ(pipeline_->on_event(ev, kSoleOpen).kind, Verdict::Kind::kContinue);
  EXPECT_TRUE(alerts().empty());
}

TEST_F(PipelineVerdicts, SharedTaskOpensAreAlwaysDecidedOnWhatLannerOpened) {
  start({entry("rule:Read shadow")});
  auto ev = open_event("/var/tmp/harmless");
  EXPECT_EQ(pipeline_->on_event(ev, kSharedOpen).kind, Verdict::Kind::kNeedResult);
  // Located: the file the open would reach is the shadow file (the path was swapped).
  ev.fd.name = "/etc/shadow";
  EXPECT_EQ(pipeline_->on_result(ev, true).kind, Verdict::Kind::kBlock);
}

TEST_F(PipelineVerdicts, UnknownResultBlocksIfEitherOutcomeWouldMatch) {
  start({entry("rule:Read shadow", "deny:EACCES")});
  auto ev = open_event("/etc/shadow");
  ASSERT_EQ(pipeline_->on_event(ev, kSharedOpen).kind, Verdict::Kind::kNeedResult);
  // Emulation declined: the decision rests on the path as read.
  auto verdict = pipeline_->on_result(ev, false);
  ASSERT_EQ(verdict.kind, Verdict::Kind::kBlock);
  EXPECT_EQ(verdict.action.error, EACCES);
  auto harmless = open_event("/var/tmp/harmless");
  ASSERT_EQ(pipeline_->on_event(harmless, kSharedOpen).kind, Verdict::Kind::kNeedResult);
  EXPECT_EQ(pipeline_->on_result(harmless, false).kind, Verdict::Kind::kContinue);
  pipeline_->on_completed(harmless);
  auto all = alerts();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["output_fields"]["lanner.evidence"], "entry-time");
}

TEST_F(PipelineVerdicts, AlertOnlyRulesStillAlertAndSayNothingWasDone) {
  start({entry("rule:Read shadow")});
  auto ev = open_event("/tmp/ok");
  ASSERT_EQ(pipeline_->on_event(ev, kSoleOpen).kind, Verdict::Kind::kNeedResult);
  EXPECT_EQ(pipeline_->on_result(ev, true).kind, Verdict::Kind::kContinue);
  ev.result = 4;
  pipeline_->on_completed(ev);
  auto all = alerts();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["rule"], "Open anything below tmp");
  EXPECT_EQ(all[0]["output_fields"]["lanner.action"], "none");
}

TEST_F(PipelineVerdicts, KillActionOnAShellSpawn) {
  start({entry("tag:shell", "kill")});
  auto ev = exec_event("sh");
  auto verdict = pipeline_->on_event(ev, CallContext{});
  ASSERT_EQ(verdict.kind, Verdict::Kind::kBlock);
  auto response = response_for(verdict);
  EXPECT_TRUE(response.deny);
  EXPECT_EQ(response.kill, supervisor::Kill::kProcess);
  auto tree = exec_event("bash");
  start({entry("tag:shell", "kill-tree")});
  EXPECT_EQ(response_for(pipeline_->on_event(tree, CallContext{})).kill, supervisor::Kill::kTree);
  auto other = exec_event("ls");
  EXPECT_EQ(pipeline_->on_event(other, CallContext{}).kind, Verdict::Kind::kContinue);
}

TEST_F(PipelineVerdicts, MonitorModeNeverBlocksAndKeepsFalcosAlert) {
  start({});
  auto ev = open_event("/etc/shadow");
  ASSERT_EQ(pipeline_->on_event(ev, kSharedOpen).kind, Verdict::Kind::kNeedResult);
  EXPECT_EQ(pipeline_->on_result(ev, true).kind, Verdict::Kind::kContinue);
  ev.result = 3;
  pipeline_->on_completed(ev);
  auto shell = exec_event("sh");
  EXPECT_EQ(pipeline_->on_event(shell, CallContext{}).kind, Verdict::Kind::kContinue);
  auto all = alerts();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_FALSE(all[0]["output_fields"].contains("lanner.action"));
  EXPECT_EQ(all[0]["output_fields"]["lanner.evidence"], "verified");
  EXPECT_EQ(all[1]["output_fields"]["lanner.evidence"], "entry-time");
}

TEST_F(PipelineVerdicts, LannerOwnDecisionsAreAlerted) {
  start({entry("rule:Read shadow")});
  auto ev = open_event("/tmp/x");
  pipeline_->on_unverifiable(ev, "lanner cannot tell which file this open would reach", EACCES);
  pipeline_->on_hardening(exec_event("sh"), "lanner: io_uring denied", "io_uring bypasses", ENOSYS);
  auto all = alerts();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["rule"], "lanner: unverifiable call denied");
  EXPECT_EQ(all[0]["output_fields"]["lanner.action"], "deny:EACCES");
  EXPECT_EQ(all[0]["priority"], "Critical");
  EXPECT_EQ(all[1]["rule"], "lanner: io_uring denied");
  EXPECT_EQ(all[1]["output_fields"]["lanner.action"], "deny:ENOSYS");
}

}  // namespace
}  // namespace lanner::app
