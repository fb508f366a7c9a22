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

#include <linux/openat2.h>

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
  bool handover_failed = false;  // the file was opened but could not be given to the target
};

// An open located for a waiting call but not performed yet: lanner found the file the call
// would reach (an O_PATH fd pins it; nothing is created or truncated yet), so the caller can
// decide on it. complete() then performs the open on that very file and hands it over.
struct PendingOpen {
  UniqueFd located;        // O_PATH fd of the file, or of the parent directory when `create`
  bool create = false;     // the file does not exist yet: O_CREAT makes `leaf` in `located`
  std::string leaf;
  int error = 0;           // the lookup failed with this errno (the call fails the same way)
  std::string real_path;   // what the call reaches, symlinks, "..", dirfd resolved ("" if error)
  open_how how{};          // the flags and mode the target asked for
  OpenerContext opener;    // whose credentials the open runs with
};

class OpenEmulator {
 public:
  explicit OpenEmulator(int listener_fd);  // does not take ownership

  // Performs the open described by `event` (an open-family SyscallEvent decoded for
  // notification `id`) and answers the notification. nullopt: declined, nothing was done, the
  // caller must answer. Never throws.
  std::optional<EmulatedOpen> emulate(uint64_t id, const event::SyscallEvent& event);

  // The halves of emulate(). locate() finds the file without side effects and answers nothing
  // (nullopt: declined); complete() performs the open on it, hands the fd (or the errno) to the
  // target and returns what the target's call returned; refuse() answers `error` instead.
  std::optional<PendingOpen> locate(const event::SyscallEvent& event);
  EmulatedOpen complete(uint64_t id, PendingOpen& pending);
  bool refuse(uint64_t id, PendingOpen& pending, int error);

  uint64_t emulated() const { return emulated_; }
  uint64_t declined() const { return declined_; }

 private:
  std::optional<PendingOpen> run(const event::SyscallEvent& event);
  // The open itself, on the located file, as the opener: the new fd or -errno.
  int64_t open_located(PendingOpen& pending, UniqueFd& out);
  EmulatedOpen hand_over(uint64_t id, UniqueFd& fd, const PendingOpen& pending);
  uint64_t our_capabilities();
  // True when the opener's fsuid, fsgid and groups are lanner's own (no switch needed).
  bool is_ours(const OpenerContext& opener);

  int listener_;
  bool fs_unshared_ = false;
  std::optional<uint64_t> our_capabilities_;  // lanner's CapEff, read once
  std::optional<OpenerContext> our_identity_;  // lanner's fsuid, fsgid, sorted groups, read once
  uint64_t emulated_ = 0;
  uint64_t declined_ = 0;
};

// True for the syscalls OpenEmulator handles.
bool is_emulatable_open(const event::SyscallEvent& event);

}  // namespace lanner::supervisor
