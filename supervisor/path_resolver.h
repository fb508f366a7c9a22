#pragma once
// Resolves the path of an open-family call to the file it names, the way the kernel will for
// the caller: through the caller's cwd or dirfd (per thread), symlinks and "..", with
// /proc/self, /proc/thread-self, /dev/fd/N and /dev/std{in,out,err} meaning the caller's own.
// Enforce mode judges that path (threats.md T07, T09, T10): fd.name becomes the resolved path,
// fd.nameraw keeps the bytes the program passed.
//
// Resolution is an O_PATH openat2 by lanner with RESOLVE_NO_MAGICLINKS: a magic link is
// followed only as the leading /proc/PID/{fd/N,cwd,root,exe} of the path, where lanner knows
// whose it is. Any other magic link (say a symlink to /proc/self/fd/3, which would name
// lanner's fd 3) makes the path unresolvable, and enforce mode refuses the call.
#include <string>

#include "event/event.h"

namespace lanner::supervisor {

struct ResolvedPath {
  enum class Status : uint8_t {
    kResolved,      // `path` is the file the call reaches (or would create)
    kMissing,       // nothing there and the call does not create it: it will fail
    kUnresolvable,  // lanner cannot tell what the call would reach
  };
  Status status = Status::kUnresolvable;
  std::string path;
};

ResolvedPath resolve_open_path(const event::SyscallEvent& event);

// "/proc/self/x" -> "/proc/TGID/x", "/proc/thread-self" -> "/proc/TGID/task/TID",
// "/dev/fd/3" -> "/proc/TGID/fd/3", "/dev/stdin" -> "/proc/TGID/fd/0"; others unchanged. Pure.
std::string name_the_caller(const std::string& path, int64_t tgid, int64_t tid);

// Length of a leading "/proc/PID[/task/TID]/{fd/N,cwd,root,exe}" (a magic link lanner follows
// on purpose), or 0. Pure.
size_t magic_prefix_length(std::string_view path);

}  // namespace lanner::supervisor
