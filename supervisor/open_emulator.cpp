#include "supervisor/open_emulator.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>

#include "supervisor/open_request.h"
#include "supervisor/path_resolver.h"
#include "supervisor/unique_fd.h"

namespace lanner::supervisor {
namespace {

// Capabilities that change the outcome of an open (permission and ownership checks).
constexpr uint64_t kFsCapabilities = (1ull << 1) | (1ull << 2) | (1ull << 3) | (1ull << 4);

bool same_root_as_ours(int64_t tid) {
  struct stat theirs {}, ours {};
  std::string root = "/proc/" + std::to_string(tid) + "/root";
  if (stat(root.c_str(), &theirs) != 0 || stat("/", &ours) != 0) return false;
  return theirs.st_dev == ours.st_dev && theirs.st_ino == ours.st_ino;
}

// A small /proc file in one read (no iostreams: this runs for every emulated open).
bool read_text(const std::string& path, std::string& out) {
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return false;
  out.resize(8192);
  ssize_t n = read(fd.get(), out.data(), out.size());
  if (n <= 0 || static_cast<size_t>(n) >= out.size()) return false;
  out.resize(static_cast<size_t>(n));
  return true;
}

// Values of a "Key:\tA\tB\t..." line of /proc/PID/status.
std::vector<std::string_view> status_values(std::string_view text, std::string_view key) {
  std::vector<std::string_view> values;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.starts_with(key) || line.size() <= key.size() || line[key.size()] != ':') continue;
    line.remove_prefix(key.size() + 1);
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      if (i > start) values.push_back(line.substr(start, i - start));
    }
    return values;
  }
  return values;
}

template <typename T>
bool parse_number(std::string_view text, T& out, int base = 10) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return ec == std::errc() && ptr == text.data() + text.size();
}

// Switches the calling thread to the opener's fs credentials and umask; restores on destruction.
// Raw syscalls on purpose: glibc's wrappers would apply setgroups to every thread of lanner.
class ThreadCredentials {
 public:
  // `same_identity`: the opener's fsuid, fsgid and groups are already this thread's (root
  // targets, typically): only the umask may need switching. `with_umask`: the open may create.
  ThreadCredentials(const OpenerContext& who, bool same_identity, bool with_umask)
      : switched_(!same_identity), umask_switched_(with_umask) {
    if (with_umask) saved_umask_ = umask(static_cast<mode_t>(who.umask));
    if (!switched_) {
      ok_ = true;
      return;
    }
    saved_groups_.resize(static_cast<size_t>(std::max(0, getgroups(0, nullptr))));
    if (!saved_groups_.empty() &&
        getgroups(static_cast<int>(saved_groups_.size()), saved_groups_.data()) < 0) {
      saved_groups_.clear();
    }
    std::vector<gid_t> groups(who.groups.begin(), who.groups.end());
    ok_ = syscall(SYS_setgroups, groups.size(), groups.data()) == 0;
    saved_fsgid_ = static_cast<gid_t>(syscall(SYS_setfsgid, who.fsgid));
    saved_fsuid_ = static_cast<uid_t>(syscall(SYS_setfsuid, who.fsuid));
    // setfs[ug]id report failure only by not changing the value.
    ok_ = ok_ && static_cast<uint32_t>(syscall(SYS_setfsgid, -1)) == who.fsgid &&
          static_cast<uint32_t>(syscall(SYS_setfsuid, -1)) == who.fsuid;
  }
  ~ThreadCredentials() {
    if (switched_) {
      syscall(SYS_setfsuid, saved_fsuid_);
      syscall(SYS_setfsgid, saved_fsgid_);
      syscall(SYS_setgroups, saved_groups_.size(), saved_groups_.data());
    }
    if (umask_switched_) umask(saved_umask_);
  }
  ThreadCredentials(const ThreadCredentials&) = delete;
  ThreadCredentials& operator=(const ThreadCredentials&) = delete;
  bool ok() const { return ok_; }

