// MonitorLoop against a scripted notification source, fake memory and fake /proc: when the
// loop checks that a notification is still valid (NOTIF_ID_VALID) and what it does when not.
#include "supervisor/monitor_loop.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/syscall.h>

#include <cerrno>
#include <deque>
#include <vector>

#include "supervisor/supervisor_fakes.h"

namespace lanner::supervisor {
namespace {

constexpr int kTid = 100;           // the calling thread
constexpr uint64_t kPath = 0x10000;  // where its path argument lives

// Hands out the scripted notifications, then kStopped; records what the loop asked.
class ScriptedSource final : public NotificationSource {
 public:
  std::deque<RawNotification> pending;
  bool valid = true;
  int validity_checks = 0;
  std::vector<Response> answers;

  ReceiveStatus receive(RawNotification& out) override {
    if (pending.empty()) return ReceiveStatus::kStopped;
    out = pending.front();
    pending.pop_front();
    return ReceiveStatus::kEvent;
  }
  bool still_valid(uint64_t) override {
    ++validity_checks;
    return valid;
  }
  bool respond(uint64_t, const Response& response) override {
    answers.push_back(response);
    return true;
  }
};

// Answers `answer`; says whether it acts before answering as `acts_first`.
class ScriptedHandler final : public EventHandler {
 public:
  bool acts_first = true;
  Response answer = Response::allow();
  int events = 0;
  int results = 0;

  bool acts_before_answering(const event::SyscallEvent&) noexcept override { return acts_first; }
  Response on_event(event::SyscallEvent&) noexcept override {
    ++events;
    return answer;
  }
  Response on_result(event::SyscallEvent&, bool) noexcept override {
    ++results;
    return Response::allow();
  }
};

class MonitorLoopTest : public ::testing::Test {
 protected:
  MonitorLoopTest() : table(fs, 1), decoder(memory, table, fs, nullptr) {
    fs.add_process(kTid, 50, "cat", std::string("cat\0", 4), "/");
    memory.map(kPath, std::string("/etc/hostname\0", 14));
    RawNotification n;
    n.id = 7;
    n.tid = kTid;
    n.nr = SYS_openat;
    n.args = {static_cast<uint64_t>(AT_FDCWD), kPath, O_RDONLY, 0, 0, 0};
    source.pending.push_back(n);
  }
  LoopStats run() {
    MonitorLoop loop(source, decoder, table, handler);
    return loop.run();
  }

  testing::FakeTargetMemory memory;
  testing::FakeProcFs fs;
  ProcTable table;
  Decoder decoder;
  ScriptedSource source;
  ScriptedHandler handler;
};

TEST_F(MonitorLoopTest, AHandlerThatActsFirstSeesOnlyValidatedData) {
  source.valid = false;
  auto stats = run();
  EXPECT_EQ(source.validity_checks, 1);
  EXPECT_EQ(handler.events, 0) << "stale data reached the handler";
  EXPECT_TRUE(source.answers.empty()) << "the caller is gone: nobody to answer";
  EXPECT_EQ(stats.stale, 1u);
}

TEST_F(MonitorLoopTest, APlainContinueNeedsNoValidityCheck) {
  handler.acts_first = false;
  auto stats = run();
  EXPECT_EQ(source.validity_checks, 0);
  ASSERT_EQ(source.answers.size(), 1u);
  EXPECT_FALSE(source.answers[0].deny);
  EXPECT_EQ(stats.handled, 1u);
}

TEST_F(MonitorLoopTest, ADenialOnStaleDataIsNotSent) {
  handler.acts_first = false;
  handler.answer = Response::deny_and_kill(EPERM, Kill::kProcess);
  source.valid = false;
  auto stats = run();
  EXPECT_EQ(source.validity_checks, 1);
  EXPECT_TRUE(source.answers.empty());
  EXPECT_EQ(stats.stale, 1u);
  EXPECT_EQ(stats.killed, 0u) << "nobody may be killed on another task's data";
}

TEST_F(MonitorLoopTest, ADenialOnValidDataIsSent) {
  handler.acts_first = false;
  handler.answer = Response::deny_with(EACCES);
  auto stats = run();
  EXPECT_EQ(source.validity_checks, 1);
  ASSERT_EQ(source.answers.size(), 1u);
  EXPECT_TRUE(source.answers[0].deny);
  EXPECT_EQ(source.answers[0].error, EACCES);
  EXPECT_EQ(stats.denied, 1u);
}

TEST_F(MonitorLoopTest, LearningTheResultOfStaleDataStops) {
  handler.acts_first = false;
  handler.answer = Response::learn_result();
  source.valid = false;
  run();
  EXPECT_EQ(source.validity_checks, 1);
  EXPECT_EQ(handler.results, 0) << "no decision may follow on another task's data";
  EXPECT_TRUE(source.answers.empty());
}

}  // namespace
}  // namespace lanner::supervisor
