// lanner under stress and abuse (threats.md T22, T24, T26-T28): shell pipelines run many times
// without a hang or a changed byte, the target tree dies with a SIGKILLed supervisor (daemons
// included), a failed listener ends the run with kExitMonitorFailure, and hostile arguments get
// the kernel's own errno.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "supervisor/kernel_test_support.h"
#include "supervisor/tree_guard.h"

namespace lanner::supervisor {
namespace {

using testing::helper;

using testing::Outcome;

Outcome run_native(const std::vector<std::string>& argv) { return testing::run(argv, "", false); }
Outcome run_under_lanner(const std::vector<std::string>& argv) { return testing::run(argv, "", true); }

const std::vector<std::string> kPipeline = {
    "sh", "-c", "seq 1 2000 | sort -rn | head -n 3; printf 'a\\nb\\n' | tr a-z A-Z | wc -l"};

// T22 (a): 100 runs, each must finish with the native output (a hang fails through ctest's
// timeout; a spurious EINTR would show as a changed output or exit code).
TEST(Robustness, PipelinesRunAHundredTimesUnderRunSupervised) {
  LANNER_REQUIRE_UNOTIFY();
  Outcome native = run_native(kPipeline);
  ASSERT_EQ(native.exit_code, 0);
  int differing = 0;
  for (int i = 0; i < 100; ++i) {
    Outcome monitored = run_under_lanner(kPipeline);
    if (monitored.out != native.out || monitored.exit_code != 0) {
      ++differing;
      ADD_FAILURE() << "run " << i << " exit " << monitored.exit_code << ":\n" << monitored.out;
    }
    if (differing > 3) break;
  }
  EXPECT_EQ(differing, 0);
}

std::string lanner_binary() { return std::string(LANNER_BINARY_DIR) + "/lanner"; }

std::string rules_for_pipelines() {
  std::string upstream = std::string(LANNER_UPSTREAM_RULES_DIR) + "/falco_rules.yaml";
  if (std::filesystem::exists(upstream)) return upstream;
  std::string path = std::string(LANNER_BINARY_DIR) + "/tests/t22_rules.yaml";
  std::ofstream(path) << "- rule: t22 open\n  desc: never matches\n"
                         "  condition: evt.type in (open, openat) and fd.name = /nonexistent/t22\n"
                         "  output: t22 %fd.name\n  priority: WARNING\n";
  return path;
}

TEST(Robustness, PipelinesRunAHundredTimesUnderLannerRun) {
  LANNER_REQUIRE_UNOTIFY();
  if (!std::filesystem::exists(lanner_binary())) GTEST_SKIP() << "lanner binary not built";
  Outcome native = run_native(kPipeline);
  std::vector<std::string> argv{lanner_binary(), "run", "-r", rules_for_pipelines(), "-o",
                                "stdout_output.enabled=false", "--"};
  argv.insert(argv.end(), kPipeline.begin(), kPipeline.end());
  int differing = 0;
  for (int i = 0; i < 100 && differing <= 3; ++i) {
    Outcome monitored = run_native(argv);
    if (monitored.out != native.out || monitored.exit_code != 0) {
      ++differing;
      ADD_FAILURE() << "run " << i << " exit " << monitored.exit_code << ":\n" << monitored.out;
    }
  }
  EXPECT_EQ(differing, 0);
}

bool is_gone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(stat, text)) return true;
  size_t close = text.rfind(')');
  return close != std::string::npos && close + 2 < text.size() && text[close + 2] == 'Z';
}

// Polls `done` every 20 ms for at most `seconds` (a bound against hanging the suite, not a
// speed requirement).
template <typename Done>
bool eventually(Done done, int seconds = 20) {
  for (int i = 0; i < seconds * 50; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

std::vector<pid_t> children_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  std::vector<pid_t> out;
  for (pid_t child; in >> child;) out.push_back(child);
  return out;
}

// True once some process among `candidates` holds a pidfd for `pid` (the watchdog tracks it).
bool tracked_by_one_of(const std::vector<pid_t>& candidates, pid_t pid) {
  const std::string wanted = "Pid:\t" + std::to_string(pid) + "\n";
  for (pid_t holder : candidates) {
    std::error_code ec;
    std::string dir = "/proc/" + std::to_string(holder) + "/fdinfo";
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      if (text.str().find(wanted) != std::string::npos) return true;
    }
  }
  return false;
}

