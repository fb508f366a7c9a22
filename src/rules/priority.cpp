#include "rules/priority.h"

#include <array>
#include <cstddef>

namespace lanner::rules {

namespace {

constexpr std::array<std::string_view, 8> kNames{"Emergency", "Alert",  "Critical",      "Error",
                                                 "Warning",   "Notice", "Informational", "Debug"};

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::optional<Priority> parse_priority(std::string_view text) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (equals_ignore_case(text, kNames[i])) return static_cast<Priority>(i);
  }
  if (equals_ignore_case(text, "info")) return Priority::kInformational;
  return std::nullopt;
}

std::string_view priority_name(Priority p) {
  auto i = static_cast<size_t>(p);
  return i < kNames.size() ? kNames[i] : std::string_view{"Unknown"};
}

}  // namespace lanner::rules
