#pragma once
// Falco's text renderings of flag and enum parameters (libscap driver/flags_table.c semantics).
// Raw syscall arguments are first converted to libscap's PPM_* encoding (which is what Falco
// prints as the number), then rendered with the named table. Pure functions.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace lanner::event {

struct NameValue {
  std::string_view name;
  uint32_t value;
};

// A named table ("file_flags", "socket_families"...), in libscap's order, or an empty span.
std::span<const NameValue> flag_table(std::string_view table_name);

// Appends the '|'-joined names of `value` the way libsinsp does: walk the table in order, take
// each entry whose bits are all set (and remove them), stop at an entry equal to the whole value.
// Appends nothing when no name applies.
void append_flag_names(std::span<const NameValue> table, uint32_t value, std::string& out);
// The name of the entry equal to `value` (enums such as socket_families), or "" if none.
std::string_view enum_name(std::span<const NameValue> table, uint32_t value);

// Linux argument -> PPM encoding, per table. Tables whose PPM values equal Linux's pass through.
uint32_t to_ppm(std::string_view table_name, uint64_t linux_value);
uint32_t open_flags_to_ppm(uint64_t linux_flags);
uint32_t clone_flags_to_ppm(uint64_t linux_flags);
uint32_t ptrace_request_to_ppm(uint64_t linux_request);

// PPM open-flag bits used by evt.is_open_* (libscap values).
inline constexpr uint32_t kPpmOpenRead = 1u << 0;
inline constexpr uint32_t kPpmOpenWrite = 1u << 1;
inline constexpr uint32_t kPpmOpenCreate = 1u << 2;
inline constexpr uint32_t kPpmOpenTmpfile = 1u << 13;

// "ENOENT" for 2 or -2; "" when the number has no name.
std::string_view errno_name(int64_t err);

// Capability names, space separated in bit order ("CAP_CHOWN CAP_KILL"), as thread.cap_* shows.
void append_capability_names(uint64_t caps, std::string& out);

}  // namespace lanner::event
