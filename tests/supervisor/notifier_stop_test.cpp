// run_supervised_report ends its notification thread whichever way the target ends: a normal
// exit, a kill, or a daemon left behind that clean_up_tree has to kill (the filter stays in use
// until then). A hang fails through ctest's timeout. The case of a task that cannot be reaped
// at all is simulated in unotify_source_test.cpp (a live task that keeps the filter in use).
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <string>

#include "supervisor/kernel_test_support.h"

namespace lanner::supervisor {
namespace {

using testing::helper;

SuperviseReport run_shell(const std::string& script) {
  LaunchSpec spec;
  spec.argv = {"sh", "-c", script};
  spec.event_types = {"openat", "execve"};
  AllowAll handler;
  return run_supervised_report(spec, handler);
}

bool wake_handler_installed() {
  struct sigaction now{};
  sigaction(SIGURG, nullptr, &now);
  return now.sa_handler != SIG_DFL && now.sa_handler != SIG_IGN;
}

TEST(NotifierStop, ANormalExitEndsTheLoop) {
  LANNER_REQUIRE_UNOTIFY();
  SuperviseReport report = run_shell("cat /etc/hostname > /dev/null; exit 3");
  EXPECT_EQ(report.exit_code, 3);
  EXPECT_GT(report.loop.received, 0u);
  EXPECT_FALSE(report.monitor_failed);
  EXPECT_FALSE(wake_handler_installed());  // the disposition lanner found is back
}

TEST(NotifierStop, AKilledTargetEndsTheLoop) {
  LANNER_REQUIRE_UNOTIFY();
  SuperviseReport report = run_shell("cat /etc/hostname > /dev/null; kill -9 $$");
  EXPECT_EQ(report.exit_code, 128 + SIGKILL);
  EXPECT_GT(report.loop.received, 0u);
  EXPECT_FALSE(report.monitor_failed);
}

// The daemon holds the filter after the target exited; clean_up_tree kills and reaps it before
// the loop is stopped.
TEST(NotifierStop, ADaemonLeftBehindIsKilledAndTheLoopEnds) {
  LANNER_REQUIRE_UNOTIFY();
  char path_template[] = "/tmp/lanner-notifier-XXXXXX";
  close(mkstemp(path_template));
  const std::string pid_file = path_template;
  SuperviseReport report = run_shell(helper("daemonize") + " " + pid_file +
                                     " & while [ ! -s " + pid_file + " ]; do sleep 0.01; done;"
                                     " kill $!; exit 0");
  EXPECT_EQ(report.exit_code, 0);
  EXPECT_FALSE(report.monitor_failed);
  pid_t main_pid = 0, daemon = 0;
  std::ifstream(pid_file) >> main_pid >> daemon;
  unlink(pid_file.c_str());
  ASSERT_GT(daemon, 0);
  errno = 0;
  EXPECT_EQ(kill(daemon, 0), -1);  // killed and reaped (this process was its subreaper)
  EXPECT_EQ(errno, ESRCH);
}

}  // namespace
}  // namespace lanner::supervisor
