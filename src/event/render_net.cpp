#include "event/render_net.h"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <charconv>
#include <cstring>

namespace lanner::event {

void append_unsigned(uint64_t value, std::string& out) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof(buf), value);
  out.append(buf, res.ptr);
}

void append_signed(int64_t value, std::string& out) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof(buf), value);
  out.append(buf, res.ptr);
}

void append_ip(const std::array<uint8_t, 16>& ip, bool ipv6, std::string& out) {
  if (!ipv6) {
    for (int i = 0; i < 4; ++i) {
      if (i > 0) out += '.';
      append_unsigned(ip[i], out);
    }
    return;
  }
  char buf[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(AF_INET6, ip.data(), buf, sizeof(buf)) != nullptr) out += buf;
}

void append_endpoint(const SocketEndpoint& endpoint, bool ipv6, std::string& out) {
  append_ip(endpoint.ip, ipv6, out);
  out += ':';
  append_unsigned(endpoint.port, out);
}

void append_tuple(const FdInfo& fd, std::string& out) {
  if (!fd.has_tuple || (fd.type != FdType::kIpv4 && fd.type != FdType::kIpv6)) return;
  append_endpoint(client_side(fd), is_ipv6(fd), out);
  out += "->";
  append_endpoint(server_side(fd), is_ipv6(fd), out);
}

ParsedSockaddr parse_sockaddr(std::string_view bytes) {
  ParsedSockaddr out;
  if (bytes.size() < sizeof(sa_family_t)) return out;
  sa_family_t family = 0;
  std::memcpy(&family, bytes.data(), sizeof(family));
  out.family = family;
  auto port_at = [&](size_t offset) {
    return static_cast<uint16_t>((static_cast<uint8_t>(bytes[offset]) << 8) |
                                 static_cast<uint8_t>(bytes[offset + 1]));
  };
  if (family == AF_INET && bytes.size() >= 8) {
    out.endpoint.port = port_at(2);
    std::memcpy(out.endpoint.ip.data(), bytes.data() + 4, 4);
  } else if (family == AF_INET6 && bytes.size() >= 24) {
    out.endpoint.port = port_at(2);
    std::memcpy(out.endpoint.ip.data(), bytes.data() + 8, 16);
  } else if (family == AF_UNIX) {
    std::string_view path = bytes.substr(sizeof(sa_family_t));
    // Pathname sockets end at the first NUL; abstract ones start with NUL and use the length.
    if (!path.empty() && path[0] != '\0') path = path.substr(0, path.find('\0'));
    out.unix_path = path;
  }
  return out;
}

void append_sockaddr(std::string_view bytes, std::string& out) {
  ParsedSockaddr parsed = parse_sockaddr(bytes);
  if (parsed.family == AF_INET || parsed.family == AF_INET6) {
    append_endpoint(parsed.endpoint, parsed.family == AF_INET6, out);
  } else if (parsed.family == AF_UNIX && !parsed.unix_path.empty()) {
    if (parsed.unix_path[0] == '\0') {
      out += '@';
      out += parsed.unix_path.substr(1);
    } else {
      out += parsed.unix_path;
    }
  }
}

}  // namespace lanner::event
