// Real programs under the real supervisor: what the decoder sees for them.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <unistd.h>

#include <set>

#include "supervisor/kernel_test_support.h"

namespace lanner::supervisor {
namespace {

using testing::helper;
using testing::Recorded;
using testing::RecordingHandler;

std::vector<Recorded> run_all(std::vector<std::string> argv, int expected_exit = 0) {
  LaunchSpec spec;
  spec.argv = std::move(argv);
  spec.trap_all_event_types = true;
  RecordingHandler handler;
  SuperviseReport report = run_supervised_report(spec, handler);
  EXPECT_EQ(report.error, "");
  EXPECT_EQ(report.exit_code, expected_exit);
  EXPECT_TRUE(report.sync_wake_up);
  return handler.events();
}

std::vector<Recorded> of_type(const std::vector<Recorded>& events, const std::string& type) {
  std::vector<Recorded> out;
  for (const auto& e : events) {
    if (e.type == type) out.push_back(e);
  }
  return out;
}

TEST(Supervise, CatOpensHostnameWithAbsoluteFdName) {
  LANNER_REQUIRE_UNOTIFY();
  auto events = run_all({"cat", "/etc/hostname"});
  auto execs = of_type(events, "execve");
  ASSERT_FALSE(execs.empty());
  EXPECT_EQ(execs.front().comm, "cat");
  EXPECT_EQ(execs.front().argv, (std::vector<std::string>{"cat", "/etc/hostname"}));
  bool seen = false;
  for (const auto& e : of_type(events, "openat")) {
    if (e.fd.name == "/etc/hostname") {
      seen = true;
      EXPECT_EQ(e.comm, "cat");
      EXPECT_EQ(e.exepath, "/usr/bin/cat");
      EXPECT_EQ(e.abs_path, "/etc/hostname");
    }
  }
  EXPECT_TRUE(seen);
}

TEST(Supervise, ShellPipelineShowsEveryProgram) {
  LANNER_REQUIRE_UNOTIFY();
  auto events = run_all({"sh", "-c", "cat /etc/hostname | wc -c > /dev/null"});
  std::set<std::string> started;
  for (const auto& e : of_type(events, "execve")) started.insert(e.comm);
  EXPECT_TRUE(started.count("cat")) << "programs: " << started.size();
  EXPECT_TRUE(started.count("wc"));
  bool cat_opened = false;
  for (const auto& e : of_type(events, "openat")) {
    if (e.abs_path == "/etc/hostname" && e.comm == "cat") {
      cat_opened = true;
      EXPECT_EQ(e.pname, "sh");
    }
  }
  EXPECT_TRUE(cat_opened);
}

TEST(Supervise, RelativePathResolvesAgainstTheCurrentCwd) {
  LANNER_REQUIRE_UNOTIFY();
  auto events = run_all({"sh", "-c", "cd /etc && cat hostname > /dev/null"});
  bool seen = false;
  for (const auto& e : of_type(events, "openat")) {
    if (e.path == "hostname") {
      seen = true;
      EXPECT_EQ(e.abs_path, "/etc/hostname");
    }
  }
  EXPECT_TRUE(seen);
}

TEST(Supervise, EveryThreadIsSupervised) {
  LANNER_REQUIRE_UNOTIFY();
  auto events = run_all({helper("threads_open"), "4", "50", "/etc/hostname"});
  std::set<int64_t> tids, pids;
  size_t opens = 0;
  for (const auto& e : events) {
    if (e.abs_path != "/etc/hostname") continue;
    ++opens;
    tids.insert(e.tid);
    pids.insert(e.pid);
  }
  EXPECT_EQ(opens, 200u);
  EXPECT_EQ(pids.size(), 1u);
  EXPECT_GE(tids.size(), 2u);  // threads report their own tid, one thread group
}

TEST(Supervise, ForkedChildrenAreCoveredFromTheirFirstSyscall) {
  LANNER_REQUIRE_UNOTIFY();
  auto events = run_all({helper("forker"), "5", "/etc/hostname"});
  auto execs = of_type(events, "execve");
  ASSERT_FALSE(execs.empty());
  int64_t forker = execs.front().pid;
  std::set<int64_t> children;
  for (const auto& e : events) {
    if (e.abs_path == "/etc/hostname" && e.pid != forker) {
      children.insert(e.pid);
      EXPECT_EQ(e.ppid, forker);
      EXPECT_EQ(e.comm, "forker");
    }
  }
  EXPECT_EQ(children.size(), 5u);
}

TEST(Supervise, ConnectToALoopbackListenerHasTheTuple) {
  LANNER_REQUIRE_UNOTIFY();
  auto events = run_all({helper("connect_loopback")});
  auto listens = of_type(events, "listen");
  auto connects = of_type(events, "connect");
  ASSERT_EQ(listens.size(), 1u);
  ASSERT_EQ(connects.size(), 1u);
  uint16_t port = listens.front().fd.local.port;
  EXPECT_NE(port, 0);
  const auto& fd = connects.front().fd;
  EXPECT_EQ(fd.type, event::FdType::kIpv4);
  EXPECT_EQ(fd.l4proto, IPPROTO_TCP);
  EXPECT_TRUE(fd.has_tuple);
  EXPECT_EQ(fd.remote.port, port);
  EXPECT_EQ(fd.remote.ip[0], 127);
  EXPECT_NE(fd.name.find("->127.0.0.1:" + std::to_string(port)), std::string::npos) << fd.name;
}

TEST(Supervise, ExecFromMemfdIsFlagged) {
  LANNER_REQUIRE_UNOTIFY();
  auto events = run_all({helper("memfd_exec"), "/bin/true"});
  auto execs = of_type(events, "execveat");
  ASSERT_EQ(execs.size(), 1u);
  EXPECT_TRUE(execs.front().exe_from_memfd);
  EXPECT_EQ(execs.front().pname, of_type(events, "execve").front().pname);
  // After the exec the process table shows the memfd image for that pid.
  for (const auto& e : of_type(events, "openat")) {
    if (e.pid == execs.front().pid && e.exepath.starts_with("/memfd:")) {
      EXPECT_TRUE(e.exe_from_memfd);
    }
  }
}

TEST(Supervise, MissingProgramExits127WithAMessage) {
  LANNER_REQUIRE_UNOTIFY();
  LaunchSpec spec;
  spec.argv = {"/nonexistent/program"};
  AllowAll handler;
  SuperviseReport report = run_supervised_report(spec, handler);
  EXPECT_EQ(report.exit_code, kExitNotFound);
  EXPECT_NE(report.error.find("No such file"), std::string::npos) << report.error;
}

}  // namespace
}  // namespace lanner::supervisor
