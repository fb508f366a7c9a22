#include "lang/value.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace lanner::lang {

namespace {

template <typename T>
std::optional<T> parse_integer(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int base = 10;
  bool negative = false;
  if (text.front() == '+' || text.front() == '-') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  }
  uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), magnitude, base);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  if constexpr (std::is_signed_v<T>) {
    if (negative) {
      if (magnitude > static_cast<uint64_t>(INT64_MAX) + 1) return std::nullopt;
      return static_cast<T>(0 - magnitude);
    }
    if (magnitude > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<T>(magnitude);
  } else {
    if (negative && magnitude != 0) return std::nullopt;
    return magnitude;
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<int64_t> parse_signed(std::string_view text) { return parse_integer<int64_t>(text); }
std::optional<uint64_t> parse_unsigned(std::string_view text) { return parse_integer<uint64_t>(text); }

std::optional<bool> parse_bool(std::string_view text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

std::optional<IpNetwork> parse_ip(std::string_view text) {
  std::string s(text);
  IpNetwork n;
  if (inet_pton(AF_INET, s.c_str(), n.bytes) == 1) {
    n.prefix = 32;
    return n;
  }
  if (inet_pton(AF_INET6, s.c_str(), n.bytes) == 1) {
    n.ipv6 = true;
    n.prefix = 128;
    return n;
  }
  return std::nullopt;
}

std::optional<IpNetwork> parse_cidr(std::string_view text) {
  size_t slash = text.find('/');
  auto net = parse_ip(text.substr(0, slash));
  if (!net || slash == std::string_view::npos) return net;
  auto bits = parse_unsigned(text.substr(slash + 1));
  if (!bits || *bits > (net->ipv6 ? 128u : 32u)) return std::nullopt;
  net->prefix = static_cast<uint8_t>(*bits);
  return net;
}

std::optional<std::string> parse_hex_bytes(std::string_view text) {
  if (text.empty() || text.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 2);
  for (size_t i = 0; i < text.size(); i += 2) {
    int hi = hex_digit(text[i]);
    int lo = hex_digit(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

bool ip_in_network(const FieldValue& ip, const IpNetwork& net) {
  if (ip.ipv6 != net.ipv6) return false;
  unsigned full = net.prefix / 8;
  if (std::memcmp(ip.ip, net.bytes, full) != 0) return false;
  unsigned rest = net.prefix % 8;
  if (rest == 0) return true;
  auto mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (ip.ip[full] & mask) == (net.bytes[full] & mask);
}

}  // namespace lanner::lang
