#include "supervisor/decoder.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "supervisor/open_request.h"

namespace lanner::supervisor {
namespace {

using event::ArgRole;
using event::FdType;

constexpr size_t kMsghdrSize = sizeof(struct msghdr);

uint64_t now_ns() {
  timespec t{};
  clock_gettime(CLOCK_REALTIME, &t);
  return static_cast<uint64_t>(t.tv_sec) * 1000000000u + static_cast<uint64_t>(t.tv_nsec);
}

// "/proc/TID/<leaf>" or "/proc/TID/<leaf>/N" into a stack buffer (no allocation).
struct ProcPath {
  char text[64];
  ProcPath(int64_t tid, const char* leaf, int64_t n = -1) {
    if (n >= 0) {
      std::snprintf(text, sizeof text, "/proc/%lld/%s/%lld", static_cast<long long>(tid), leaf,
                    static_cast<long long>(n));
    } else {
      std::snprintf(text, sizeof text, "/proc/%lld/%s", static_cast<long long>(tid), leaf);
    }
  }
};

FdType fd_type_from_link(std::string_view link) {
  struct Prefix {
    std::string_view text;
    FdType type;
  };
  static constexpr Prefix kPrefixes[] = {
      {"socket:", FdType::kUnknown},  // refined by the socket inspector
      {"pipe:", FdType::kPipe},
      {"anon_inode:[eventfd]", FdType::kEvent},
      {"anon_inode:[signalfd]", FdType::kSignalfd},
      {"anon_inode:[eventpoll]", FdType::kEventpoll},
      {"anon_inode:inotify", FdType::kInotify},
      {"anon_inode:[timerfd]", FdType::kTimerfd},
      {"anon_inode:bpf", FdType::kBpf},
      {"anon_inode:[userfaultfd]", FdType::kUserfaultfd},
      {"anon_inode:[io_uring]", FdType::kIoUring},
      {"anon_inode:[pidfd]", FdType::kPidfd},
      {"/memfd:", FdType::kMemfd},
  };
  for (const auto& prefix : kPrefixes) {
    if (link.starts_with(prefix.text)) return prefix.type;
  }
  return link.starts_with("/") ? FdType::kFile : FdType::kUnknown;
}

FdType fd_type_from_family(int family) {
  switch (family) {
    case AF_INET: return FdType::kIpv4;
    case AF_INET6: return FdType::kIpv6;
    case AF_UNIX: return FdType::kUnix;
    case AF_NETLINK: return FdType::kNetlink;
    default: return FdType::kUnknown;
  }
}

uint8_t l4_from(int type, int protocol) {
  if (protocol == IPPROTO_TCP || protocol == IPPROTO_UDP || protocol == IPPROTO_ICMP) {
    return static_cast<uint8_t>(protocol);
  }
  if (type == SOCK_STREAM) return IPPROTO_TCP;
  if (type == SOCK_DGRAM) return IPPROTO_UDP;
  if (type == SOCK_RAW) return 255;
  return 0;
}

void append_endpoint(std::string& out, const event::SocketEndpoint& e, bool v6) {
  char buf[64];
  if (v6) {
    char ip[INET6_ADDRSTRLEN] = {};
    std::snprintf(buf, sizeof buf, "%s:%u", inet_ntop(AF_INET6, e.ip.data(), ip, sizeof ip),
                  static_cast<unsigned>(e.port));
  } else {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u:%u", e.ip[0], e.ip[1], e.ip[2], e.ip[3],
                  static_cast<unsigned>(e.port));
  }
  out += buf;
}

int find_role(const event::SyscallInfo& info, ArgRole role) {
  for (size_t i = 0; i < info.args.size(); ++i) {
    if (info.args[i] == role) return static_cast<int>(i);
  }
  return -1;
}

bool is_exec(int nr) { return nr == SYS_execve || nr == SYS_execveat; }

// O_DIRECTORY in an open's flags: Falco types such an fd as a directory (fd.typechar 'd'), so
// rules on files (fd.typechar='f') do not apply to it.
bool opens_directory(const event::SyscallEvent& event) {
  const auto how = open_how_of(event);
  return how && (how->flags & O_DIRECTORY) != 0;
}

}  // namespace

