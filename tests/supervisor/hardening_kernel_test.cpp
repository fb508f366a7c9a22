// Default hardening with real programs under the real supervisor (threats.md T01-T03,
// T17-T19). Every refusal is checked three ways: the errno the program saw, the side effect that
// did not happen (where there is one), and the alert (EventHandler::on_hardening) naming it.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "supervisor/kernel_test_support.h"

namespace lanner::supervisor {
namespace {

using testing::HardeningRecorder;
using testing::helper;
using testing::Refusal;
using testing::StdoutCapture;

struct HardenedRun {
  std::string out;
  int exit_code = -1;
  std::vector<Refusal> refusals;
};

HardenedRun run_hardened(std::vector<std::string> argv, HardeningOptions options = {}) {
  LaunchSpec spec;
  spec.argv = std::move(argv);
  spec.hardening = std::move(options);
  HardeningRecorder recorder;
  StdoutCapture capture;
  SuperviseReport report = run_supervised_report(spec, recorder);
  HardenedRun run{capture.text(), report.exit_code, recorder.refusals()};
  EXPECT_EQ(report.error, "");
  EXPECT_EQ(report.loop.hardened, run.refusals.size());
  return run;
}

bool exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

class ScratchDir {
 public:
  ScratchDir() {
    char dir[] = "/tmp/lanner-hardening-XXXXXX";
    path_ = mkdtemp(dir);
  }
  ~ScratchDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string expect_line(const std::string& probe, int err) {
  return probe + " ret=-1 errno=" + std::to_string(err) + "\n";
}

TEST(HardeningKernel, IoUringCallsReturnEnosysWithAnAlert) {  // T01
  LANNER_REQUIRE_UNOTIFY();
  HardenedRun run = run_hardened({helper("abi_probe"), "io_uring"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, expect_line("io_uring_setup", ENOSYS) + expect_line("io_uring_enter", ENOSYS) +
                         expect_line("io_uring_register", ENOSYS));
  ASSERT_EQ(run.refusals.size(), 3u);
  for (const auto& r : run.refusals) {
    EXPECT_EQ(r.rule, "lanner: io_uring denied");
    EXPECT_EQ(r.error, ENOSYS);
    EXPECT_TRUE(r.type.starts_with("io_uring_")) << r.type;
  }
}

TEST(HardeningKernel, IoUringCanBeAllowed) {
  LANNER_REQUIRE_UNOTIFY();
  HardeningOptions options;
  options.deny_io_uring = false;
  HardenedRun run = run_hardened({helper("abi_probe"), "io_uring"}, options);
  EXPECT_TRUE(run.out.starts_with("io_uring_setup ret=")) << run.out;
  EXPECT_NE(run.out.find("errno=0\nio_uring_enter"), std::string::npos) << run.out;  // setup worked
  EXPECT_TRUE(run.refusals.empty());
}

// The call would create `dir/created`: it must fail with ENOSYS, leave no file, and be reported
// without being looked up in the x86-64 table.
void expect_foreign_call_refused(const std::string& probe, const std::string& line) {
  ScratchDir dir;
  std::string target = dir.path() + "/created";
  HardenedRun run = run_hardened({helper("abi_probe"), probe, target});
  if (run.exit_code == 128 + SIGSEGV) GTEST_SKIP() << "int 0x80 is not available (no IA-32 emulation)";
  EXPECT_EQ(run.out, expect_line(line, ENOSYS));
  EXPECT_FALSE(exists(target));
  ASSERT_EQ(run.refusals.size(), 1u);
  EXPECT_EQ(run.refusals[0].rule, "lanner: foreign syscall ABI denied");
  EXPECT_EQ(run.refusals[0].error, ENOSYS);
  EXPECT_EQ(run.refusals[0].type, "?");
  EXPECT_GT(run.refusals[0].tid, 0);
}

TEST(HardeningKernel, X32CallIsRefusedAndNeverRuns) {  // T02
  LANNER_REQUIRE_UNOTIFY();
  expect_foreign_call_refused("x32", "x32_openat");
}

TEST(HardeningKernel, I386CallIsRefusedAndNeverRuns) {  // T03
  LANNER_REQUIRE_UNOTIFY();
  expect_foreign_call_refused("i386", "i386_creat");
}

// The control for T03: the same int 0x80 creat does create the file when lanner lets foreign
// ABIs through, so the test above measures lanner, not the kernel.
TEST(HardeningKernel, I386CallRunsUnmonitoredWhenForeignAbisAreAllowed) {
  LANNER_REQUIRE_UNOTIFY();
  ScratchDir dir;
  std::string target = dir.path() + "/i386-created";
  HardeningOptions options;
  options.deny_foreign_abi = false;
  HardenedRun run = run_hardened({helper("abi_probe"), "i386", target}, options);
  if (run.out.find("errno=38") != std::string::npos) GTEST_SKIP() << "no IA-32 emulation in this kernel";
  EXPECT_TRUE(run.out.ends_with(" errno=0\n")) << run.out;
  EXPECT_TRUE(exists(target));
  EXPECT_TRUE(run.refusals.empty());
}

struct ProtectionCase {
  std::vector<std::string> args;
  int error;
  const char* rule;
};

// T17/T18: the target is a child of this test process, which is the supervisor here ("ppid").
// Signals are 0 (existence check) so a failure of the test cannot hurt the test runner.
TEST(HardeningKernel, TheTargetCannotSignalTraceOrReadTheSupervisor) {
  LANNER_REQUIRE_UNOTIFY();
  const std::string group = std::to_string(getpgrp());
  const char* signal = "lanner: signal to the supervisor denied";
  const char* access = "lanner: access to the supervisor denied";
  const ProtectionCase cases[] = {
      {{"kill", "ppid", "0"}, EPERM, signal},
      {{"kill64", "ppid", "0"}, EPERM, signal},
      {{"kill", "-1", "0"}, EPERM, signal},
      {{"kill", "-" + group, "0"}, EPERM, signal},
      {{"tkill", "ppid", "0"}, EPERM, signal},
      {{"tgkill", "ppid", "ppid", "0"}, EPERM, signal},
      {{"sigqueue", "ppid", "0"}, EPERM, signal},
      {{"setown", "ppid"}, EPERM, signal},
      {{"ptrace", "ppid"}, EPERM, access},
      {{"seize", "ppid"}, EPERM, access},
      {{"vm_read", "ppid"}, EPERM, access},
      {{"vm_write", "ppid"}, EPERM, access},
      {{"pidfd_open", "ppid"}, EPERM, access},
      {{"kcmp", "ppid", "ppid"}, EPERM, access},
      {{"prlimit", "ppid"}, EPERM, access},
      {{"setpgid", group}, EPERM, "lanner: joining the supervisor's process group denied"},
      {{"pidfd_signal", "ppid", "0"}, ENOSYS, "lanner: pidfd_send_signal refused"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> argv{helper("supervisor_probe")};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    HardenedRun run = run_hardened(argv);
    EXPECT_EQ(run.out, expect_line(c.args[0], c.error)) << c.args[0] << " " << c.args[1];
    ASSERT_FALSE(run.refusals.empty()) << c.args[0];
    EXPECT_EQ(run.refusals.back().rule, c.rule) << c.args[0];
    EXPECT_EQ(run.refusals.back().error, c.error) << c.args[0];
  }
}

// Any lanner thread (the notification thread, output workers) is lanner: tkill on it would
// take the whole process down.
TEST(HardeningKernel, EverySupervisorThreadIsProtected) {
  LANNER_REQUIRE_UNOTIFY();
  HardenedRun run = run_hardened({helper("supervisor_probe"), "tkill_all", "ppid"});
  int tasks = 0, refused = 0;
  ASSERT_EQ(std::sscanf(run.out.c_str(), "tkill_all tasks=%d refused=%d", &tasks, &refused), 2) << run.out;
  EXPECT_GE(tasks, 2);  // the calling thread and the notification thread at least
  EXPECT_EQ(refused, tasks);
  EXPECT_EQ(run.refusals.size(), static_cast<size_t>(tasks));
}

TEST(HardeningKernel, PidfdGetfdIsRefused) {
  LANNER_REQUIRE_UNOTIFY();
  // pidfd_open(ppid) is refused first; pidfd_getfd on the resulting -1 is refused too.
  HardenedRun run = run_hardened({helper("supervisor_probe"), "pidfd_getfd", "ppid", "0"});
  EXPECT_EQ(run.out, expect_line("pidfd_getfd", EPERM));
  ASSERT_EQ(run.refusals.size(), 2u);
  EXPECT_EQ(run.refusals[1].rule, "lanner: pidfd_getfd denied");
}

TEST(HardeningKernel, SignalsToOtherProcessesStillWork) {
  LANNER_REQUIRE_UNOTIFY();
  HardenedRun run = run_hardened({"sh", "-c", "sleep 5 & kill $!; wait $!; echo $?"});
  EXPECT_EQ(run.out, "143\n");
  EXPECT_TRUE(run.refusals.empty());
}

// Root keeps CAP_SYS_PTRACE, which overrides "not dumpable": lanner drops it from the target's
// bounding set, so /proc/<lanner>/mem stays closed even to a root target.
TEST(HardeningKernel, SupervisorMemoryIsClosedEvenToARootTarget) {
  LANNER_REQUIRE_UNOTIFY();
  HardenedRun run = run_hardened({helper("supervisor_probe"), "procmem", "ppid"});
  EXPECT_EQ(run.out, expect_line("procmem", EACCES));
  EXPECT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1) << "the embedding process must be restored";
}

TEST(HardeningKernel, SupervisorMemoryIsOpenToARootTargetWithoutProtection) {
  LANNER_REQUIRE_UNOTIFY();
  if (geteuid() != 0) GTEST_SKIP() << "the control needs a root target";
  std::ifstream yama("/proc/sys/kernel/yama/ptrace_scope");
  int scope = 0;
  if (yama >> scope && scope != 0) GTEST_SKIP() << "Yama forbids it anyway (ptrace_scope " << scope << ")";
  HardeningOptions options;
  options.protect_supervisor = false;
  HardenedRun run = run_hardened({helper("supervisor_probe"), "procmem", "ppid"}, options);
  EXPECT_EQ(run.out.substr(run.out.find("errno=")), "errno=0\n");
}

TEST(HardeningKernel, SupervisorSurvivesSigkillFromTheTarget) {
  LANNER_REQUIRE_UNOTIFY();
  pid_t supervisor = fork();
  if (supervisor == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    LaunchSpec spec;
    spec.argv = {helper("supervisor_probe"), "kill", "ppid", "9"};
    AllowAll handler;
    _exit(run_supervised(spec, handler));
  }
  int status = 0;
  ASSERT_EQ(waitpid(supervisor, &status, 0), supervisor);
  ASSERT_TRUE(WIFEXITED(status)) << "lanner was killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// F_SETOWN_EX names lanner through a pointer, so lanner cannot refuse it race-free: it refuses
// F_SETSIG with the two signals it cannot ignore and ignores the others while it runs.
TEST(HardeningKernel, SupervisorSurvivesSignalsRoutedThroughSigio) {
  LANNER_REQUIRE_UNOTIFY();
  char out_template[] = "/tmp/lanner-sigio-XXXXXX";
  int out = mkstemp(out_template);
  pid_t supervisor = fork();
  if (supervisor == 0) {
    dup2(out, 1);
    LaunchSpec spec;
    spec.argv = {helper("supervisor_probe"), "sigio", "ppid"};
    AllowAll handler;
    _exit(run_supervised(spec, handler));
  }
  int status = 0;
  ASSERT_EQ(waitpid(supervisor, &status, 0), supervisor);
  std::string text = testing::slurp(out_template);
  close(out);
  unlink(out_template);
  ASSERT_TRUE(WIFEXITED(status)) << "lanner was killed by signal " << WTERMSIG(status) << "\n" << text;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(text,
            "setown_ex ret=0 errno=0\nsetsig_kill ret=-1 errno=1\nsetsig_rt ret=0 errno=0\n"
            "async ret=0 errno=0\nwrite_rt ret=1 errno=0\nsetsig_io ret=0 errno=0\n"
            "write_io ret=1 errno=0\n");
}

// Ignored dispositions survive exec: the ones lanner ignores for itself must not reach the
// target (it sees the signal state it would have natively).
TEST(HardeningKernel, TheTargetInheritsLannersCallersSignalDispositions) {
  LANNER_REQUIRE_UNOTIFY();
  std::vector<std::string> argv{"grep", "-E", "^Sig(Ign|Blk)", "/proc/self/status"};
  testing::Outcome native = testing::run(argv, "", false);
  testing::Outcome monitored = testing::run(argv, "", true);
  EXPECT_EQ(monitored.out, native.out);
}

std::vector<std::string> fd_lines(const std::string& listing) {
  std::vector<std::string> out;
  size_t at = 0;
  for (size_t nl; (nl = listing.find('\n', at)) != std::string::npos; at = nl + 1) {
    out.push_back(listing.substr(at, nl - at));
  }
  return out;
}

TEST(HardeningKernel, OnlyPassedFdsReachTheTarget) {  // T19
  LANNER_REQUIRE_UNOTIFY();
  int passed = open("/dev/null", O_RDONLY);  // inherited by lanner: the target must get it
  LaunchSpec spec;
  spec.argv = {helper("supervisor_probe"), "fds"};
  spec.pass_fds = open_fds();
  int leaked = open("/etc/hostname", O_RDONLY);  // opened by lanner without O_CLOEXEC
  AllowAll handler;
  StdoutCapture capture;
  SuperviseReport report = run_supervised_report(spec, handler);
  std::string listing = capture.text();
  EXPECT_EQ(report.exit_code, 0);
  bool saw_passed = false;
  for (const auto& line : fd_lines(listing)) {
    int fd = std::atoi(line.c_str());
    EXPECT_NE(fd, leaked) << listing;
    EXPECT_EQ(line.find("seccomp"), std::string::npos) << listing;
    if (fd > 2) {
      EXPECT_NE(std::find(spec.pass_fds->begin(), spec.pass_fds->end(), fd), spec.pass_fds->end()) << line;
    }
    saw_passed = saw_passed || fd == passed;
  }
  EXPECT_TRUE(saw_passed) << listing;
  close(leaked);
  close(passed);
}

TEST(HardeningKernel, TheListenerNeverReachesTheTarget) {
  LANNER_REQUIRE_UNOTIFY();
  HardenedRun run = run_hardened({helper("supervisor_probe"), "fds"});
  EXPECT_FALSE(run.out.empty());
  EXPECT_EQ(run.out.find("seccomp"), std::string::npos) << run.out;
}

TEST(HardeningKernel, SecretsAreRemovedFromTheTargetsEnvironment) {  // T19
  LANNER_REQUIRE_UNOTIFY();
  setenv("LANNER_TEST_SECRET", "hunter2", 1);
  setenv("LANNER_TEST_KEPT", "visible", 1);
  LaunchSpec spec;
  spec.argv = {"env"};
  spec.remove_env = {"LANNER_TEST_SECRET", "LANNER_TEST_ABSENT"};
  AllowAll handler;
  StdoutCapture capture;
  SuperviseReport report = run_supervised_report(spec, handler);
  std::string env = capture.text();
  unsetenv("LANNER_TEST_SECRET");
  unsetenv("LANNER_TEST_KEPT");
  EXPECT_EQ(report.exit_code, 0);
  EXPECT_EQ(env.find("hunter2"), std::string::npos);
  EXPECT_EQ(env.find("LANNER_TEST_SECRET"), std::string::npos);
  EXPECT_NE(env.find("LANNER_TEST_KEPT=visible\n"), std::string::npos);
}

}  // namespace
}  // namespace lanner::supervisor