 private:
  bool switched_ = false;
  bool umask_switched_ = false;
  std::vector<gid_t> saved_groups_;
  mode_t saved_umask_ = 022;
  uid_t saved_fsuid_ = 0;
  gid_t saved_fsgid_ = 0;
  bool ok_ = false;
};

uint64_t our_effective_capabilities() {
  std::string status;
  uint64_t caps = 0;
  if (!read_text("/proc/thread-self/status", status)) return 0;
  auto values = status_values(status, "CapEff");
  if (values.size() == 1) parse_number(values[0], caps, 16);
  return caps;
}

bool answer_with_errno(int listener, uint64_t id, int error) {
  seccomp_notif_resp resp{};
  resp.id = id;
  resp.error = -error;
  return ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) == 0;
}

// O_CREAT of a missing file: pins the parent directory (as the opener) and remembers the leaf.
// False when the parent cannot be located (the caller declines).
bool locate_parent(int base, const std::string& path, const open_how& lookup, PendingOpen& out) {
  auto [parent, leaf] = split_parent(path);
  out.leaf = std::move(leaf);
  if (out.leaf.empty() || out.leaf == "." || out.leaf == "..") return false;
  open_how dir_lookup = lookup;
  dir_lookup.flags = O_PATH | O_CLOEXEC | O_DIRECTORY;
  out.located = UniqueFd(static_cast<int>(
      syscall(SYS_openat2, base, parent.c_str(), &dir_lookup, sizeof(dir_lookup))));
  std::string dir_path;
  if (!out.located.valid() || !path_of_fd(out.located.get(), dir_path)) return false;
  out.real_path = join_leaf(dir_path, out.leaf);
  out.create = true;
  return true;
}

}  // namespace

std::optional<OpenerContext> parse_opener_context(std::string_view status_text) {
  OpenerContext ctx;
  auto uids = status_values(status_text, "Uid");
  auto gids = status_values(status_text, "Gid");
  auto caps = status_values(status_text, "CapEff");
  if (uids.size() != 4 || gids.size() != 4 || caps.size() != 1) return std::nullopt;
  if (!parse_number(uids[3], ctx.fsuid) || !parse_number(gids[3], ctx.fsgid) ||
      !parse_number(caps[0], ctx.cap_effective, 16)) {
    return std::nullopt;
  }
  for (auto g : status_values(status_text, "Groups")) {
    uint32_t gid = 0;
    if (!parse_number(g, gid)) return std::nullopt;
    ctx.groups.push_back(gid);
  }
  auto mask = status_values(status_text, "Umask");
  if (mask.size() == 1 && !parse_number(mask[0], ctx.umask, 8)) return std::nullopt;
  return ctx;
}

bool is_emulatable_open(const event::SyscallEvent& event) { return is_open_family(event); }

OpenEmulator::OpenEmulator(int listener_fd) : listener_(listener_fd) {}

std::optional<EmulatedOpen> OpenEmulator::emulate(uint64_t id, const event::SyscallEvent& event) {
  auto pending = locate(event);
  if (!pending) return std::nullopt;
  return complete(id, *pending);
}

std::optional<PendingOpen> OpenEmulator::locate(const event::SyscallEvent& event) {
  try {
    auto pending = run(event);
    ++(pending ? emulated_ : declined_);
    return pending;
  } catch (...) {
    ++declined_;
    return std::nullopt;
  }
}

EmulatedOpen OpenEmulator::complete(uint64_t id, PendingOpen& pending) {
  if (pending.error != 0) {
    answer_with_errno(listener_, id, pending.error);
    return EmulatedOpen{-static_cast<int64_t>(pending.error), true};
  }
  UniqueFd opened;
  const int64_t result = open_located(pending, opened);
  if (result < 0) {
    answer_with_errno(listener_, id, static_cast<int>(-result));
    return EmulatedOpen{result, true};
  }
  return hand_over(id, opened, pending);
}

