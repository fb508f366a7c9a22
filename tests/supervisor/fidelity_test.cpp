// lanner must be invisible: same bytes on stdout/stderr, same exit status, stdin passed through,
// and the target tree dies with the supervisor.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "supervisor/kernel_test_support.h"

namespace lanner::supervisor {
namespace {

using testing::Outcome;
using testing::run;

void expect_identical(const std::vector<std::string>& argv, const std::string& input = "") {
  Outcome native = run(argv, input, false);
  Outcome monitored = run(argv, input, true);
  EXPECT_EQ(monitored.out, native.out);
  EXPECT_EQ(monitored.err, native.err);
  EXPECT_EQ(monitored.exit_code, native.exit_code);
}

TEST(Fidelity, Echo) {
  LANNER_REQUIRE_UNOTIFY();
  expect_identical({"echo", "hello", "world"});
}

TEST(Fidelity, ScriptWithPipelineExiting3) {
  LANNER_REQUIRE_UNOTIFY();
  const char* script =
      "printf 'b\\na\\nc\\n' | sort | tr a-z A-Z; ls /nonexistent-lanner 2>&1 | wc -l; "
      "echo to-stderr >&2; exit 3";
  Outcome native = run({"sh", "-c", script}, "", false);
  EXPECT_EQ(native.exit_code, 3);
  expect_identical({"sh", "-c", script});
}

TEST(Fidelity, KilledBySigtermExits143) {
  LANNER_REQUIRE_UNOTIFY();
  Outcome monitored = run({"sh", "-c", "echo before; kill -TERM $$; echo after"}, "", true);
  EXPECT_EQ(monitored.exit_code, 143);
  EXPECT_EQ(monitored.out, "before\n");
}

TEST(Fidelity, StdinPassesThrough) {
  LANNER_REQUIRE_UNOTIFY();
  std::string input;
  for (int i = 0; i < 5000; ++i) input += "line " + std::to_string(i) + "\n";
  input += std::string("\0\xff binary tail", 14);
  expect_identical({"cat"}, input);
  expect_identical({"sh", "-c", "read first; echo \"got $first\"; wc -c"}, input);
}

TEST(Fidelity, EnvironmentIsUnchanged) {
  LANNER_REQUIRE_UNOTIFY();
  expect_identical({"sh", "-c", "env | grep -v '^_=' | sort"});
}

TEST(Fidelity, SignalToLannerReachesTheTarget) {
  LANNER_REQUIRE_UNOTIFY();
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    LaunchSpec spec;
    spec.argv = {"sleep", "30"};
    AllowAll handler;
    _exit(run_supervised(spec, handler));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 143);
}

bool is_dead(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(stat, text)) return true;
  size_t close = text.rfind(')');
  return close != std::string::npos && close + 2 < text.size() && text[close + 2] == 'Z';
}

TEST(Fidelity, KillingTheSupervisorKillsTheTree) {
  LANNER_REQUIRE_UNOTIFY();
  char path_template[] = "/tmp/lanner-tree-XXXXXX";
  int fd = mkstemp(path_template);
  close(fd);
  std::string pids_file = path_template;
  pid_t supervisor = fork();
  if (supervisor == 0) {
    LaunchSpec spec;
    spec.argv = {"sh", "-c", "sleep 30 & echo $$ $! > " + pids_file + "; wait"};
    AllowAll handler;
    _exit(run_supervised(spec, handler));
  }
  pid_t shell = 0, background = 0;
  for (int i = 0; i < 100 && background == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::ifstream(pids_file) >> shell >> background;
  }
  ASSERT_NE(background, 0) << "the target did not start";
  kill(supervisor, SIGKILL);
  waitpid(supervisor, nullptr, 0);
  bool dead = false;
  for (int i = 0; i < 100 && !dead; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    dead = is_dead(shell) && is_dead(background);
  }
  EXPECT_TRUE(dead);
  waitpid(shell, nullptr, WNOHANG);  // we may be their subreaper
  waitpid(background, nullptr, WNOHANG);
  unlink(pids_file.c_str());
}

}  // namespace
}  // namespace lanner::supervisor
