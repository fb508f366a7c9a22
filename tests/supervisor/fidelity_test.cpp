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

struct Outcome {
  std::string out, err;
  int exit_code = -1;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Runs argv natively or under run_supervised in a forked process with files as stdio.
Outcome run(const std::vector<std::string>& argv, const std::string& input, bool supervised) {
  char dir_template[] = "/tmp/lanner-fidelity-XXXXXX";
  std::string dir = mkdtemp(dir_template);
  std::string in_path = dir + "/in", out_path = dir + "/out", err_path = dir + "/err";
  std::ofstream(in_path, std::ios::binary) << input;
  pid_t pid = fork();
  if (pid == 0) {
    int in = open(in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (supervised) {
      LaunchSpec spec;
      spec.argv = argv;
      spec.trap_all_event_types = true;
      AllowAll handler;
      _exit(run_supervised(spec, handler));
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Outcome outcome{slurp(out_path), slurp(err_path), -1};
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  for (const auto& p : {in_path, out_path, err_path}) unlink(p.c_str());
  rmdir(dir.c_str());
  return outcome;
}

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
