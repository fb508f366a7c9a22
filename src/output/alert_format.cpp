#include "output/alert_format.h"

#include <array>
#include <cstdio>
#include <ctime>

namespace lanner::output {
namespace {

constexpr uint64_t kNsPerSec = 1'000'000'000;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at s[i], or 0 if it is not one (overlong forms, surrogates
// and code points above U+10FFFF are invalid, as in RFC 3629).
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  size_t len = 0;
  uint32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) { len = 2; cp = b0 & 0x1Fu; }
  else if (b0 >= 0xE0 && b0 <= 0xEF) { len = 3; cp = b0 & 0x0Fu; }
  else if (b0 >= 0xF0 && b0 <= 0xF4) { len = 4; cp = b0 & 0x07u; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return len;
}

uint32_t decode_utf8(std::string_view seq) {
  const auto b0 = static_cast<unsigned char>(seq[0]);
  uint32_t cp = seq.size() == 2 ? (b0 & 0x1Fu) : seq.size() == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
  for (size_t k = 1; k < seq.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(seq[k]) & 0x3Fu);
  return cp;
}

std::string hex_escape(const char* prefix, uint32_t value, int digits) {
  std::array<char, 16> buf{};
  std::snprintf(buf.data(), buf.size(), "%s%0*x", prefix, digits, value);
  return buf.data();
}

void append_ascii_escaped(std::string& out, char c) {
  switch (c) {
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '\\': out += "\\\\"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        out += hex_escape("\\x", static_cast<unsigned char>(c), 2);
      } else {
        out += c;
      }
  }
}

}  // namespace

std::string_view priority_name(rules::Priority priority) {
  static constexpr std::array<std::string_view, 8> kNames{
      "Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug"};
  const auto index = static_cast<size_t>(priority);
  return index < kNames.size() ? kNames[index] : "Debug";
}

std::string escape_for_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    // Fast path: copy a run of printable ASCII (the common case) in one go.
    size_t run = i;
    while (run < text.size() && text[run] >= 0x20 && text[run] < 0x7F && text[run] != '\\') ++run;
    out.append(text.substr(i, run - i));
    i = run;
    if (i == text.size()) break;
    const size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      out += kReplacement;
      ++i;
    } else if (len == 1) {
      append_ascii_escaped(out, text[i++]);
    } else {
      std::string_view seq = text.substr(i, len);
      const uint32_t cp = decode_utf8(seq);
      // C1 controls (terminal CSI) and Unicode line/paragraph separators would also break lines.
      if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
        out += hex_escape("\\u", cp, 4);
      } else {
        out += seq;
      }
      i += len;
    }
  }
  return out;
}

std::string format_event_time(uint64_t time_ns, bool iso_8601) {
  const auto secs = static_cast<time_t>(time_ns / kNsPerSec);
  const auto nanos = static_cast<unsigned long>(time_ns % kNsPerSec);
  std::tm tm{};
  std::array<char, 64> buf{};
  if (iso_8601) {
    gmtime_r(&secs, &tm);
    std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%09lu+0000",
                  tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  nanos);
  } else {
    localtime_r(&secs, &tm);
    std::snprintf(buf.data(), buf.size(), "%02d:%02d:%02d.%09lu", tm.tm_hour, tm.tm_min,
                  tm.tm_sec, nanos);
  }
  return buf.data();
}

std::string format_rfc3339(uint64_t time_ns) {
  const auto secs = static_cast<time_t>(time_ns / kNsPerSec);
  const auto nanos = static_cast<unsigned long>(time_ns % kNsPerSec);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::array<char, 64> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%09luZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, nanos);
  return buf.data();
}

std::string alert_line(const Alert& alert, bool iso_8601) {
  std::string line = format_event_time(alert.time_ns, iso_8601);
  line += ": ";
  line += priority_name(alert.priority);
  line += " ";
  line += alert.output;
  return line;
}

std::string format_text(const Alert& alert, const FormatOptions& options) {
  return escape_for_line(alert_line(alert, options.time_iso_8601));
}

nlohmann::json alert_json(const Alert& alert, const FormatOptions& options) {
  nlohmann::json j = nlohmann::json::object();
  j["hostname"] = alert.hostname;
  if (options.include_output) j["output"] = alert_line(alert, options.time_iso_8601);
  if (options.include_output_fields) {
    j["output_fields"] = alert.output_fields.is_null() ? nlohmann::json::object() : alert.output_fields;
  }
  if (options.include_message) j["message"] = alert.output;
  j["priority"] = priority_name(alert.priority);
  j["rule"] = alert.rule;
  j["source"] = alert.source;
  if (options.include_tags) j["tags"] = alert.tags;
  j["time"] = format_rfc3339(alert.time_ns);
  return j;
}

std::string format_json(const Alert& alert, const FormatOptions& options) {
  return alert_json(alert, options).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string format_alert(const Alert& alert, const FormatOptions& options) {
  return options.json_output ? format_json(alert, options) : format_text(alert, options);
}

}  // namespace lanner::output
