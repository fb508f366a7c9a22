#pragma once
// lanner's default hardening: calls refused on register values alone, before any rule sees them
// (threats.md T01-T03, T17-T18; docs/threat-model.md). Deciding only on registers means no
// TOCTOU: the kernel runs nothing of a refused call, and nothing the target can rewrite was
// trusted.
//
// The MonitorLoop asks check() for every notification before decoding it and, on a verdict,
// answers with the verdict's errno and tells the EventHandler (on_hardening), which turns it into
// an alert. Foreign-ABI calls (i386 via int 0x80, x32) must never be looked up in the x86-64
// table: is_foreign_abi() says when. Pure and kernel-free except for the optional
// is_supervisor_task callback: testable on synthetic RawNotifications.
//
// Protection of the supervisor (protect_supervisor) refuses, with EPERM unless noted:
//  - kill / rt_sigqueueinfo aimed at a protected process, kill(-1, ...) and kill(-pgid, ...) of a
//    protected group; tkill / tgkill / rt_tgsigqueueinfo aimed at a protected task;
//  - ptrace, process_vm_readv/writev, pidfd_open, kcmp and prlimit64 aimed at a protected task;
//  - fcntl(F_SETOWN) naming a protected process or group (SIGIO/F_SETSIG could signal it), and
//    F_SETSIG with SIGKILL or SIGSTOP for any owner (F_SETOWN_EX/FIOSETOWN name the owner through
//    a pointer; every other signal is one lanner ignores while it protects itself);
//  - setpgid into a protected group (kill(0, ...) from there would reach the supervisor);
//  - every pidfd_getfd (which process a pidfd names cannot be known without a racy fd lookup);
//  - every pidfd_send_signal, with ENOSYS: its target is a pidfd or a /proc/<pid> directory fd,
//    whose object another thread can swap (dup2) after any check; ENOSYS makes callers fall back
//    to kill(2), which is decided on its pid register.
// Pid arguments are compared as the kernel reads them: the low 32 bits, signed.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "supervisor/notification_source.h"

namespace lanner::supervisor {

struct HardeningOptions {
  bool deny_io_uring = true;       // io_uring_* -> ENOSYS (io_uring ops bypass seccomp)
  bool protect_supervisor = true;  // kill/ptrace/... aimed at the supervisor -> EPERM
  int64_t supervisor_pid = 0;      // the supervisor's pid (tgid) as the target sees it
  // i386 (int 0x80) and x32 calls -> ENOSYS. Off: the filter lets them run unnotified (lanner has
  // no table for them), so they are unmonitored; the caller must say so at startup.
  bool deny_foreign_abi = true;
  int64_t supervisor_pgid = 0;            // the supervisor's process group (0: unknown)
  std::vector<int64_t> protected_pids;    // other lanner processes (the watchdog), each its own group
  // True if `tid` is a thread of the supervisor (any of its threads can be signalled, traced or
  // read). Empty: only supervisor_pid itself is recognised.
  std::function<bool(int64_t tid)> is_supervisor_task;
};

// Why a call was refused: a stable name (alert rule name), a sentence, and the errno returned.
struct HardeningVerdict {
  std::string_view rule;         // e.g. "lanner: io_uring denied"
  std::string_view description;  // one sentence for the alert output
  int error = 0;                 // errno the target sees
};

// True when the call is not a native x86-64 call: another audit arch (i386 through int 0x80) or
// the x32 bit set in the number. Such calls must never be looked up in the x86-64 table.
bool is_foreign_abi(const RawNotification& notification);

class Hardening {
 public:
  explicit Hardening(HardeningOptions options) : options_(std::move(options)) {}

  // The verdict for this call, or nullopt to let the rules decide.
  std::optional<HardeningVerdict> check(const RawNotification& notification) const;

  // Syscalls the filter must notify so check() sees them (added to the rules' trap set).
  std::vector<int> syscalls_to_trap() const;

  // Syscalls check() needs to see only when one argument equals a value (fcntl F_SETOWN), or
  // differs from it (prlimit64 on another process): the filter notifies just those calls.
  struct ArgTrap {
    int nr;
    unsigned arg;    // argument index 0..5
    bool equal;      // notify when arg == value (true) or arg != value (false)
    uint64_t value;
  };
  std::vector<ArgTrap> arg_traps() const;

  // Whether the filter must notify foreign-ABI calls (so check() refuses them with an alert).
  bool traps_foreign_abi() const { return options_.deny_foreign_abi; }

  const HardeningOptions& options() const { return options_; }

 private:
  std::optional<HardeningVerdict> check_protection(const RawNotification& notification) const;
  bool is_protected_task(int64_t tid) const;
  bool is_protected_group(int64_t pgid) const;
  bool is_protected_kill_target(int64_t pid) const;

  HardeningOptions options_;
};

}  // namespace lanner::supervisor
