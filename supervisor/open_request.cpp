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

std::optional<OpenRequest> open_request_of(const event::SyscallEvent& ev) {
  if (!is_open_family(ev)) return std::nullopt;
  OpenRequest req;
  const auto name = ev.syscall->name;
  size_t path_arg = 0;
  if (name == "open") {
    req.how.flags = ev.raw[1];
    req.how.mode = ev.raw[2];
  } else if (name == "creat") {
    req.how.flags = O_CREAT | O_WRONLY | O_TRUNC;
    req.how.mode = ev.raw[1];
  } else if (name == "openat" || name == "openat2") {
    req.dirfd = static_cast<int>(ev.raw[0]);
    path_arg = 1;
    if (name == "openat") {
      req.how.flags = ev.raw[2];
      req.how.mode = ev.raw[3];
    } else {
      if (!ev.data_ok[2] || ev.data[2].size() < sizeof(open_how)) return std::nullopt;
      std::memcpy(&req.how, ev.data[2].data(), sizeof(open_how));
    }
  } else {
    return std::nullopt;
  }
  if (!ev.data_ok[path_arg]) return std::nullopt;  // the kernel will answer EFAULT itself
  req.path = ev.data[path_arg];
  req.path_arg = path_arg;
  if (name != "openat2") {
    // What the kernel's build_open_how does for the legacy calls on 64-bit.
    req.how.flags = (req.how.flags & kValidOpenFlags) | O_LARGEFILE;
    req.how.mode = (req.how.flags & (O_CREAT | O_TMPFILE)) ? (req.how.mode & 07777) : 0;
  }
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
