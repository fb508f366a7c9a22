#include "supervisor/hardening.h"

#include <fcntl.h>
#include <linux/audit.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>

#include <algorithm>
#include <cerrno>
#include <csignal>

namespace lanner::supervisor {
namespace {

constexpr uint32_t kX32SyscallBit = 0x40000000;

constexpr int kIoUring[] = {SYS_io_uring_setup, SYS_io_uring_enter, SYS_io_uring_register};

// Everything check_protection looks at unconditionally; rare calls, so trapping them costs
// nothing measurable (fcntl and prlimit64 are trapped only for the argument values that matter).
constexpr int kProtectionTraps[] = {
    SYS_kill,       SYS_tkill,       SYS_tgkill,      SYS_rt_sigqueueinfo, SYS_rt_tgsigqueueinfo,
    SYS_ptrace,     SYS_process_vm_readv, SYS_process_vm_writev, SYS_pidfd_open, SYS_pidfd_getfd,
    SYS_pidfd_send_signal, SYS_kcmp, SYS_setpgid};

constexpr HardeningVerdict kIoUringVerdict{
    "lanner: io_uring denied",
    "io_uring operations bypass syscall monitoring; the call was refused", ENOSYS};
constexpr HardeningVerdict kForeignAbiVerdict{
    "lanner: foreign syscall ABI denied",
    "an i386 (int 0x80) or x32 system call from a process lanner monitors as x86-64; refused "
    "without running",
    ENOSYS};
constexpr HardeningVerdict kSignalVerdict{
    "lanner: signal to the supervisor denied",
    "a signal aimed at lanner (its pid, its process group or every process) was refused", EPERM};
constexpr HardeningVerdict kUncatchableSigioVerdict{
    "lanner: uncatchable I/O signal denied",
    "F_SETSIG with SIGKILL or SIGSTOP could be routed to lanner, which cannot ignore them; refused",
    EPERM};
constexpr HardeningVerdict kAccessVerdict{
    "lanner: access to the supervisor denied",
    "an attempt to trace, read, write or take a handle on lanner was refused", EPERM};
constexpr HardeningVerdict kGroupVerdict{
    "lanner: joining the supervisor's process group denied",
    "a process tried to move into lanner's process group; refused", EPERM};
constexpr HardeningVerdict kPidfdGetfdVerdict{
    "lanner: pidfd_getfd denied",
    "pidfd_getfd copies another process's file descriptors; refused under lanner", EPERM};
constexpr HardeningVerdict kPidfdSignalVerdict{
    "lanner: pidfd_send_signal refused",
    "the process a pidfd names cannot be checked without a race; answered ENOSYS so the caller "
    "falls back to kill(2)",
    ENOSYS};

// The kernel reads pid_t arguments as the low 32 bits of the register, signed.
int64_t pid_arg(const RawNotification& n, size_t index) {
  return static_cast<int32_t>(static_cast<uint32_t>(n.args[index]));
}

bool is_io_uring(int nr) { return std::find(std::begin(kIoUring), std::end(kIoUring), nr) != std::end(kIoUring); }

}  // namespace

bool is_foreign_abi(const RawNotification& notification) {
  return notification.arch != AUDIT_ARCH_X86_64 ||
         (static_cast<uint32_t>(notification.nr) & kX32SyscallBit) != 0;
}

std::optional<HardeningVerdict> Hardening::check(const RawNotification& notification) const {
  // First: a foreign number means something else in the x86-64 table (i386 5 is open, x86-64 5
  // is fstat), so nothing below may interpret it.
  if (is_foreign_abi(notification)) {
    if (options_.deny_foreign_abi) return kForeignAbiVerdict;
    return std::nullopt;
  }
  if (options_.deny_io_uring && is_io_uring(notification.nr)) return kIoUringVerdict;
  if (options_.protect_supervisor) return check_protection(notification);
  return std::nullopt;
}

std::optional<HardeningVerdict> Hardening::check_protection(const RawNotification& n) const {
  switch (n.nr) {
    case SYS_kill:
      if (is_protected_kill_target(pid_arg(n, 0))) return kSignalVerdict;
      break;
    case SYS_rt_sigqueueinfo:
    case SYS_tkill:
      if (is_protected_task(pid_arg(n, 0))) return kSignalVerdict;
      break;
    case SYS_tgkill:
    case SYS_rt_tgsigqueueinfo:
      if (is_protected_task(pid_arg(n, 0)) || is_protected_task(pid_arg(n, 1))) return kSignalVerdict;
      break;
    case SYS_ptrace:
      if (n.args[0] != PTRACE_TRACEME && is_protected_task(pid_arg(n, 1))) return kAccessVerdict;
      break;
    case SYS_process_vm_readv:
    case SYS_process_vm_writev:
    case SYS_pidfd_open:
    case SYS_prlimit64:
      if (is_protected_task(pid_arg(n, 0))) return kAccessVerdict;
      break;
    case SYS_kcmp:
      if (is_protected_task(pid_arg(n, 0)) || is_protected_task(pid_arg(n, 1))) return kAccessVerdict;
      break;
    case SYS_fcntl:
      if (static_cast<int>(n.args[1]) == F_SETOWN && is_protected_kill_target(pid_arg(n, 2))) {
        return kSignalVerdict;
      }
      // The kernel checks the whole register (valid_signal on an unsigned long).
      if (static_cast<int>(n.args[1]) == F_SETSIG && (n.args[2] == SIGKILL || n.args[2] == SIGSTOP)) {
        return kUncatchableSigioVerdict;
      }
      break;
    case SYS_setpgid:
      if (is_protected_group(pid_arg(n, 1))) return kGroupVerdict;
      break;
    case SYS_pidfd_getfd:
      return kPidfdGetfdVerdict;
    case SYS_pidfd_send_signal:
      return kPidfdSignalVerdict;
    default:
      break;
  }
  return std::nullopt;
}

bool Hardening::is_protected_task(int64_t tid) const {
  if (tid <= 0) return false;
  if (tid == options_.supervisor_pid) return true;
  const auto& others = options_.protected_pids;
  if (std::find(others.begin(), others.end(), tid) != others.end()) return true;
  return options_.is_supervisor_task && options_.is_supervisor_task(tid);
}

bool Hardening::is_protected_group(int64_t pgid) const {
  if (pgid <= 0) return false;  // 0: the caller's own pid or group, never lanner's
  if (pgid == options_.supervisor_pgid) return true;
  const auto& others = options_.protected_pids;
  return std::find(others.begin(), others.end(), pgid) != others.end();
}

// kill(2) and F_SETOWN semantics: > 0 a process, -1 every process, < -1 a process group.
bool Hardening::is_protected_kill_target(int64_t pid) const {
  if (pid == -1) return true;
  if (pid < -1) return is_protected_group(-pid);
  return is_protected_task(pid);
}

std::vector<int> Hardening::syscalls_to_trap() const {
  std::vector<int> out;
  if (options_.deny_io_uring) {
    for (int nr : kIoUring) out.push_back(nr);
  }
  if (options_.protect_supervisor) {
    for (int nr : kProtectionTraps) out.push_back(nr);
  }
  return out;
}

std::vector<Hardening::ArgTrap> Hardening::arg_traps() const {
  std::vector<ArgTrap> out;
  if (options_.protect_supervisor) {
    out.push_back({SYS_fcntl, 1, true, F_SETOWN});
    out.push_back({SYS_fcntl, 1, true, F_SETSIG});
    out.push_back({SYS_prlimit64, 0, false, 0});  // prlimit64(0, ...) is the caller itself
  }
  return out;
}

}  // namespace lanner::supervisor