void normalize_path_into(std::string_view path, std::string& out) {
  out.clear();
  size_t pos = 0;
  while (pos < path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    std::string_view part = path.substr(pos, next - pos);
    if (part == "..") {
      size_t slash = out.rfind('/');
      out.resize(slash == std::string::npos ? 0 : slash);
    } else if (!part.empty() && part != ".") {
      out += '/';
      out.append(part);
    }
    pos = next + 1;
  }
  if (out.empty()) out.push_back('/');  // (assigning "/" trips GCC 12's -Wrestrict)
}

std::string normalize_path(const std::string& path) {
  std::string out;
  normalize_path_into(path, out);
  return out;
}

void reset_event(event::SyscallEvent& event) {
  event.syscall = nullptr;
  event.raw = {};
  for (auto& d : event.data) d.clear();
  event.data_ok = {};
  for (auto& p : event.abs_path) p.clear();
  event.pending_paths = 0;
  event.path_base = nullptr;
  event.argv.clear();
  event.process.reset();
  event.has_fd = false;
  event::FdInfo& fd = event.fd;
  fd.num = -1;
  fd.type = FdType::kUnknown;
  fd.name.clear();
  fd.nameraw.clear();
  fd.l4proto = 0;
  fd.has_tuple = false;
  fd.local = fd.remote = {};
  fd.is_server = fd.connected = false;
  fd.unix_path.clear();
  event.result.reset();
}

Decoder::Decoder(TargetMemory& memory, ProcTable& processes, ProcFs& fs, SocketInspector* sockets,
                 DecoderLimits limits)
    : memory_(memory), processes_(processes), fs_(fs), sockets_(sockets), limits_(limits) {}

void Decoder::decode(const RawNotification& n, event::SyscallEvent& event) {
  reset_event(event);
  event.num = ++counter_;
  event.time_ns = now_ns();
  event.tid = n.tid;
  event.raw = n.args;
  event.syscall = event::syscall_by_nr(n.nr);
  if (event.syscall != nullptr) {
    read_arguments(n, event);
    if (event.syscall->creates_fd) {
      describe_created_fd(event);
    } else if (int i = find_role(*event.syscall, ArgRole::kFd); i >= 0) {
      describe_fd(n.tid, static_cast<int>(n.args[static_cast<size_t>(i)]), event.fd);
      event.has_fd = true;
      if (event.fd.type == FdType::kUnknown && event.fd.name.starts_with("socket:")) {
        describe_socket(n.tid, event, event.fd);
      }
    }
  }
  attach_process(n, event);
}

void Decoder::read_arguments(const RawNotification& n, event::SyscallEvent& event) {
  const auto& roles = event.syscall->args;
  int64_t dirfd = AT_FDCWD;
  for (size_t i = 0; i < roles.size(); ++i) {
    uint64_t value = n.args[i];
    uint64_t next = i + 1 < roles.size() ? n.args[i + 1] : 0;
    switch (roles[i]) {
      case ArgRole::kDirFd:
        dirfd = static_cast<int32_t>(value);  // the kernel reads dirfd as an int
        break;
      case ArgRole::kPath:
        event.data_ok[i] = memory_.read_string(n.tid, value, limits_.max_path, event.data[i]);
        if (event.data_ok[i]) defer_relative_path(event, i, dirfd);
        dirfd = AT_FDCWD;
        break;
      case ArgRole::kString:
        event.data_ok[i] = memory_.read_string(n.tid, value, limits_.max_path, event.data[i]);
        break;
      case ArgRole::kSockaddr:
        event.data_ok[i] = memory_.read_bytes(n.tid, value, std::min<uint64_t>(next, limits_.max_sockaddr),
                                              event.data[i]) && value != 0;
        break;
      case ArgRole::kOpenHow:
        event.data_ok[i] = memory_.read_bytes(n.tid, value, std::min<uint64_t>(next, limits_.max_open_how),
                                              event.data[i]) && value != 0;
        break;
      case ArgRole::kMsghdr:
        read_msghdr_name(n.tid, value, event, i);
        break;
      case ArgRole::kArgv:
        read_argv(n.tid, value, event);
        event.data_ok[i] = value != 0;
        break;
      default:
        break;  // integers and unread pointers: raw[] is enough
    }
  }
}

