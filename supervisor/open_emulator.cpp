#include "supervisor/open_emulator.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "supervisor/open_request.h"
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

bool read_text(const std::string& path, std::string& out) {
  std::ifstream in(path);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
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
  explicit ThreadCredentials(const OpenerContext& who) {
    saved_groups_.resize(static_cast<size_t>(std::max(0, getgroups(0, nullptr))));
    if (!saved_groups_.empty() &&
        getgroups(static_cast<int>(saved_groups_.size()), saved_groups_.data()) < 0) {
      saved_groups_.clear();
    }
    saved_umask_ = umask(static_cast<mode_t>(who.umask));
    std::vector<gid_t> groups(who.groups.begin(), who.groups.end());
    ok_ = syscall(SYS_setgroups, groups.size(), groups.data()) == 0;
    saved_fsgid_ = static_cast<gid_t>(syscall(SYS_setfsgid, who.fsgid));
    saved_fsuid_ = static_cast<uid_t>(syscall(SYS_setfsuid, who.fsuid));
    // setfs[ug]id report failure only by not changing the value.
    ok_ = ok_ && static_cast<uint32_t>(syscall(SYS_setfsgid, -1)) == who.fsgid &&
          static_cast<uint32_t>(syscall(SYS_setfsuid, -1)) == who.fsuid;
  }
  ~ThreadCredentials() {
    syscall(SYS_setfsuid, saved_fsuid_);
    syscall(SYS_setfsgid, saved_fsgid_);
    syscall(SYS_setgroups, saved_groups_.size(), saved_groups_.data());
    umask(saved_umask_);
  }
  ThreadCredentials(const ThreadCredentials&) = delete;
  ThreadCredentials& operator=(const ThreadCredentials&) = delete;
  bool ok() const { return ok_; }

 private:
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

// True when the path starts with a /proc entry that names whoever opens it.
bool names_the_opener(std::string_view path) {
  return path.starts_with("/proc/self") || path.starts_with("/proc/thread-self");
}

// The path the kernel reports for an open fd (what was really opened).
bool path_of_fd(int fd, std::string& out) {
  char link[64];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  char buf[4096];
  ssize_t n = readlink(link, buf, sizeof buf);
  if (n <= 0 || static_cast<size_t>(n) >= sizeof buf) return false;
  out.assign(buf, static_cast<size_t>(n));
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
  auto pending = open_for(event);
  if (!pending) return std::nullopt;
  return hand_over(id, *pending);
}

std::optional<PendingOpen> OpenEmulator::open_for(const event::SyscallEvent& event) {
  try {
    auto pending = run(event);
    ++(pending ? emulated_ : declined_);
    return pending;
  } catch (...) {
    ++declined_;
    return std::nullopt;
  }
}

EmulatedOpen OpenEmulator::hand_over(uint64_t id, PendingOpen& pending) {
  if (!pending.fd.valid()) {
    answer_with_errno(listener_, id, pending.error);
    return EmulatedOpen{-static_cast<int64_t>(pending.error), true};
  }
  seccomp_notif_addfd addfd{};
  addfd.id = id;
  addfd.flags = SECCOMP_ADDFD_FLAG_SEND;
  addfd.srcfd = static_cast<uint32_t>(pending.fd.get());
  addfd.newfd_flags = pending.newfd_flags;
  int target_fd = ioctl(listener_, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd);
  pending.fd.reset();
  if (target_fd < 0) {
    // ENOENT: the caller vanished; nothing to answer. EMFILE etc.: answer as the kernel would.
    if (errno == ENOENT) return EmulatedOpen{-ENOENT, true};
    int err = errno;
    answer_with_errno(listener_, id, err);
    return EmulatedOpen{-static_cast<int64_t>(err), true};
  }
  return EmulatedOpen{target_fd, true};
}

bool OpenEmulator::refuse(uint64_t id, PendingOpen& pending, int error) {
  pending.fd.reset();
  return answer_with_errno(listener_, id, error);
}

uint64_t OpenEmulator::our_capabilities() {
  if (!our_capabilities_) our_capabilities_ = our_effective_capabilities();
  return *our_capabilities_;
}

std::optional<PendingOpen> OpenEmulator::run(const event::SyscallEvent& event) {
  if (!is_emulatable_open(event)) return std::nullopt;
  auto request = open_request_of(event);
  if (!request || request->path.empty()) return std::nullopt;
  // Opening a terminal or device on the target's behalf could change lanner's controlling
  // terminal or trigger device side effects twice: leave those to the kernel.
  if (request->path.starts_with("/dev/") || (request->how.flags & O_PATH) != 0) return std::nullopt;
  // "/proc/self" and "/proc/thread-self" would name lanner, not the target.
  if (names_the_opener(request->path)) return std::nullopt;
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

  open_how how = request->how;
  const bool wanted_nonblock = (how.flags & O_NONBLOCK) != 0;
  // O_NONBLOCK keeps a FIFO open from blocking the notification thread; O_NOCTTY keeps a
  // terminal from becoming lanner's; O_CLOEXEC keeps lanner's copy out of its own children.
  how.flags |= O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
  // Magic links (/proc/PID/fd/N, /proc/PID/root) in the target's path would be resolved as
  // lanner; the kernel resolves them for the target itself.
  how.resolve |= RESOLVE_NO_MAGICLINKS;
  long fd = -1;
  int open_errno = 0;
  {
    ThreadCredentials as_opener(*opener);
    if (!as_opener.ok()) return std::nullopt;
    fd = syscall(SYS_openat2, dir.get() >= 0 ? dir.get() : AT_FDCWD, request->path.c_str(), &how,
                 sizeof(how));
    open_errno = fd < 0 ? errno : 0;
  }
  PendingOpen pending;
  pending.newfd_flags = static_cast<uint32_t>(request->how.flags & O_CLOEXEC);
  if (fd < 0) {
    // ENXIO/EAGAIN come from our O_NONBLOCK on FIFOs and devices, ELOOP from our refusal of
    // magic links: not the target's answer.
    if (open_errno == ENXIO || open_errno == EAGAIN || open_errno == EWOULDBLOCK ||
        open_errno == ELOOP) {
      return std::nullopt;
    }
    pending.error = open_errno;
    return pending;
  }
  pending.fd = UniqueFd(static_cast<int>(fd));
  struct stat st {};
  if (fstat(pending.fd.get(), &st) != 0 || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))) {
    return std::nullopt;  // FIFOs, sockets, devices: the kernel opens those itself
  }
  if (!wanted_nonblock) {
    int fl = fcntl(pending.fd.get(), F_GETFL);
    if (fl < 0 || fcntl(pending.fd.get(), F_SETFL, fl & ~O_NONBLOCK) != 0) return std::nullopt;
  }
  if (!path_of_fd(pending.fd.get(), pending.real_path)) return std::nullopt;
  return pending;
}

}  // namespace lanner::supervisor
