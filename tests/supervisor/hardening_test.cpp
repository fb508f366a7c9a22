// Hardening::check on synthetic notifications: what is refused, with which errno, and that the
// decision rests on registers only (pid arguments read as the kernel reads them).
#include "supervisor/hardening.h"

#include <csignal>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/audit.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>

#include <algorithm>
#include <cerrno>

#include "supervisor/launcher.h"

namespace lanner::supervisor {
namespace {

constexpr int64_t kLanner = 4242;
constexpr int64_t kLannerGroup = 4200;
constexpr int64_t kWatchdog = 4300;
constexpr int64_t kLannerThread = 4250;

RawNotification call(int nr, std::initializer_list<uint64_t> args, uint32_t arch = AUDIT_ARCH_X86_64) {
  RawNotification n;
  n.tid = 77;
  n.nr = nr;
  n.arch = arch;
  size_t i = 0;
  for (uint64_t a : args) n.args[i++] = a;
  return n;
}

uint64_t reg(int64_t value) { return static_cast<uint64_t>(value); }

HardeningOptions protecting() {
  HardeningOptions options;
  options.supervisor_pid = kLanner;
  options.supervisor_pgid = kLannerGroup;
  options.protected_pids = {kWatchdog};
  options.is_supervisor_task = [](int64_t tid) { return tid == kLanner || tid == kLannerThread; };
  return options;
}

int refused_with(const Hardening& h, const RawNotification& n) {
  auto verdict = h.check(n);
  return verdict ? verdict->error : 0;
}

TEST(Hardening, IoUringIsRefusedWithEnosys) {
  Hardening h(protecting());
  for (int nr : {SYS_io_uring_setup, SYS_io_uring_enter, SYS_io_uring_register}) {
    auto verdict = h.check(call(nr, {}));
    ASSERT_TRUE(verdict.has_value()) << nr;
    EXPECT_EQ(verdict->error, ENOSYS);
    EXPECT_EQ(verdict->rule, "lanner: io_uring denied");
  }
  HardeningOptions off = protecting();
  off.deny_io_uring = false;
  EXPECT_FALSE(Hardening(off).check(call(SYS_io_uring_setup, {})).has_value());
}

TEST(Hardening, ForeignAbiIsRefusedBeforeTheNumberMeansAnything) {
  Hardening h(protecting());
  // i386 nr 37 is kill; read as x86-64 it would be alarm. Neither table may be consulted.
  auto i386 = h.check(call(37, {reg(kLanner), 9}, AUDIT_ARCH_I386));
  ASSERT_TRUE(i386.has_value());
  EXPECT_EQ(i386->error, ENOSYS);
  EXPECT_EQ(i386->rule, "lanner: foreign syscall ABI denied");
  // x32: same audit arch as x86-64, the 0x40000000 bit in the number.
  auto x32 = h.check(call(0x40000000 | SYS_openat, {}));
  ASSERT_TRUE(x32.has_value());
  EXPECT_EQ(x32->rule, "lanner: foreign syscall ABI denied");
  EXPECT_TRUE(is_foreign_abi(call(0x40000000 | SYS_getpid, {})));
  EXPECT_FALSE(is_foreign_abi(call(SYS_openat, {})));
  HardeningOptions off = protecting();
  off.deny_foreign_abi = false;
  // Off: not refused, and still not read as an x86-64 call (no protection verdict either).
  EXPECT_FALSE(Hardening(off).check(call(37, {reg(kLanner), 9}, AUDIT_ARCH_I386)).has_value());
  EXPECT_FALSE(Hardening(off).traps_foreign_abi());
  EXPECT_TRUE(h.traps_foreign_abi());
}

TEST(Hardening, KillAimedAtTheSupervisorIsRefused) {
  Hardening h(protecting());
  EXPECT_EQ(refused_with(h, call(SYS_kill, {reg(kLanner), 9})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_kill, {reg(kLannerThread), 9})), EPERM);  // kill(tid) signals the process
  EXPECT_EQ(refused_with(h, call(SYS_kill, {reg(kWatchdog), 9})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_kill, {reg(-1), 9})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_kill, {reg(-kLannerGroup), 9})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_kill, {reg(-kWatchdog), 9})), EPERM);
  // The kernel uses the low 32 bits: high garbage must not hide the pid.
  EXPECT_EQ(refused_with(h, call(SYS_kill, {(1ULL << 32) | kLanner, 9})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_kill, {0xffffffffULL, 9})), EPERM);  // -1 as an int
  auto verdict = h.check(call(SYS_kill, {reg(kLanner), 0}));
  ASSERT_TRUE(verdict.has_value());
  EXPECT_EQ(verdict->rule, "lanner: signal to the supervisor denied");
}