void Decoder::read_argv(int64_t tid, uint64_t addr, event::SyscallEvent& event) {
  size_t total = 0;
  uint64_t pointers[64];
  for (size_t index = 0; addr != 0 && event.argv.size() < limits_.max_argc;) {
    ssize_t got = memory_.read(tid, addr + index * 8, pointers, sizeof pointers);
    if (got < 8) return;
    for (size_t k = 0; k < static_cast<size_t>(got) / 8; ++k, ++index) {
      if (pointers[k] == 0 || event.argv.size() >= limits_.max_argc || total >= limits_.max_argv_bytes) {
        return;
      }
      memory_.read_string(tid, pointers[k], std::min(limits_.max_path * 32, limits_.max_argv_bytes - total),
                          scratch_);
      total += scratch_.size() + 1;
      event.argv.push_back(scratch_);
    }
  }
}

void Decoder::read_msghdr_name(int64_t tid, uint64_t addr, event::SyscallEvent& event, size_t slot) {
  struct msghdr header{};
  if (addr == 0 || memory_.read(tid, addr, &header, kMsghdrSize) != static_cast<ssize_t>(kMsghdrSize)) {
    return;
  }
  if (header.msg_name == nullptr || header.msg_namelen == 0) return;
  size_t len = std::min<size_t>(header.msg_namelen, limits_.max_sockaddr);
  event.data_ok[slot] =
      memory_.read_bytes(tid, reinterpret_cast<uint64_t>(header.msg_name), len, event.data[slot]);
}

// An absolute path is normalised now (no syscall); a relative one waits for complete(), which
// reads its base directory only if a field or the enforcer asks for the absolute form.
void Decoder::defer_relative_path(event::SyscallEvent& event, size_t slot, int64_t dirfd) {
  const std::string& path = event.data[slot];
  if (path.starts_with("/")) {
    normalize_path_into(path, event.abs_path[slot]);  // reuses the buffer: no allocation per event
    return;
  }
  event.pending_paths |= static_cast<uint8_t>(1u << slot);
  event.path_dirfd[slot] = static_cast<int32_t>(dirfd);
  event.path_base = this;
}

void Decoder::complete(event::SyscallEvent& event) {
  const uint8_t pending = event.pending_paths;
  event.pending_paths = 0;
  // describe_created_fd left the new fd's name to this moment, unless it has been named since:
  // the enforcer puts the file it resolved (symlinks followed) there, which must stay.
  const bool name_the_fd = event.has_fd && event.syscall != nullptr &&
                           event.syscall->creates_fd && event.fd.name.empty();
  const int fd_slot = name_the_fd ? find_role(*event.syscall, ArgRole::kPath) : -1;
  for (size_t slot = 0; slot < event.abs_path.size(); ++slot) {
    if ((pending & (1u << slot)) == 0) continue;
    join_base(event.tid, event.path_dirfd[slot], event.data[slot], event.abs_path[slot]);
    if (static_cast<int>(slot) == fd_slot) event.fd.name = event.abs_path[slot];
  }
}

// The caller's cwd or dirfd, read now, joined with `path` and normalised; `out` stays empty
// when the base is unreadable or not a path (a socket, an anonymous inode).
void Decoder::join_base(int64_t tid, int64_t dirfd, const std::string& path, std::string& out) {
  bool have_base = dirfd == AT_FDCWD ? fs_.read_link(ProcPath(tid, "cwd").text, scratch_)
                                     : fs_.read_link(ProcPath(tid, "fd", dirfd).text, scratch_);
  if (!have_base || !scratch_.starts_with("/")) {
    out.clear();
    return;
  }
  scratch_ += '/';
  scratch_ += path;
  normalize_path_into(scratch_, out);
}

void Decoder::describe_fd(int64_t tid, int64_t fd, event::FdInfo& out) {
  out.num = fd;
  if (fd < 0 || !fs_.read_link(ProcPath(tid, "fd", fd).text, out.name)) return;
  out.nameraw = out.name;
  out.type = fd_type_from_link(out.name);
  if (out.type == FdType::kMemfd) out.name.erase(0, 1);  // "memfd:name (deleted)"
}

