#pragma once
// Alert -> the text line or JSON object Falco users and tools (falcosidekick) expect.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "output/alert.h"

namespace lanner::output {

struct FormatOptions {
  bool json_output = false;
  bool include_output = true;         // json_include_output_property
  bool include_output_fields = true;  // json_include_output_fields_property
  bool include_tags = true;           // json_include_tags_property
  bool include_message = false;       // json_include_message_property
  bool time_iso_8601 = false;         // time_format_iso_8601 (text prefix)
};

// "HH:MM:SS.nnnnnnnnn" in local time, or "YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000" (UTC) when iso.
std::string format_event_time(uint64_t time_ns, bool iso_8601);

// RFC 3339 UTC with nanoseconds: "YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ" (JSON `time`).
std::string format_rfc3339(uint64_t time_ns);

// "<time>: <Priority> <message>", unescaped (the JSON `output` property).
std::string alert_line(const Alert& alert, bool iso_8601);

// The text line for a text sink: alert_line with control characters and backslashes escaped
// (\n, \t, \xNN...) and invalid UTF-8 replaced by U+FFFD, so one alert is always one line.
std::string format_text(const Alert& alert, const FormatOptions& options);

// The JSON object (keys sorted, as Falco's nlohmann output is).
nlohmann::json alert_json(const Alert& alert, const FormatOptions& options);

// alert_json serialised on one line; invalid UTF-8 becomes U+FFFD.
std::string format_json(const Alert& alert, const FormatOptions& options);

// format_json or format_text according to options.json_output; no trailing newline.
std::string format_alert(const Alert& alert, const FormatOptions& options);

// Escapes control characters and backslashes; replaces invalid UTF-8 with U+FFFD.
std::string escape_for_line(std::string_view text);

}  // namespace lanner::output
