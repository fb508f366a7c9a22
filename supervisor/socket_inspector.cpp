#include "supervisor/socket_inspector.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cstring>

#include "supervisor/fd_passing.h"

namespace lanner::supervisor {

int endpoint_from_sockaddr(const std::string& bytes, event::SocketEndpoint& out, std::string& unix_path) {
  if (bytes.size() < sizeof(sa_family_t)) return 0;
  sa_family_t family = 0;
  std::memcpy(&family, bytes.data(), sizeof family);
  if (family == AF_INET && bytes.size() >= sizeof(sockaddr_in)) {
    sockaddr_in sin;
    std::memcpy(&sin, bytes.data(), sizeof sin);
    out.ip = {};
    std::memcpy(out.ip.data(), &sin.sin_addr, 4);
    out.port = ntohs(sin.sin_port);
    return AF_INET;
  }
  if (family == AF_INET6 && bytes.size() >= sizeof(sockaddr_in6)) {
    sockaddr_in6 sin6;
    std::memcpy(&sin6, bytes.data(), sizeof sin6);
    std::memcpy(out.ip.data(), &sin6.sin6_addr, 16);
    out.port = ntohs(sin6.sin6_port);
    return AF_INET6;
  }
  if (family == AF_UNIX) {
    size_t offset = offsetof(sockaddr_un, sun_path);
    std::string path = bytes.size() > offset ? bytes.substr(offset) : std::string{};
    if (!path.empty() && path.front() != '\0') path = path.substr(0, path.find('\0'));
    else if (!path.empty()) path.front() = '@';  // abstract namespace, shown as @name
    unix_path = path;
    return AF_UNIX;
  }
  return family;
}

namespace {

bool read_name(int fd, bool peer, event::SocketEndpoint& out, std::string& unix_path) {
  sockaddr_storage storage{};
  socklen_t len = sizeof storage;
  int rc = peer ? getpeername(fd, reinterpret_cast<sockaddr*>(&storage), &len)
                : getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &len);
  if (rc != 0) return false;
  std::string bytes(reinterpret_cast<const char*>(&storage), std::min<size_t>(len, sizeof storage));
  return endpoint_from_sockaddr(bytes, out, unix_path) != 0;
}

int int_option(int fd, int name) {
  int value = 0;
  socklen_t len = sizeof value;
  return getsockopt(fd, SOL_SOCKET, name, &value, &len) == 0 ? value : 0;
}

}  // namespace

bool PidfdSocketInspector::inspect(int64_t tid, int fd, SocketState& out) {
  UniqueFd borrowed = borrow_fd(static_cast<pid_t>(tid), fd);
  if (!borrowed.valid()) return false;
  out.family = int_option(borrowed.get(), SO_DOMAIN);
  out.protocol = int_option(borrowed.get(), SO_PROTOCOL);
  out.type = int_option(borrowed.get(), SO_TYPE);
  out.has_local = read_name(borrowed.get(), false, out.local, out.unix_local);
  out.has_remote = read_name(borrowed.get(), true, out.remote, out.unix_remote);
  return true;
}

}  // namespace lanner::supervisor