EmulatedOpen OpenEmulator::hand_over(uint64_t id, UniqueFd& fd, const PendingOpen& pending) {
  seccomp_notif_addfd addfd{};
  addfd.id = id;
  addfd.flags = SECCOMP_ADDFD_FLAG_SEND;
  addfd.srcfd = static_cast<uint32_t>(fd.get());
  addfd.newfd_flags = static_cast<uint32_t>(pending.how.flags & O_CLOEXEC);
  int target_fd = ioctl(listener_, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd);
  fd.reset();
  if (target_fd < 0) {
    // ENOENT: the caller vanished; nothing to answer. EMFILE etc.: answer as the kernel would.
    if (errno == ENOENT) return EmulatedOpen{-ENOENT, true};
    int err = errno;
    answer_with_errno(listener_, id, err);
    return EmulatedOpen{-static_cast<int64_t>(err), true, true};
  }
  return EmulatedOpen{target_fd, true};
}

bool OpenEmulator::refuse(uint64_t id, PendingOpen& pending, int error) {
  pending.located.reset();
  return answer_with_errno(listener_, id, error);
}

bool OpenEmulator::is_ours(const OpenerContext& opener) {
  if (!our_identity_) {
    OpenerContext ours;
    ours.fsuid = static_cast<uint32_t>(syscall(SYS_setfsuid, -1));
    ours.fsgid = static_cast<uint32_t>(syscall(SYS_setfsgid, -1));
    std::vector<gid_t> groups(static_cast<size_t>(std::max(0, getgroups(0, nullptr))));
    if (!groups.empty() && getgroups(static_cast<int>(groups.size()), groups.data()) < 0) groups.clear();
    ours.groups.assign(groups.begin(), groups.end());
    std::sort(ours.groups.begin(), ours.groups.end());
    our_identity_ = std::move(ours);
  }
  std::vector<uint32_t> theirs = opener.groups;
  std::sort(theirs.begin(), theirs.end());
  return opener.fsuid == our_identity_->fsuid && opener.fsgid == our_identity_->fsgid &&
         theirs == our_identity_->groups;
}

uint64_t OpenEmulator::our_capabilities() {
  if (!our_capabilities_) our_capabilities_ = our_effective_capabilities();
  return *our_capabilities_;
}

// Opens exactly the located file: an existing one through its O_PATH fd (the kernel reopens
// that inode and checks the requested access), a new one in the pinned parent, refusing any
// symlink that appeared there meanwhile.
int64_t OpenEmulator::open_located(PendingOpen& pending, UniqueFd& out) {
  open_how how = pending.how;
  const bool wanted_nonblock = (how.flags & O_NONBLOCK) != 0;
  // O_NONBLOCK keeps a FIFO open from blocking the notification thread; O_NOCTTY keeps a
  // terminal from becoming lanner's; O_CLOEXEC keeps lanner's copy out of its own children.
  how.flags |= O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
  long fd = -1;
  int open_errno = 0;
  {
    ThreadCredentials as_opener(pending.opener, is_ours(pending.opener),
                                (pending.how.flags & (O_CREAT | O_TMPFILE)) != 0);
    if (!as_opener.ok()) return -EPERM;
    if (pending.create) {
      how.resolve |= RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH;
      fd = syscall(SYS_openat2, pending.located.get(), pending.leaf.c_str(), &how, sizeof(how));
    } else {
      char self[64];
      std::snprintf(self, sizeof self, "/proc/self/fd/%d", pending.located.get());
      how.flags &= ~static_cast<uint64_t>(O_NOFOLLOW);
      how.resolve = 0;  // the magic link is ours, on purpose
      fd = syscall(SYS_openat2, AT_FDCWD, self, &how, sizeof(how));
    }
    open_errno = fd < 0 ? errno : 0;
  }
  pending.located.reset();
  if (fd < 0) return -static_cast<int64_t>(open_errno);
  out = UniqueFd(static_cast<int>(fd));
  if (!wanted_nonblock) {
    int fl = fcntl(out.get(), F_GETFL);
    if (fl >= 0) fcntl(out.get(), F_SETFL, fl & ~O_NONBLOCK);
  }
  return out.get();
}