TEST(Hardening, KillOfOtherProcessesIsLeftToTheRules) {
  Hardening h(protecting());
  EXPECT_EQ(refused_with(h, call(SYS_kill, {0, 15})), 0);  // the caller's own group
  EXPECT_EQ(refused_with(h, call(SYS_kill, {reg(kLanner + 1), 9})), 0);
  EXPECT_EQ(refused_with(h, call(SYS_kill, {reg(-(kLannerGroup + 1)), 9})), 0);
  EXPECT_EQ(refused_with(h, call(SYS_getpid, {reg(kLanner)})), 0);
}

TEST(Hardening, ThreadDirectedSignalsAreRefusedForEverySupervisorThread) {
  Hardening h(protecting());
  EXPECT_EQ(refused_with(h, call(SYS_tkill, {reg(kLannerThread), 9})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_tgkill, {reg(kLanner), reg(kLannerThread), 9})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_tgkill, {555, reg(kLannerThread), 9})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_rt_sigqueueinfo, {reg(kLanner), 9, 0})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_rt_tgsigqueueinfo, {reg(kLanner), reg(kLanner), 9, 0})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_tgkill, {555, 556, 9})), 0);
}

TEST(Hardening, InspectionOfTheSupervisorIsRefused) {
  Hardening h(protecting());
  EXPECT_EQ(refused_with(h, call(SYS_ptrace, {PTRACE_ATTACH, reg(kLanner)})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_ptrace, {PTRACE_SEIZE, reg(kLannerThread)})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_ptrace, {PTRACE_TRACEME, reg(kLanner)})), 0);  // pid unused
  EXPECT_EQ(refused_with(h, call(SYS_ptrace, {PTRACE_ATTACH, 555})), 0);
  EXPECT_EQ(refused_with(h, call(SYS_process_vm_readv, {reg(kLanner)})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_process_vm_writev, {reg(kWatchdog)})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_pidfd_open, {reg(kLanner), 0})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_pidfd_open, {555, 0})), 0);
  EXPECT_EQ(refused_with(h, call(SYS_kcmp, {555, reg(kLanner)})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_prlimit64, {reg(kLanner), 7})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_prlimit64, {0, 7})), 0);
}

TEST(Hardening, PidfdCallsWhoseTargetCannotBeCheckedAreRefused) {
  Hardening h(protecting());
  EXPECT_EQ(refused_with(h, call(SYS_pidfd_getfd, {3, 4, 0})), EPERM);
  auto signal = h.check(call(SYS_pidfd_send_signal, {3, 9, 0, 0}));
  ASSERT_TRUE(signal.has_value());
  EXPECT_EQ(signal->error, ENOSYS);  // callers fall back to kill(2)
}