// T24: SIGKILL the supervisor from outside; the target and the daemon it left behind (its own
// session and group, parent gone) must die too.
TEST(Robustness, KillingTheSupervisorKillsADaemonisedGrandchild) {
  LANNER_REQUIRE_UNOTIFY();
  char path_template[] = "/tmp/lanner-daemon-XXXXXX";
  close(mkstemp(path_template));
  std::string pid_file = path_template;
  pid_t supervisor = fork();
  if (supervisor == 0) {
    LaunchSpec spec;
    spec.argv = {helper("daemonize"), pid_file};
    AllowAll handler;
    _exit(run_supervised(spec, handler));
  }
  pid_t main_pid = 0, daemon = 0;
  ASSERT_TRUE(eventually([&] {
    std::ifstream(pid_file) >> main_pid >> daemon;
    return daemon > 0;
  })) << "the target did not start";
  // Wait until the watchdog (a child of the supervisor) holds the daemon; if fdinfo cannot be
  // read here, give it a generous moment instead.
  if (!eventually([&] { return tracked_by_one_of(children_of(supervisor), daemon); }, 5)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  kill(supervisor, SIGKILL);
  waitpid(supervisor, nullptr, 0);
  EXPECT_TRUE(eventually([&] { return is_gone(main_pid) && is_gone(daemon); }))
      << "main " << main_pid << " daemon " << daemon;
  waitpid(main_pid, nullptr, WNOHANG);  // this process may be their subreaper
  waitpid(daemon, nullptr, WNOHANG);
  unlink(pid_file.c_str());
}

TEST(Robustness, ANormalExitAlsoEndsTheDaemon) {  // T32
  LANNER_REQUIRE_UNOTIFY();
  char path_template[] = "/tmp/lanner-daemon-XXXXXX";
  close(mkstemp(path_template));
  std::string pid_file = path_template;
  LaunchSpec spec;
  spec.argv = {"sh", "-c", helper("daemonize") + " " + pid_file + " & sleep 0.3; kill $!"};
  AllowAll handler;
  run_supervised(spec, handler);
  pid_t main_pid = 0, daemon = 0;
  std::ifstream(pid_file) >> main_pid >> daemon;
  ASSERT_GT(daemon, 0);
  EXPECT_TRUE(eventually([&] { return is_gone(daemon); }));
  waitpid(daemon, nullptr, WNOHANG);
  unlink(pid_file.c_str());
}

// What an enforcement "kill-tree" action runs (MonitorLoop::kill_tree_with): every process
// below the supervisor dies, the daemon that left the target's group included. Run in a child
// that plays the supervisor (a subreaper, like run_supervised), so nothing else is touched.
TEST(Robustness, KillTreeEndsEveryProcessBelowTheSupervisor) {
  char path_template[] = "/tmp/lanner-daemon-XXXXXX";
  close(mkstemp(path_template));
  std::string pid_file = path_template;
  pid_t supervisor = fork();
  if (supervisor == 0) {
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    pid_t target = fork();
    if (target == 0) {
      setpgid(0, 0);
      execl(helper("daemonize").c_str(), "daemonize", pid_file.c_str(), nullptr);
      _exit(127);
    }
    setpgid(target, target);
    TreeGuard guard = TreeGuard::start(target);
    pid_t main_pid = 0, daemon = 0;
    if (!eventually([&] {
          std::ifstream(pid_file) >> main_pid >> daemon;
          return daemon > 0;
        })) {
      _exit(2);
    }
    guard.kill_tree();
    bool gone = eventually([&] {
      while (waitpid(-1, nullptr, WNOHANG) > 0) {
      }
      return is_gone(main_pid) && is_gone(daemon);
    });
    guard.fire();
    _exit(gone ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(supervisor, &status, 0), supervisor);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: a process survived, 2: the target did not start";
  unlink(pid_file.c_str());
}

class ScriptedSource final : public NotificationSource {
 public:
  explicit ScriptedSource(std::vector<ReceiveStatus> script) : script_(std::move(script)) {}
  ReceiveStatus receive(RawNotification&) override {
    return next_ < script_.size() ? script_[next_++] : ReceiveStatus::kStopped;
  }
  bool still_valid(uint64_t) override { return true; }
  bool respond(uint64_t, const Response&) override { return true; }

 private:
  std::vector<ReceiveStatus> script_;
  size_t next_ = 0;
};

TEST(Robustness, AListenerErrorKillsTheTreeOnce) {
  ScriptedSource inner({ReceiveStatus::kRetry, ReceiveStatus::kError, ReceiveStatus::kError});
  int kills = 0;
  FailureWatch watch(inner, [&] { ++kills; });
  RawNotification n;
  EXPECT_EQ(watch.receive(n), ReceiveStatus::kRetry);
  EXPECT_FALSE(watch.failed());
  EXPECT_EQ(watch.receive(n), ReceiveStatus::kError);
  EXPECT_EQ(watch.receive(n), ReceiveStatus::kError);
  EXPECT_TRUE(watch.failed());
  EXPECT_EQ(kills, 1);
}

// A real listener failure: with RLIMIT_NOFILE lowered to 1 from outside, the notification
// thread's poll() on its two fds fails with EINVAL. lanner must kill the tree and exit with
// kExitMonitorFailure instead of leaving the target waiting on calls nobody answers.
TEST(Robustness, AFailingListenerEndsTheRunWithTheMonitorFailureCode) {
  LANNER_REQUIRE_UNOTIFY();
#if defined(__SANITIZE_ADDRESS__)
  // The sanitizers' runtime needs file descriptors of its own; with the limit at 1 it aborts
  // with its own exit code before lanner's can be seen. The normal build runs this test.
  GTEST_SKIP() << "not under AddressSanitizer: the fd limit of 1 starves the sanitizer runtime";
#endif
  {
    // With SYNC_WAKE_UP (6.6+) the loop calls RECV without a poll() first, and nothing from
    // outside makes RECV fail: this failure exists on the poll path of older kernels only
    // (unotify_source_test.cpp covers that path's poll failure with a real listener).
    LaunchSpec probe;
    probe.argv = {"true"};
    AllowAll quiet;
    if (run_supervised_report(probe, quiet).sync_wake_up) GTEST_SKIP() << "RECV is not polled here";
  }
  pid_t supervisor = fork();
  if (supervisor == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    LaunchSpec spec;
    spec.argv = {"sh", "-c", "while :; do cat /etc/hostname; sleep 0.05; done"};
    spec.trap_all_event_types = true;
    AllowAll handler;
    _exit(run_supervised(spec, handler));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  rlimit one{1, 1};
  ASSERT_EQ(prlimit(supervisor, RLIMIT_NOFILE, &one, nullptr), 0);
  int status = 0;
  bool ended = eventually([&] { return waitpid(supervisor, &status, WNOHANG) == supervisor; });
  if (!ended) {
    kill(supervisor, SIGKILL);
    waitpid(supervisor, &status, 0);
  }
  ASSERT_TRUE(ended) << "lanner did not notice its listener failing";
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), kExitMonitorFailure);
}

TEST(Robustness, MonitorFailureHasItsOwnExitCode) {
  for (int code : {kExitSupervisorFailure, kExitCannotExecute, kExitNotFound}) {
    EXPECT_NE(kExitMonitorFailure, code);
  }
  EXPECT_LT(kExitMonitorFailure, 128);  // never mistaken for 128+signal
}

// T26-T28: garbage pointers, PATH_MAX paths, a path running into a PROT_NONE page, odd names.
// lanner must neither crash nor hang, and the program must see exactly the native results.
TEST(Robustness, HostileArgumentsGetTheKernelsOwnErrno) {
  LANNER_REQUIRE_UNOTIFY();
  char dir_template[] = "/tmp/lanner-garbage-XXXXXX";
  std::string dir = mkdtemp(dir_template);
  Outcome native = run_native({helper("garbage_args"), dir});
  ASSERT_EQ(native.exit_code, 0);
  ASSERT_NE(native.out.find("openat_null ret=-1 errno=14"), std::string::npos) << native.out;
  ASSERT_NE(native.out.find("openat_4096 ret=-1 errno=36"), std::string::npos) << native.out;
  Outcome monitored = run_under_lanner({helper("garbage_args"), dir});
  EXPECT_EQ(monitored.exit_code, 0);
  EXPECT_EQ(monitored.out, native.out);
  rmdir(dir.c_str());
}

// The same hostile program under `lanner run` with Falco's rules: the rule engine and the
// output formatting see the garbage too, and the program's results must not change.
TEST(Robustness, HostileArgumentsUnderLannerRunWithUpstreamRules) {
  LANNER_REQUIRE_UNOTIFY();
  if (!std::filesystem::exists(lanner_binary())) GTEST_SKIP() << "lanner binary not built";
  char dir_template[] = "/tmp/lanner-garbage-XXXXXX";
  std::string dir = mkdtemp(dir_template);
  Outcome native = run_native({helper("garbage_args"), dir});
  Outcome monitored = run_native({lanner_binary(), "run", "-r", rules_for_pipelines(), "-o",
                                  "stdout_output.enabled=false", "--", helper("garbage_args"), dir});
  EXPECT_EQ(monitored.exit_code, 0) << monitored.err;
  EXPECT_EQ(monitored.out, native.out);
  rmdir(dir.c_str());
}

}  // namespace
}  // namespace lanner::supervisor
