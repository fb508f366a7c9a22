#include "supervisor/open_request.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace lanner::supervisor {
namespace {

// The kernel's VALID_OPEN_FLAGS: what open/openat keep of the flags argument (the rest is
// silently ignored there, while openat2 would reject it).
constexpr uint64_t kValidOpenFlags =
    O_RDONLY | O_WRONLY | O_RDWR | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK |
    O_DSYNC | O_SYNC | FASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME |
    O_CLOEXEC | O_PATH | O_TMPFILE;

}  // namespace

bool is_open_family(const event::SyscallEvent& event) {
  if (event.syscall == nullptr) return false;
  const auto name = event.syscall->name;
  return name == "open" || name == "openat" || name == "openat2" || name == "creat";
}

std::optional<open_how> open_how_of(const event::SyscallEvent& ev) {
  if (!is_open_family(ev)) return std::nullopt;
  open_how how{};
  const auto name = ev.syscall->name;
  if (name == "openat2") {
    if (!ev.data_ok[2] || ev.data[2].size() < sizeof how) return std::nullopt;
    std::memcpy(&how, ev.data[2].data(), sizeof how);
    return how;
  }
  if (name == "open") {
    how.flags = ev.raw[1];
    how.mode = ev.raw[2];
  } else if (name == "creat") {
    how.flags = O_CREAT | O_WRONLY | O_TRUNC;
    how.mode = ev.raw[1];
  } else {  // openat
    how.flags = ev.raw[2];
    how.mode = ev.raw[3];
  }
  // What the kernel's build_open_how does for the legacy calls on 64-bit.
  how.flags = (how.flags & kValidOpenFlags) | O_LARGEFILE;
  how.mode = (how.flags & (O_CREAT | O_TMPFILE)) ? (how.mode & 07777) : 0;
  return how;
}

std::optional<OpenRequest> open_request_of(const event::SyscallEvent& ev) {
  auto how = open_how_of(ev);
  if (!how) return std::nullopt;
  OpenRequest req;
  req.how = *how;
  const auto name = ev.syscall->name;
  if (name == "openat" || name == "openat2") {
    req.dirfd = static_cast<int>(ev.raw[0]);
    req.path_arg = 1;
  }
  if (!ev.data_ok[req.path_arg]) return std::nullopt;  // the kernel will answer EFAULT itself
  req.path = ev.data[req.path_arg];
  return req;
}

bool path_of_fd(int fd, std::string& out) {
  char link[64];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  char buf[4096];
  ssize_t n = readlink(link, buf, sizeof buf);
  if (n <= 0 || static_cast<size_t>(n) >= sizeof buf) return false;
  out.assign(buf, static_cast<size_t>(n));
  return true;
}

ParentAndLeaf split_parent(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return {".", path};
  return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

std::string join_leaf(const std::string& dir, const std::string& leaf) {
  return dir == "/" ? "/" + leaf : dir + "/" + leaf;
}

}  // namespace lanner::supervisor
