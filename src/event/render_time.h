#pragma once
// Timestamps as libsinsp prints them. `ns` is nanoseconds since the epoch.
#include <cstdint>
#include <string>

namespace lanner::event {

// evt.time: local "HH:MM:SS.nnnnnnnnn"; evt.time.s without the fraction.
void append_time(uint64_t ns, bool with_ns, std::string& out);
// evt.datetime: local "YYYY-MM-DD HH:MM:SS.nnnnnnnnn"; evt.datetime.s without the fraction.
void append_datetime(uint64_t ns, bool with_ns, std::string& out);
// evt.time.iso8601: UTC "YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000".
void append_iso8601(uint64_t ns, std::string& out);

}  // namespace lanner::event
