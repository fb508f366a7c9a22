#pragma once
// Parsing condition literals into typed values (done once, at compile time) and the comparison
// primitives the predicate uses at run time.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lang/field_catalog.h"

namespace lanner::lang {

struct IpNetwork {
  uint8_t bytes[16] = {};  // network order; v4 in the first 4 bytes
  bool ipv6 = false;
  uint8_t prefix = 0;      // significant bits (32/128 for a single address)
};

std::optional<int64_t> parse_signed(std::string_view text);     // decimal or 0x hex
std::optional<uint64_t> parse_unsigned(std::string_view text);  // decimal or 0x hex
std::optional<bool> parse_bool(std::string_view text);          // exactly "true" / "false"
std::optional<IpNetwork> parse_ip(std::string_view text);       // single address, full prefix
std::optional<IpNetwork> parse_cidr(std::string_view text);     // "10.0.0.0/8"; a bare IP too
std::optional<std::string> parse_hex_bytes(std::string_view text);  // "cafebabe" -> bytes

bool ip_in_network(const FieldValue& ip, const IpNetwork& net);

}  // namespace lanner::lang
