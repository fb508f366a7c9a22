#pragma once
// Text for addresses as libsinsp prints them: "1.2.3.4", inet_ntop for IPv6, endpoints
// "ip:port", socket tuples "cip:cport->sip:sport" (client first, as fd.name). Pure functions.
#include <cstdint>
#include <string>
#include <string_view>

#include "event/event.h"

namespace lanner::event {

void append_ip(const std::array<uint8_t, 16>& ip, bool ipv6, std::string& out);
void append_endpoint(const SocketEndpoint& endpoint, bool ipv6, std::string& out);

// Client and server side of a socket (the process is the server on accepted sockets).
inline const SocketEndpoint& client_side(const FdInfo& fd) {
  return fd.is_server ? fd.remote : fd.local;
}
inline const SocketEndpoint& server_side(const FdInfo& fd) {
  return fd.is_server ? fd.local : fd.remote;
}
inline bool is_ipv6(const FdInfo& fd) { return fd.type == FdType::kIpv6; }

// "cip:cport->sip:sport" for IP sockets with a tuple; nothing otherwise.
void append_tuple(const FdInfo& fd, std::string& out);

// A struct sockaddr as read from the target (raw bytes, possibly truncated).
struct ParsedSockaddr {
  int family = -1;          // AF_INET / AF_INET6 / AF_UNIX / other; -1 if unreadable
  SocketEndpoint endpoint;  // AF_INET / AF_INET6
  std::string_view unix_path;  // AF_UNIX, view into the input; abstract names keep the leading NUL
};
ParsedSockaddr parse_sockaddr(std::string_view bytes);
// "ip:port", a unix path ('@' for abstract names), or nothing for other families.
void append_sockaddr(std::string_view bytes, std::string& out);

// Numbers without locale or allocation beyond `out`.
void append_unsigned(uint64_t value, std::string& out);
void append_signed(int64_t value, std::string& out);

}  // namespace lanner::event