std::optional<PendingOpen> OpenEmulator::run(const event::SyscallEvent& event) {
  if (!is_emulatable_open(event)) return std::nullopt;
  auto request = open_request_of(event);
  if (!request || request->path.empty()) return std::nullopt;
  // Opening a terminal or device on the target's behalf could change lanner's controlling
  // terminal or trigger device side effects twice: leave those to the kernel.
  if (request->path.starts_with("/dev/") || (request->how.flags & O_PATH) != 0) return std::nullopt;
  // "/proc/self", "/proc/thread-self", "/dev/fd/N" would name lanner, not the target.
  const int64_t tgid = event.process ? event.process->pid : event.tid;
  if (name_the_caller(request->path, tgid, event.tid) != request->path) return std::nullopt;
  if (!same_root_as_ours(event.tid)) return std::nullopt;

  const std::string proc = "/proc/" + std::to_string(event.tid);
  std::string status;
  if (!read_text(proc + "/status", status)) return std::nullopt;
  auto opener = parse_opener_context(status);
  if (!opener) return std::nullopt;
  const uint64_t ours = our_capabilities();
  const uint64_t ours_as_opener = opener->fsuid == 0 ? ours & kFsCapabilities : 0;
  if ((opener->cap_effective & kFsCapabilities) != ours_as_opener) return std::nullopt;

  // The directory the path is relative to, opened as lanner (it may need ptrace rights).
  UniqueFd dir;
  if (request->path[0] != '/') {
    std::string dir_path = request->dirfd == AT_FDCWD
                               ? proc + "/cwd"
                               : proc + "/fd/" + std::to_string(request->dirfd);
    dir = UniqueFd(open(dir_path.c_str(), O_PATH | O_CLOEXEC));
    if (dir.get() < 0) return std::nullopt;  // bad dirfd: let the kernel give its own errno
  }
  if (!fs_unshared_) {
    // A private umask for this thread, so switching it does not affect lanner's other threads.
    if (unshare(CLONE_FS) != 0) return std::nullopt;
    fs_unshared_ = true;
  }

  PendingOpen pending;
  pending.how = request->how;
  pending.opener = *opener;
  // Magic links (/proc/PID/fd/N, /proc/PID/root) in the target's path would be resolved as
  // lanner; the kernel resolves them for the target itself.
  open_how lookup{};
  lookup.flags = O_PATH | O_CLOEXEC | (request->how.flags & (O_NOFOLLOW | O_DIRECTORY));
  lookup.resolve = request->how.resolve | RESOLVE_NO_MAGICLINKS;
  const int base = dir.get() >= 0 ? dir.get() : AT_FDCWD;
  int lookup_errno = 0;
  {
    ThreadCredentials as_opener(*opener, is_ours(*opener), false);  // a lookup creates nothing
    if (!as_opener.ok()) return std::nullopt;
    pending.located = UniqueFd(static_cast<int>(
        syscall(SYS_openat2, base, request->path.c_str(), &lookup, sizeof(lookup))));
    lookup_errno = pending.located.valid() ? 0 : errno;
    if (lookup_errno == ENOENT && (request->how.flags & O_CREAT) != 0 &&
        !locate_parent(base, request->path, lookup, pending)) {
      return std::nullopt;
    }
  }
  if (pending.create) return pending;
  if (!pending.located.valid()) {
    // ELOOP may come from our refusal of magic links: not necessarily the target's answer.
    if (lookup_errno == ELOOP || lookup_errno == 0) return std::nullopt;
    pending.error = lookup_errno;
    return pending;
  }
  struct stat st {};
  if (fstat(pending.located.get(), &st) != 0 || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))) {
    return std::nullopt;  // FIFOs, sockets, devices, symlinks: the kernel opens those itself
  }
  if (!path_of_fd(pending.located.get(), pending.real_path)) return std::nullopt;
  return pending;
}

}  // namespace lanner::supervisor