TEST(Hardening, SigioOwnershipAndGroupMovesTowardsTheSupervisorAreRefused) {
  Hardening h(protecting());
  EXPECT_EQ(refused_with(h, call(SYS_fcntl, {0, F_SETOWN, reg(kLanner)})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_fcntl, {0, F_SETOWN, reg(-kLannerGroup)})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_fcntl, {0, F_SETOWN, 555})), 0);
  EXPECT_EQ(refused_with(h, call(SYS_fcntl, {0, F_GETFL, reg(kLanner)})), 0);
  // F_SETOWN_EX names the owner through a pointer: the signals lanner cannot ignore are refused
  // whoever the owner is; the kernel rejects anything but the exact number (EINVAL).
  EXPECT_EQ(refused_with(h, call(SYS_fcntl, {0, F_SETSIG, SIGKILL})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_fcntl, {0, F_SETSIG, SIGSTOP})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_fcntl, {0, F_SETSIG, SIGUSR1})), 0);
  EXPECT_EQ(refused_with(h, call(SYS_fcntl, {0, F_SETSIG, (1ULL << 32) | SIGKILL})), 0);
  EXPECT_EQ(refused_with(h, call(SYS_setpgid, {0, reg(kLannerGroup)})), EPERM);
  EXPECT_EQ(refused_with(h, call(SYS_setpgid, {0, 0})), 0);
}

TEST(Hardening, ProtectionCanBeTurnedOff) {
  HardeningOptions options = protecting();
  options.protect_supervisor = false;
  Hardening h(options);
  EXPECT_EQ(refused_with(h, call(SYS_kill, {reg(kLanner), 9})), 0);
  EXPECT_EQ(refused_with(h, call(SYS_pidfd_getfd, {3, 4, 0})), 0);
  EXPECT_TRUE(h.arg_traps().empty());
  EXPECT_EQ(h.syscalls_to_trap().size(), 3u);  // io_uring only
}

TEST(Hardening, WithoutAKnownPidNothingButGroupMinusOneIsProtected) {
  Hardening h(HardeningOptions{});
  EXPECT_EQ(refused_with(h, call(SYS_kill, {0, 9})), 0);
  EXPECT_EQ(refused_with(h, call(SYS_tkill, {0, 9})), 0);
  EXPECT_EQ(refused_with(h, call(SYS_kill, {reg(-1), 9})), EPERM);
}

TEST(Hardening, TrapsWhatItChecks) {
  Hardening h(protecting());
  auto traps = h.syscalls_to_trap();
  for (int nr : {SYS_io_uring_setup, SYS_kill, SYS_tkill, SYS_tgkill, SYS_rt_sigqueueinfo,
                 SYS_rt_tgsigqueueinfo, SYS_ptrace, SYS_process_vm_readv, SYS_process_vm_writev,
                 SYS_pidfd_open, SYS_pidfd_getfd, SYS_pidfd_send_signal, SYS_kcmp, SYS_setpgid}) {
    EXPECT_NE(std::find(traps.begin(), traps.end(), nr), traps.end()) << nr;
  }
  auto conditional = h.arg_traps();
  ASSERT_EQ(conditional.size(), 3u);
  EXPECT_EQ(conditional[0].nr, SYS_fcntl);
  EXPECT_TRUE(conditional[0].equal);
  EXPECT_EQ(conditional[0].value, static_cast<uint64_t>(F_SETOWN));
  EXPECT_EQ(conditional[1].value, static_cast<uint64_t>(F_SETSIG));
  EXPECT_EQ(conditional[2].nr, SYS_prlimit64);
  EXPECT_FALSE(conditional[2].equal);
}

TEST(Hardening, LannerIgnoresOnlySignalsItDoesNotUse) {
  for (int sig : {SIGIO, SIGALRM, SIGTSTP, SIGTTIN, SIGXCPU, SIGPROF, SIGSEGV}) {
    EXPECT_TRUE(is_shielded_signal(sig)) << sig;
  }
  for (int sig : {SIGKILL, SIGSTOP, SIGCHLD, SIGTERM, SIGINT, SIGPIPE, SIGTTOU, 32, 33}) {
    EXPECT_FALSE(is_shielded_signal(sig)) << sig;
  }
  EXPECT_TRUE(is_shielded_signal(SIGRTMIN + 4));
}

}  // namespace
}  // namespace lanner::supervisor
