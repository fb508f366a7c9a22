#include "supervisor/path_resolver.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "supervisor/decoder.h"
#include "supervisor/open_request.h"
#include "supervisor/unique_fd.h"

namespace lanner::supervisor {
namespace {

bool has_prefix(std::string_view path, std::string_view prefix) {
  return path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

size_t digits_at(std::string_view s, size_t pos) {
  size_t end = pos;
  while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
  return end - pos;
}

UniqueFd open_path(int dir, const std::string& path, uint64_t flags, uint64_t resolve) {
  open_how how{};
  how.flags = O_PATH | O_CLOEXEC | flags;
  how.resolve = resolve;
  return UniqueFd(static_cast<int>(
      syscall(SYS_openat2, dir, path.c_str(), &how, sizeof how)));
}

struct Start {
  UniqueFd dir;      // where `rest` is resolved from (invalid: lanner's cwd, absolute rest)
  std::string rest;  // what remains to resolve, relative to dir (or absolute)
  bool through_magic_link = false;  // dir is a /proc magic link the path named
};

// Where resolution starts for `path` (the request's path, the caller's /proc aliases named):
// a magic prefix opened on purpose, the caller's dirfd or cwd, or /.
std::optional<Start> start_of(const std::string& path, const OpenRequest& request, int64_t tid) {
  Start start;
  if (size_t magic = magic_prefix_length(path)) {
    start.through_magic_link = true;
    start.dir = UniqueFd(open(path.substr(0, magic).c_str(), O_PATH | O_CLOEXEC));
    start.rest = path.substr(std::min(path.size(), magic + 1));
  } else if (!path.empty() && path[0] != '/') {
    const std::string proc = "/proc/" + std::to_string(tid);
    const std::string dir = request.dirfd == AT_FDCWD
                                ? proc + "/cwd"
                                : proc + "/fd/" + std::to_string(request.dirfd);
    start.dir = UniqueFd(open(dir.c_str(), O_PATH | O_CLOEXEC));
    start.rest = path;
  } else {
    start.rest = path;
    return start;
  }
  if (!start.dir.valid()) return std::nullopt;
  return start;
}

int dir_of(const Start& start) { return start.dir.valid() ? start.dir.get() : AT_FDCWD; }

// The path `start` names, joined and normalised but not resolved. A relative path is joined to
// the name of the directory lanner itself opened (the caller's cwd or dirfd, through /proc), not
// to a name read at another moment: a thread swapping the dirfd in between would get one file
// judged by another's name. An absolute path is the decoder's `absolute` form.
bool lexical_form(const Start& start, const std::string& absolute, std::string& out) {
  if (!start.dir.valid()) {
    out = absolute;
    return out.starts_with('/');
  }
  std::string base;
  if (!path_of_fd(start.dir.get(), base)) return false;
  normalize_path_into(join_leaf(base, start.rest), out);
  return true;
}

// O_CREAT of a name that does not exist yet: the file would be created in the parent, unless
// the name is a dangling symlink (the kernel would create its target: lanner does not chase it).
ResolvedPath resolve_created(const Start& start, uint64_t resolve) {
  const auto [parent, leaf] = split_parent(start.rest);
  ResolvedPath out;
  UniqueFd link = open_path(dir_of(start), start.rest, O_NOFOLLOW, resolve);
  if (link.valid()) return out;  // exists as a dangling symlink: unresolvable
  UniqueFd dir = open_path(dir_of(start), parent, 0, resolve);
  if (!dir.valid()) {
    out.status = errno == ELOOP ? ResolvedPath::Status::kUnresolvable : ResolvedPath::Status::kMissing;
    return out;
  }
  std::string dir_path;
  if (!path_of_fd(dir.get(), dir_path)) return out;
  out.path = join_leaf(dir_path, leaf);
  out.status = ResolvedPath::Status::kResolved;
  return out;
}

}  // namespace

std::string name_the_caller(const std::string& path, int64_t tgid, int64_t tid) {
  // Every alias starts with /proc/ or /dev/: most paths need no strings built.
  if (!path.starts_with("/proc/") && !path.starts_with("/dev/")) return path;
  const std::string process = "/proc/" + std::to_string(tgid);
  struct Alias {
    std::string_view from;
    std::string to;
  };
  const Alias aliases[] = {
      {"/proc/self", process},
      {"/proc/thread-self", process + "/task/" + std::to_string(tid)},
      {"/dev/fd", process + "/fd"},
      {"/dev/stdin", process + "/fd/0"},
      {"/dev/stdout", process + "/fd/1"},
      {"/dev/stderr", process + "/fd/2"},
  };
  for (const auto& alias : aliases) {
    if (has_prefix(path, alias.from)) return alias.to + path.substr(alias.from.size());
  }
  return path;
}

size_t magic_prefix_length(std::string_view path) {
  if (!path.starts_with("/proc/")) return 0;
  size_t pos = 6;
  size_t n = digits_at(path, pos);
  if (n == 0 || pos + n >= path.size() || path[pos + n] != '/') return 0;
  pos += n + 1;
  if (path.substr(pos).starts_with("task/")) {
    n = digits_at(path, pos + 5);
    if (n == 0 || pos + 5 + n >= path.size() || path[pos + 5 + n] != '/') return 0;
    pos += 5 + n + 1;
  }
  std::string_view tail = path.substr(pos);
  for (std::string_view link : {"cwd", "root", "exe"}) {
    if (has_prefix(tail, link)) return pos + link.size();
  }
  if (tail.starts_with("fd/")) {
    n = digits_at(path, pos + 3);
    if (n > 0 && has_prefix(tail, tail.substr(0, 3 + n))) return pos + 3 + n;
  }
  return 0;
}

ResolvedPath resolve_open_path(const event::SyscallEvent& event) {
  ResolvedPath out;
  auto request = open_request_of(event);
  if (!request || request->path.empty()) {
    out.status = ResolvedPath::Status::kMissing;  // EFAULT / ENOENT from the kernel
    return out;
  }
  // A chrooted caller's "/" is not lanner's: leave it to emulation (or refusal).
  if (event.process && !event.process->root.empty() && event.process->root != "/") return out;
  const int64_t tgid = event.process ? event.process->pid : event.tid;
  const std::string named = name_the_caller(request->path, tgid, event.tid);
  auto start = start_of(named, *request, event.tid);
  if (!start) return out;
  if (start->rest.empty() && start->dir.valid()) {
    // The whole path was a magic link of the caller's (/proc/self/fd/3): it is that object.
    if (!path_of_fd(start->dir.get(), out.path)) return out;
    out.status = ResolvedPath::Status::kResolved;
    return out;
  }
  const uint64_t resolve = RESOLVE_NO_MAGICLINKS | request->how.resolve;
  const uint64_t nofollow = request->how.flags & O_NOFOLLOW;
  // Most paths cross no symlink: then their lexical form already is the real path and one
  // lookup proves it (no readlink of the result). Paths naming the caller's /proc entries are
  // excluded: their lexical form names them, not the file behind.
  std::string lexical;
  if (!start->through_magic_link && named == request->path &&
      lexical_form(*start, event.abs_path[request->path_arg], lexical)) {
    UniqueFd plain = open_path(dir_of(*start), start->rest, nofollow, resolve | RESOLVE_NO_SYMLINKS);
    if (plain.valid()) {
      out.path = std::move(lexical);
      out.status = ResolvedPath::Status::kResolved;
      return out;
    }
  }
  UniqueFd target = open_path(dir_of(*start), start->rest, nofollow, resolve);
  if (!target.valid()) {
    const int error = errno;
    if (error == ENOENT && (request->how.flags & O_CREAT) != 0) return resolve_created(*start, resolve);
    out.status = error == ELOOP || error == EXDEV ? ResolvedPath::Status::kUnresolvable
                                                  : ResolvedPath::Status::kMissing;
    return out;
  }
  if (!path_of_fd(target.get(), out.path)) return out;
  out.status = ResolvedPath::Status::kResolved;
  return out;
}

}  // namespace lanner::supervisor
