#pragma once
// Runs an open-family call (open, openat, openat2, creat) on behalf of a trapped thread and hands
// the result over, so lanner learns the call's exact outcome (the new fd number, or the errno)
// without a ptrace exit stop. Used only when a rule's verdict depends on the result (fd.num,
// evt.res, evt.rawres): Falco evaluates at syscall exit, seccomp notifies at entry.
//
// Faithfulness: the open runs with the thread's file-system uid/gid and supplementary groups
// (per-thread raw setfsuid/setfsgid/setgroups on the notification thread), its umask, and its
// cwd or dirfd (through /proc/TID/cwd and /proc/TID/fd/N, which the kernel resolves to the same
// files). The fd reaches the target with SECCOMP_IOCTL_NOTIF_ADDFD + ADDFD_FLAG_SEND, which
// answers the notification atomically: the target's call returns the fd number, as it would
// natively. A failed open is answered with the same errno. Cases that cannot be made faithful
// (a chrooted target, capabilities that differ from lanner's, open_by_handle_at) are declined:
// the caller then lets the call run (CONTINUE) and the result stays unknown.
//
// Owned and used by the notification thread only (it changes that thread's credentials and
// fs context for the duration of one call).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "event/event.h"
#include "supervisor/unique_fd.h"

namespace lanner::supervisor {

// The target thread's credentials and fs context that decide an open's outcome.
struct OpenerContext {
  uint32_t fsuid = 0, fsgid = 0;
  std::vector<uint32_t> groups;
  uint32_t umask = 022;
  uint64_t cap_effective = 0;
};

// Parses /proc/TID/status text; nullopt if a needed line is missing. Pure, for tests.
std::optional<OpenerContext> parse_opener_context(std::string_view status_text);

// What an emulated open did.
struct EmulatedOpen {
  int64_t result = 0;     // the target's fd number, or -errno
  bool answered = false;  // the notification was answered (fd injected or errno sent)
};

// An open performed for a waiting call and not handed over yet: the caller decides, on data
// lanner owns (the opened file itself), whether the target gets it (hand_over) or not (refuse).
struct PendingOpen {
  UniqueFd fd;             // lanner's copy; invalid when the open failed
  int error = 0;           // the open's errno when it failed, else 0
  uint32_t newfd_flags = 0;  // O_CLOEXEC as the target asked for it
  std::string real_path;   // what was opened, from /proc/self/fd (symlinks, "..", dirfd resolved)
  int64_t result() const { return fd.valid() ? fd.get() : -static_cast<int64_t>(error); }
};

class OpenEmulator {
 public:
  explicit OpenEmulator(int listener_fd);  // does not take ownership

  // Performs the open described by `event` (an open-family SyscallEvent decoded for
  // notification `id`) and answers the notification. nullopt: declined, nothing was done, the
  // caller must answer. Never throws.
  std::optional<EmulatedOpen> emulate(uint64_t id, const event::SyscallEvent& event);

  // The two halves of emulate(). open_for performs the open and answers nothing (nullopt:
  // declined); hand_over then gives the target the fd (or the open's errno) and returns what
  // the target's call returned; refuse closes lanner's copy and answers `error` instead.
  std::optional<PendingOpen> open_for(const event::SyscallEvent& event);
  EmulatedOpen hand_over(uint64_t id, PendingOpen& pending);
  bool refuse(uint64_t id, PendingOpen& pending, int error);

  uint64_t emulated() const { return emulated_; }
  uint64_t declined() const { return declined_; }

 private:
  std::optional<PendingOpen> run(const event::SyscallEvent& event);
  uint64_t our_capabilities();

  int listener_;
  bool fs_unshared_ = false;
  std::optional<uint64_t> our_capabilities_;  // lanner's CapEff, read once
  uint64_t emulated_ = 0;
  uint64_t declined_ = 0;
};

// True for the syscalls OpenEmulator handles.
bool is_emulatable_open(const event::SyscallEvent& event);

}  // namespace lanner::supervisor
