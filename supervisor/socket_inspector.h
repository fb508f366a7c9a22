#pragma once
// What lanner can learn about one of the target's sockets without trapping socket() or reading
// /proc/net: it borrows the socket (pidfd_getfd, 3 syscalls) and asks the kernel for family,
// protocol and both addresses. Used only for socket syscalls (connect, bind, sendto...), which
// are rare next to openat, so the cost (a few microseconds) stays off the hot path.
#include <cstdint>
#include <string>

#include "event/event.h"

namespace lanner::supervisor {

struct SocketState {
  int family = 0;     // AF_INET, AF_INET6, AF_UNIX, AF_NETLINK...
  int protocol = 0;   // IPPROTO_TCP/UDP...
  int type = 0;       // SOCK_STREAM...
  event::SocketEndpoint local, remote;
  bool has_local = false, has_remote = false;
  std::string unix_local, unix_remote;
};

class SocketInspector {
 public:
  virtual ~SocketInspector() = default;
  virtual bool inspect(int64_t tid, int fd, SocketState& out) = 0;
};

class PidfdSocketInspector final : public SocketInspector {
 public:
  bool inspect(int64_t tid, int fd, SocketState& out) override;
};

// Fills an endpoint from raw sockaddr bytes; returns the family (0 if too short/unknown).
int endpoint_from_sockaddr(const std::string& bytes, event::SocketEndpoint& out, std::string& unix_path);

}  // namespace lanner::supervisor
