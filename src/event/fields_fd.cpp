// Field classes "fd" and "fs.path" (libsinsp sinsp_filtercheck_fd.cpp, _fspath.cpp):
// descriptors and extractors over SyscallEvent::fd and the event's path arguments.
// fd.num of an fd the call will create is missing at entry until SyscallEvent::result is set.
#include <string.h>  // memrchr (GNU)

#include "event/fields_internal.h"
#include "event/render_fd.h"
#include "event/render_net.h"

namespace lanner::event::fields {
namespace {

enum Local : uint8_t {
  kNum,
  kType,
  kTypechar,
  kName,
  kDirectory,
  kFilename,
  kIp,
  kCip,
  kSip,
  kLip,
  kRip,
  kPort,
  kCport,
  kSport,
  kLport,
  kRport,
  kL4proto,
  kSockfamily,
  kIsServer,
  kUid,
  kContainername,
  kContainerdirectory,
  kProto,
  kCproto,
  kSproto,
  kLproto,
  kRproto,
  kNet,
  kCnet,
  kSnet,
  kLnet,
  kRnet,
  kConnected,
  kNameChanged,
  kCipName,
  kSipName,
  kLipName,
  kRipName,
  kDev,
  kDevMajor,
  kDevMinor,
  kIno,
  kNameraw,
  kTypes,
  kIsUpperLayer,
  kIsLowerLayer,
  kFsPathName,
  kFsPathNameraw,
  kFsPathSource,
  kFsPathSourceraw,
  kFsPathTarget,
  kFsPathTargetraw,
};

constexpr uint16_t id(Local local) { return make_id(FieldClass::kFd, local); }

constexpr FieldInfo kFields[] = {
    {"fd.num", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldSupplied | lang::kFieldResult,
     "the unique number identifying the file descriptor.", id(kNum)},
    {"fd.type", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "type of FD. Can be 'file', 'directory', 'ipv4', 'ipv6', 'unix', 'pipe', 'event', 'signalfd', 'eventpoll', 'inotify'  'signalfd' or 'memfd'.", id(kType)},
    {"fd.typechar", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "type of FD as a single character. Can be 'f' for file, 4 for IPv4 socket, 6 for IPv6 socket, 'u' for unix socket, p for pipe, 'e' for eventfd, 's' for signalfd, 'l' for eventpoll, 'i' for inotify, 'b' for bpf, 'u' for userfaultd, 'r' for io_uring, 'm' for memfd ,'o' for unknown.", id(kTypechar)},
    {"fd.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "FD full name. If the fd is a file, this field contains the full path. If the FD is a socket, this field contain the connection tuple.", id(kName)},
    {"fd.directory", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "If the fd is a file, the directory that contains it.", id(kDirectory)},
    {"fd.filename", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "If the fd is a file, the filename without the path.", id(kFilename)},
    {"fd.ip", FieldType::kIpAddr, "IPADDR", FieldArgKind::kNone, lang::kFieldAnyValue | lang::kFieldFilterOnly | lang::kFieldNoRhs | lang::kFieldSupplied,
     "matches the ip address (client or server) of the fd.", id(kIp)},
    {"fd.cip", FieldType::kIpAddr, "IPADDR", FieldArgKind::kNone, lang::kFieldSupplied,
     "client IP address.", id(kCip)},
    {"fd.sip", FieldType::kIpAddr, "IPADDR", FieldArgKind::kNone, lang::kFieldSupplied,
     "server IP address.", id(kSip)},
    {"fd.lip", FieldType::kIpAddr, "IPADDR", FieldArgKind::kNone, lang::kFieldSupplied,
     "local IP address.", id(kLip)},
    {"fd.rip", FieldType::kIpAddr, "IPADDR", FieldArgKind::kNone, lang::kFieldSupplied,
     "remote IP address.", id(kRip)},
    {"fd.port", FieldType::kUnsigned, "PORT", FieldArgKind::kNone, lang::kFieldAnyValue | lang::kFieldFilterOnly | lang::kFieldNoRhs | lang::kFieldSupplied,
     "matches the port (either client or server) of the fd.", id(kPort)},
    {"fd.cport", FieldType::kUnsigned, "PORT", FieldArgKind::kNone, lang::kFieldSupplied,
     "for TCP/UDP FDs, the client port.", id(kCport)},
    {"fd.sport", FieldType::kUnsigned, "PORT", FieldArgKind::kNone, lang::kFieldSupplied,
     "for TCP/UDP FDs, server port.", id(kSport)},
    {"fd.lport", FieldType::kUnsigned, "PORT", FieldArgKind::kNone, lang::kFieldSupplied,
     "for TCP/UDP FDs, the local port.", id(kLport)},
    {"fd.rport", FieldType::kUnsigned, "PORT", FieldArgKind::kNone, lang::kFieldSupplied,
     "for TCP/UDP FDs, the remote port.", id(kRport)},
    {"fd.l4proto", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "the IP protocol of a socket. Can be 'tcp', 'udp', 'icmp' or 'raw'.", id(kL4proto)},
    {"fd.sockfamily", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "the socket family for socket events. Can be 'ip' or 'unix'.", id(kSockfamily)},
    {"fd.is_server", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' if the process owning this FD is the server endpoint in the connection.", id(kIsServer)},
    {"fd.uid", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "a unique identifier for the FD, created by chaining the FD number and the thread ID.", id(kUid)},
    {"fd.containername", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "chaining of the container ID and the FD name. Useful when trying to identify which container an FD belongs to.", id(kContainername)},
    {"fd.containerdirectory", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "chaining of the container ID and the directory name. Useful when trying to identify which container a directory belongs to.", id(kContainerdirectory)},
    {"fd.proto", FieldType::kUnsigned, "PORT", FieldArgKind::kNone, lang::kFieldAnyValue | lang::kFieldFilterOnly | lang::kFieldNoRhs,
     "matches the protocol (either client or server) of the fd.", id(kProto)},
    {"fd.cproto", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "for TCP/UDP FDs, the client protocol.", id(kCproto)},
    {"fd.sproto", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "for TCP/UDP FDs, server protocol.", id(kSproto)},
    {"fd.lproto", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "for TCP/UDP FDs, the local protocol.", id(kLproto)},
    {"fd.rproto", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "for TCP/UDP FDs, the remote protocol.", id(kRproto)},
    {"fd.net", FieldType::kIpNet, "IPNET", FieldArgKind::kNone, lang::kFieldAnyValue | lang::kFieldFilterOnly | lang::kFieldNoRhs | lang::kFieldSupplied,
     "matches the IP network (client or server) of the fd.", id(kNet)},
    {"fd.cnet", FieldType::kIpNet, "IPNET", FieldArgKind::kNone, lang::kFieldFilterOnly | lang::kFieldNoRhs | lang::kFieldSupplied,
     "matches the client IP network of the fd.", id(kCnet)},
    {"fd.snet", FieldType::kIpNet, "IPNET", FieldArgKind::kNone, lang::kFieldFilterOnly | lang::kFieldNoRhs | lang::kFieldSupplied,
     "matches the server IP network of the fd.", id(kSnet)},
    {"fd.lnet", FieldType::kIpNet, "IPNET", FieldArgKind::kNone, lang::kFieldFilterOnly | lang::kFieldNoRhs | lang::kFieldSupplied,
     "matches the local IP network of the fd.", id(kLnet)},
    {"fd.rnet", FieldType::kIpNet, "IPNET", FieldArgKind::kNone, lang::kFieldFilterOnly | lang::kFieldNoRhs | lang::kFieldSupplied,
     "matches the remote IP network of the fd.", id(kRnet)},
    {"fd.connected", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "for TCP/UDP FDs, 'true' if the socket is connected.", id(kConnected)},
    {"fd.name_changed", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "True when an event changes the name of an fd used by this event. This can occur in some cases such as udp connections where the connection tuple changes.", id(kNameChanged)},
    {"fd.cip.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNoRhs,
     "Domain name associated with the client IP address.", id(kCipName)},
    {"fd.sip.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNoRhs,
     "Domain name associated with the server IP address.", id(kSipName)},
    {"fd.lip.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNoRhs,
     "Domain name associated with the local IP address.", id(kLipName)},
    {"fd.rip.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNoRhs,
     "Domain name associated with the remote IP address.", id(kRipName)},
    {"fd.dev", FieldType::kSigned, "INT32", FieldArgKind::kNone, lang::kFieldNone,
     "device number (major/minor) containing the referenced file", id(kDev)},
    {"fd.dev.major", FieldType::kSigned, "INT32", FieldArgKind::kNone, lang::kFieldNone,
     "major device number containing the referenced file", id(kDevMajor)},
    {"fd.dev.minor", FieldType::kSigned, "INT32", FieldArgKind::kNone, lang::kFieldNone,
     "minor device number containing the referenced file", id(kDevMinor)},
    {"fd.ino", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldNone,
     "inode number of the referenced file", id(kIno)},
    {"fd.nameraw", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "FD full name raw. Just like fd.name, but only used if fd is a file path. File path is kept raw with limited sanitization and without deriving the absolute path.", id(kNameraw)},
    {"fd.types", FieldType::kString, "CHARBUF", FieldArgKind::kIndexOptional, lang::kFieldList | lang::kFieldNoRhs,
     "List of FD types in used. Can be passed an fd number e.g. fd.types[0] to get the type of stdout as a single item list.", id(kTypes)},
    {"fd.is_upper_layer", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldNone,
     "'true' if the fd is of a file in the upper layer of an overlayfs.", id(kIsUpperLayer)},
    {"fd.is_lower_layer", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldNone,
     "'true' if the fd is of a file  in the lower layer of an overlayfs.", id(kIsLowerLayer)},
    {"fs.path.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "For any event type that deals with a filesystem path, the path the file syscall is operating on. This path is always fully resolved, prepending the thread cwd when needed.", id(kFsPathName)},
    {"fs.path.nameraw", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "For any event type that deals with a filesystem path, the path the file syscall is operating on. This path is always the path provided to the syscall and may not be fully resolved.", id(kFsPathNameraw)},
    {"fs.path.source", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "For any event type that deals with a filesystem path, and specifically for a source and target like mv, cp, etc, the source path the file syscall is operating on. This path is always fully resolved, prepending the thread cwd when needed.", id(kFsPathSource)},
    {"fs.path.sourceraw", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "For any event type that deals with a filesystem path, and specifically for a source and target like mv, cp, etc, the source path the file syscall is operating on. This path is always the path provided to the syscall and may not be fully resolved.", id(kFsPathSourceraw)},
    {"fs.path.target", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "For any event type that deals with a filesystem path, and specifically for a target and target like mv, cp, etc, the target path the file syscall is operating on. This path is always fully resolved, prepending the thread cwd when needed.", id(kFsPathTarget)},
    {"fs.path.targetraw", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "For any event type that deals with a filesystem path, and specifically for a target and target like mv, cp, etc, the target path the file syscall is operating on. This path is always the path provided to the syscall and may not be fully resolved.", id(kFsPathTargetraw)},
};

bool is_file_like(FdType type) { return type == FdType::kFile || type == FdType::kDirectory; }

bool extract_num(const SyscallEvent& ev, FieldValues& out) {
  if (ev.has_fd && ev.fd.num >= 0) return push_signed(out, ev.fd.num);
  // A creating call's new fd is its result: -1 when it failed (Falco's fd.num=-1).
  if (ev.syscall && ev.syscall->creates_fd && ev.result) {
    return push_signed(out, *ev.result >= 0 ? *ev.result : -1);
  }
  return false;
}

// The position of the last '/' of `path`, or npos. glibc's memrchr scans a word at a time
// where string_view::rfind goes byte by byte (~60 instructions on a typical path).
size_t last_slash(std::string_view path) {
  if (path.empty()) return std::string_view::npos;
  const void* at = memrchr(path.data(), '/', path.size());
  return at ? static_cast<size_t>(static_cast<const char*>(at) - path.data()) : std::string_view::npos;
}

// dirname of fd.name; "/" for entries of the root directory.
std::string_view directory_of(std::string_view path) {
  size_t slash = last_slash(path);
  if (slash == std::string_view::npos) return {};
  if (slash == 0) return path.substr(0, 1);
  return path.substr(0, slash);
}

std::string_view filename_of(std::string_view path) {
  size_t slash = last_slash(path);
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

enum class Side { kClient, kServer, kLocal, kRemote };

const SocketEndpoint& endpoint(const FdInfo& fd, Side side) {
  switch (side) {
    case Side::kClient: return client_side(fd);
    case Side::kServer: return server_side(fd);
    case Side::kLocal: return fd.local;
    case Side::kRemote: return fd.remote;
  }
  return fd.local;
}

bool has_ip_tuple(const SyscallEvent& ev) {
  return ev.has_fd && ev.fd.has_tuple && is_ip_socket(ev.fd.type);
}

bool push_side_ip(const SyscallEvent& ev, Side side, FieldValues& out) {
  if (!has_ip_tuple(ev)) return false;
  return push_ip(out, endpoint(ev.fd, side).ip, is_ipv6(ev.fd));
}

bool push_side_port(const SyscallEvent& ev, Side side, FieldValues& out) {
  if (!has_ip_tuple(ev)) return false;
  return push_unsigned(out, endpoint(ev.fd, side).port);
}

// fd.ip / fd.port / fd.net: both ends, so a check matches either side.
bool push_both(const SyscallEvent& ev, bool port, FieldValues& out) {
  if (!has_ip_tuple(ev)) return false;
  for (Side side : {Side::kClient, Side::kServer}) {
    if (port) {
      push_unsigned(out, endpoint(ev.fd, side).port);
    } else {
      push_ip(out, endpoint(ev.fd, side).ip, is_ipv6(ev.fd));
    }
  }
  return true;
}

// True when this event sets the socket's tuple: connect, or a send with its own destination
// on an unconnected socket (UDP), as libsinsp's fd.name_changed.
bool name_changed(const SyscallEvent& ev) {
  if (ev.syscall == nullptr || !ev.has_fd) return false;
  std::string_view name = ev.syscall->name;
  if (name == "connect") return true;
  if (name == "sendto") return !ev.fd.connected && ev.data_ok[4] && !ev.data[4].empty();
  if (name == "sendmsg") return !ev.fd.connected && ev.data_ok[1] && !ev.data[1].empty();  // msg_name
  return false;
}

bool extract_socket(uint8_t local, const SyscallEvent& ev, FieldValues& out) {
  switch (local) {
    case kIp: return push_both(ev, false, out);
    case kNet: return push_both(ev, false, out);
    case kPort: return push_both(ev, true, out);
    case kCip:
    case kCnet: return push_side_ip(ev, Side::kClient, out);
    case kSip:
    case kSnet: return push_side_ip(ev, Side::kServer, out);
    case kLip:
    case kLnet: return push_side_ip(ev, Side::kLocal, out);
    case kRip:
    case kRnet: return push_side_ip(ev, Side::kRemote, out);
    case kCport: return push_side_port(ev, Side::kClient, out);
    case kSport: return push_side_port(ev, Side::kServer, out);
    case kLport: return push_side_port(ev, Side::kLocal, out);
    case kRport: return push_side_port(ev, Side::kRemote, out);
    default: return false;
  }
}

// Path arguments of the event: the first and the last one (rename/link: source and target).
struct PathArgs {
  int first = -1, last = -1, count = 0;
};

PathArgs path_args(const SyscallEvent& ev) {
  PathArgs paths;
  if (ev.syscall == nullptr) return paths;
  for (int i = 0; i < 6; ++i) {
    ArgRole role = ev.syscall->args[i];
    bool path_like = role == ArgRole::kPath || (role == ArgRole::kString && i == 0 &&
                                                ev.syscall->name.starts_with("symlink"));
    if (!path_like || !ev.data_ok[i]) continue;
    if (paths.first < 0) paths.first = i;
    paths.last = i;
    ++paths.count;
  }
  return paths;
}

bool push_path(const SyscallEvent& ev, int arg, bool raw, FieldValues& out) {
  if (arg < 0) return false;
  if (raw || ev.abs_path[arg].empty()) return push_nonempty(out, ev.data[arg]);
  return push_nonempty(out, ev.abs_path[arg]);
}

bool extract_fs_path(uint8_t local, const SyscallEvent& ev, FieldValues& out) {
  PathArgs paths = path_args(ev);
  bool single = paths.count == 1;
  switch (local) {
    case kFsPathName: return single && push_path(ev, paths.first, false, out);
    case kFsPathNameraw: return single && push_path(ev, paths.first, true, out);
    case kFsPathSource: return paths.count == 2 && push_path(ev, paths.first, false, out);
    case kFsPathSourceraw: return paths.count == 2 && push_path(ev, paths.first, true, out);
    case kFsPathTarget: return paths.count == 2 && push_path(ev, paths.last, false, out);
    case kFsPathTargetraw: return paths.count == 2 && push_path(ev, paths.last, true, out);
    default: return false;
  }
}

bool extract_names(uint8_t local, ExtractContext& ctx, FieldValues& out) {
  const FdInfo& fd = ctx.ev.fd;
  switch (local) {
    case kName: return push_nonempty(out, fd.name);
    case kNameraw: return push_nonempty(out, fd.nameraw);
    case kDirectory:
      return is_file_like(fd.type) && push_nonempty(out, directory_of(fd.name));
    case kFilename:
      return is_file_like(fd.type) && push_nonempty(out, filename_of(fd.name));
    case kContainername:
    case kContainerdirectory: {
      const ProcessInfo* proc = ctx.ev.process.get();
      std::string& s = ctx.arena.next();
      s = (proc && !proc->container_id.empty()) ? std::string_view(proc->container_id) : "host";
      s += ':';
      s += local == kContainername ? std::string_view(fd.name) : directory_of(fd.name);
      return push_string(out, s);
    }
    case kUid: {
      if (fd.num < 0) return false;
      std::string& s = ctx.arena.next();
      append_signed(ctx.ev.tid, s);
      append_signed(fd.num, s);
      return push_string(out, s);
    }
    default: return false;
  }
}

}  // namespace

std::span<const FieldInfo> fd_fields() { return kFields; }

bool fd_reads_paths(uint8_t local) {
  switch (local) {
    case kNum:
    case kType:
    case kTypechar:
    case kNameraw:
    case kFsPathNameraw:
    case kFsPathSourceraw:
    case kFsPathTargetraw: return false;
    default: return true;
  }
}

bool extract_fd(uint8_t local, const FieldRef&, ExtractContext& ctx, FieldValues& out) {
  const SyscallEvent& ev = ctx.ev;
  if (local >= kFsPathName) return extract_fs_path(local, ev, out);
  if (local == kNum) return extract_num(ev, out);
  if (!ev.has_fd) return false;
  const FdInfo& fd = ev.fd;
  switch (local) {
    case kType: return push_nonempty(out, fd_type_name(fd.type));
    case kTypechar: {
      // A view into static storage: one string per type character.
      static constexpr std::string_view kChars = "fd46upeslitnbrmPo";
      size_t at = kChars.find(fd_typechar(fd.type));
      return push_string(out, kChars.substr(at == std::string_view::npos ? kChars.size() - 1 : at, 1));
    }
    case kName:
    case kNameraw:
    case kDirectory:
    case kFilename:
    case kContainername:
    case kContainerdirectory:
    case kUid: return extract_names(local, ctx, out);
    case kL4proto: {
      std::string_view proto = l4proto_name(fd.l4proto);
      return push_string(out, proto.empty() ? std::string_view("<NA>") : proto);
    }
    case kSockfamily:
      if (is_ip_socket(fd.type)) return push_string(out, "ip");
      if (fd.type == FdType::kUnix) return push_string(out, "unix");
      return false;
    case kIsServer: return push_bool(out, fd.is_server);
    case kConnected: return push_bool(out, fd.connected);
    case kNameChanged: return push_bool(out, name_changed(ev));
    default: return extract_socket(local, ev, out);
  }
}

}  // namespace lanner::event::fields
