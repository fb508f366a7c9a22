#pragma once
// Notification -> event::SyscallEvent. Reads pointer arguments from the target (per the syscall
// table's ArgRole), resolves paths and the fd the call uses, attaches the process. It decides
// nothing. Everything read is an entry-time snapshot (TOCTOU): the caller must check that the
// notification is still valid after decode() before trusting the data.
//
// Paths: abs_path[] is the argument made absolute through its dirfd (/proc/TID/fd/N) or the
// current cwd (/proc/TID/cwd, read only for relative paths with AT_FDCWD) and normalised
// lexically ("." and ".." and repeated '/'); symlinks are NOT resolved, as in Falco. For a
// relative path that readlink waits until something asks (SyscallEvent::complete_paths, done
// by the field extractors, the path resolver and exec decoding).
// Sockets: the sockaddr argument gives the remote end of connect/sendto (the local end, family
// and protocol come from the borrowed socket when a SocketInspector is given).
// Owned and used by the notification thread only.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "event/event.h"
#include "supervisor/notification_source.h"
#include "supervisor/proc_fs.h"
#include "supervisor/proc_table.h"
#include "supervisor/socket_inspector.h"
#include "supervisor/target_memory.h"

namespace lanner::supervisor {

struct DecoderLimits {
  size_t max_path = 4096;            // PATH_MAX
  size_t max_argc = 1024;            // argv entries kept for exec events
  size_t max_argv_bytes = 64 * 1024; // total argv bytes kept
  size_t max_sockaddr = 128;         // sizeof(sockaddr_storage)
  size_t max_open_how = 24;          // sizeof(struct open_how) in 5.6
};

class Decoder final : public event::PathBase {
 public:
  Decoder(TargetMemory& memory, ProcTable& processes, ProcFs& fs, SocketInspector* sockets,
          DecoderLimits limits = {});

  // Overwrites `event` (reused between calls to keep its buffers). Never throws for bad input.
  void decode(const RawNotification& notification, event::SyscallEvent& event);

  uint64_t events_decoded() const { return counter_; }

  // Makes the event's relative paths absolute (event::PathBase). The event must be the one
  // decode() filled last, for a call that still waits: the caller's cwd and fds are read now.
  void complete(event::SyscallEvent& event) override;

 private:
  void read_arguments(const RawNotification& n, event::SyscallEvent& event);
  void read_argv(int64_t tid, uint64_t addr, event::SyscallEvent& event);
  void read_msghdr_name(int64_t tid, uint64_t addr, event::SyscallEvent& event, size_t slot);
  void defer_relative_path(event::SyscallEvent& event, size_t slot, int64_t dirfd);
  void join_base(int64_t tid, int64_t dirfd, const std::string& path, std::string& out);
  void describe_fd(int64_t tid, int64_t fd, event::FdInfo& out);
  void describe_socket(int64_t tid, const event::SyscallEvent& event, event::FdInfo& out);
  void describe_created_fd(event::SyscallEvent& event);
  void attach_process(const RawNotification& n, event::SyscallEvent& event);
  void attach_exec_image(int64_t tid, int64_t tgid, event::SyscallEvent& event);

  TargetMemory& memory_;
  ProcTable& processes_;
  ProcFs& fs_;
  SocketInspector* sockets_;
  DecoderLimits limits_;
  uint64_t counter_ = 0;
  std::string scratch_;
};

// Lexical normalisation of an absolute path: collapses "//", drops ".", applies ".." (never
// above "/"). Pure; for tests.
std::string normalize_path(const std::string& path);
void normalize_path_into(std::string_view path, std::string& out);  // reuses out's buffer

// Resets `event` for reuse, keeping the capacity of its strings and vectors.
void reset_event(event::SyscallEvent& event);

}  // namespace lanner::supervisor