void Decoder::describe_socket(int64_t tid, const event::SyscallEvent& event, event::FdInfo& out) {
  SocketState state;
  bool inspected = sockets_ != nullptr && sockets_->inspect(tid, static_cast<int>(out.num), state);
  // The address argument (connect/sendto/sendmsg/bind) is what the program asked for.
  int addr_slot = find_role(*event.syscall, ArgRole::kSockaddr);
  if (addr_slot < 0) addr_slot = find_role(*event.syscall, ArgRole::kMsghdr);
  std::string arg_unix;
  event::SocketEndpoint arg_endpoint;
  int arg_family = 0;
  if (addr_slot >= 0 && event.data_ok[static_cast<size_t>(addr_slot)]) {
    arg_family = endpoint_from_sockaddr(event.data[static_cast<size_t>(addr_slot)], arg_endpoint, arg_unix);
  }
  int family = inspected ? state.family : arg_family;
  out.type = fd_type_from_family(family);
  out.l4proto = inspected ? l4_from(state.type, state.protocol) : 0;
  bool is_bind = event.syscall->nr == SYS_bind;
  out.local = is_bind && arg_family != 0 ? arg_endpoint : state.local;
  out.remote = !is_bind && arg_family != 0 ? arg_endpoint : state.remote;
  out.connected = state.has_remote;
  if (family == AF_UNIX) {
    out.unix_path = arg_family == AF_UNIX ? arg_unix : (!state.unix_remote.empty() ? state.unix_remote : state.unix_local);
    out.name = out.unix_path;
    return;
  }
  if (family != AF_INET && family != AF_INET6) return;
  out.has_tuple = true;
  out.name.clear();
  append_endpoint(out.name, out.local, family == AF_INET6);
  out.name += "->";
  append_endpoint(out.name, out.remote, family == AF_INET6);
}

void Decoder::describe_created_fd(event::SyscallEvent& event) {
  const auto& info = *event.syscall;
  event::FdInfo& out = event.fd;
  out.num = -1;
  if (info.nr == SYS_socket) {
    out.type = fd_type_from_family(static_cast<int>(event.raw[0]));
    out.l4proto = l4_from(static_cast<int>(event.raw[1]) & 0xf, static_cast<int>(event.raw[2]));
  } else if (int path = find_role(info, ArgRole::kPath); path >= 0) {
    out.type = opens_directory(event) ? FdType::kDirectory : FdType::kFile;
    out.name = event.abs_path[static_cast<size_t>(path)];
    out.nameraw = event.data[static_cast<size_t>(path)];
  } else if (info.nr == SYS_memfd_create) {
    out.type = FdType::kMemfd;
    out.name = "memfd:" + event.data[0];
  } else {
    return;
  }
  event.has_fd = true;
}

void Decoder::attach_process(const RawNotification& n, event::SyscallEvent& event) {
  int64_t tgid = processes_.tgid_of(n.tid);
  if (is_exec(n.nr)) {
    attach_exec_image(n.tid, tgid, event);
    return;
  }
  event.process = processes_.get(tgid);
}

void Decoder::attach_exec_image(int64_t tid, int64_t tgid, event::SyscallEvent& event) {
  event.complete_paths();  // the new program's exepath: exec events are rare, paths wanted
  auto caller = processes_.get(tgid);
  size_t path_slot = event.raw.size();
  if (event.syscall != nullptr) path_slot = static_cast<size_t>(find_role(*event.syscall, ArgRole::kPath));
  ProcTable::ExecImage image;
  image.argv = event.argv;
  if (path_slot < event.raw.size()) {
    image.exepath = event.abs_path[path_slot];
    const std::string& given = event.data[path_slot];
    bool empty_path = event.data_ok[path_slot] && given.empty();
    std::string fd_link;
    if (empty_path && event.syscall->nr == SYS_execveat) {  // execveat(fd, "", AT_EMPTY_PATH)
      int64_t fd = static_cast<int32_t>(event.raw[0]);
      fs_.read_link(ProcPath(tid, "fd", fd).text, fd_link);
      image.exepath = fd_link;
    } else if (given.starts_with("/proc/self/fd/") || given.starts_with("/dev/fd/")) {
      fs_.read_link(ProcPath(tid, "fd", std::atoll(given.c_str() + given.rfind('/') + 1)).text, fd_link);
    }
    image.from_memfd = fd_link.starts_with("/memfd:");
  }
  event.process = processes_.exec_image(*caller, image);
  processes_.invalidate(tgid);  // the next event of this process describes the new image
}

}  // namespace lanner::supervisor
