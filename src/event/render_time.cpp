#include "event/render_time.h"

#include <cstdio>
#include <ctime>

namespace lanner::event {
namespace {

constexpr uint64_t kNsPerSecond = 1'000'000'000;

std::tm broken_down(uint64_t ns, bool local) {
  std::time_t seconds = static_cast<std::time_t>(ns / kNsPerSecond);
  std::tm tm{};
  if (local) {
    localtime_r(&seconds, &tm);
  } else {
    gmtime_r(&seconds, &tm);
  }
  return tm;
}

void append_formatted(std::string& out, const char* fmt, const std::tm& tm) {
  char buf[48];
  size_t n = std::strftime(buf, sizeof(buf), fmt, &tm);
  out.append(buf, n);
}

void append_fraction(uint64_t ns, std::string& out) {
  char buf[16];
  int n = std::snprintf(buf, sizeof(buf), ".%09u", static_cast<unsigned>(ns % kNsPerSecond));
  if (n > 0) out.append(buf, static_cast<size_t>(n));
}

}  // namespace

void append_time(uint64_t ns, bool with_ns, std::string& out) {
  append_formatted(out, "%H:%M:%S", broken_down(ns, true));
  if (with_ns) append_fraction(ns, out);
}

void append_datetime(uint64_t ns, bool with_ns, std::string& out) {
  append_formatted(out, "%Y-%m-%d %H:%M:%S", broken_down(ns, true));
  if (with_ns) append_fraction(ns, out);
}

void append_iso8601(uint64_t ns, std::string& out) {
  append_formatted(out, "%Y-%m-%dT%H:%M:%S", broken_down(ns, false));
  append_fraction(ns, out);
  out += "+0000";
}

}  // namespace lanner::event
