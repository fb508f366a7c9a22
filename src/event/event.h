#pragma once
// The event model: what the supervisor's decoder produces for one trapped syscall and what the
// field extractors (event/fields_*.cpp) read. Plain data, no kernel access, no rendering:
// rendering of evt.arg.* (flags, enums, fds) is done lazily by the extractors, only when a rule
// or an output asks for it.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "event/syscall_table.h"

namespace lanner::event {

// One process (thread group) as Falco's thread table sees it. Immutable once published: the
// supervisor's process table replaces the whole object on exec/setuid/chdir instead of editing
// it, so an event can keep a shared_ptr to the state it was decided on.
struct ProcessInfo {
  int64_t pid = 0, ppid = 0, vpid = 0, sid = 0, pgid = 0, vpgid = 0;
  std::string comm;       // proc.name: task comm, <= 15 chars
  std::string exe;        // proc.exe: argv[0]
  std::string exepath;    // proc.exepath: canonical executable path
  std::vector<std::string> args;  // argv[1..]
  std::string cwd;        // with trailing '/' stripped, except "/"
  std::string root;       // the process's root directory as seen from lanner (/proc/PID/root)
  uint32_t tty = 0;       // device number of the controlling terminal, 0 if none
  uint64_t start_time_ns = 0;  // epoch ns
  uint32_t uid = 0, gid = 0;   // effective ids
  int64_t loginuid = -1;
  std::string user_name, group_name, login_name;  // from the target's /etc/passwd, /etc/group
  uint64_t cap_effective = 0, cap_permitted = 0, cap_inheritable = 0;
  bool exe_from_memfd = false, exe_upper_layer = false, exe_writable = false;
  uint64_t exe_ino = 0, exe_ctime_ns = 0, exe_mtime_ns = 0;
  std::string container_id;    // "host" outside a container
  std::string sname;           // name of the session leader, "" if unknown
  std::shared_ptr<const ProcessInfo> parent;  // null at the top of what lanner knows
};

enum class FdType : uint8_t {
  kUnknown, kFile, kDirectory, kIpv4, kIpv6, kUnix, kPipe, kEvent, kSignalfd, kEventpoll,
  kInotify, kTimerfd, kNetlink, kBpf, kUserfaultfd, kIoUring, kMemfd, kPidfd,
};

struct SocketEndpoint {
  std::array<uint8_t, 16> ip{};  // network order; IPv4 in the first 4 bytes
  uint16_t port = 0;             // host order
};

// The file descriptor an event concerns (the one it uses or, at entry, the one it will create).
struct FdInfo {
  int64_t num = -1;        // -1 when the fd does not exist yet (creating calls at entry)
  FdType type = FdType::kUnknown;
  std::string name;        // absolute path, or "cip:cport->sip:sport" for connected sockets
  std::string nameraw;     // path as passed by the program
  // Sockets only.
  uint8_t l4proto = 0;     // IPPROTO_TCP / IPPROTO_UDP / IPPROTO_ICMP / 255 for raw; 0 unknown
  bool has_tuple = false;  // local/remote below are known
  SocketEndpoint local, remote;
  bool is_server = false;  // this process is the server side (accepted socket)
  bool connected = false;
  std::string unix_path;   // AF_UNIX
};

struct SyscallEvent;

// Makes an event's relative path arguments absolute on first need. Reading the caller's cwd or
// dirfd (a readlink in /proc) is the dearest step of decoding a relative open, and most rules
// decide on other fields (evt.type, fd.typechar, proc.*) first, so the decoder defers it.
class PathBase {
 public:
  virtual ~PathBase() = default;
  // Fills abs_path[i] for each pending argument i (and fd.name when the call creates an fd
  // from that path), then clears event.pending_paths.
  virtual void complete(SyscallEvent& event) = 0;
};

// One trapped syscall, decoded at syscall entry (seccomp user notification time).
struct SyscallEvent {
  uint64_t num = 0;        // evt.num, from 1
  uint64_t time_ns = 0;    // evt.time, epoch ns
  const SyscallInfo* syscall = nullptr;
  int64_t tid = 0;
  std::array<uint64_t, 6> raw{};  // register arguments as the kernel delivered them
  // Bytes read from the target's memory for pointer arguments (strings without the NUL,
  // sockaddr/open_how as raw bytes). data_ok[i] is false when reading failed (EFAULT).
  std::array<std::string, 6> data;
  std::array<bool, 6> data_ok{};
  // For path arguments: the path made absolute through dirfd / cwd (not symlink-resolved).
  // Read it through complete_paths() first unless the event comes from a test or a fake.
  std::array<std::string, 6> abs_path;
  // Relative path arguments whose abs_path (and the fd.name taken from it) `path_base` has not
  // filled yet: bit i for argument i, path_dirfd[i] its dirfd (AT_FDCWD: the caller's cwd).
  uint8_t pending_paths = 0;
  std::array<int32_t, 6> path_dirfd{};
  PathBase* path_base = nullptr;
  std::vector<std::string> argv;   // execve/execveat argv
  std::shared_ptr<const ProcessInfo> process;  // caller; for execve: the program being started
  FdInfo fd;
  bool has_fd = false;
  // The syscall's return value. Unknown at entry: fields that need it are missing (see
  // docs/fields.md) until the supervisor learns the result.
  std::optional<int64_t> result;

  // Fills what pending_paths defers. A const event may be completed: completion computes values
  // the event already stands for, it changes none (an event is only ever shared read-only by
  // the one thread that decoded it).
  void complete_paths() const {
    if (pending_paths == 0 || path_base == nullptr) return;
    path_base->complete(const_cast<SyscallEvent&>(*this));
  }
};

}  // namespace lanner::event
