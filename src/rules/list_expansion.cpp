#include "rules/list_expansion.h"

#include <string_view>

namespace lanner::rules {

namespace {

constexpr std::string_view kBlanks = " \t\n\r";
constexpr std::string_view kDelimiters = " \t\n\r(),=";

bool is_blank(char c) { return kBlanks.find(c) != std::string_view::npos; }
bool is_delimiter(char c) { return kDelimiters.find(c) != std::string_view::npos; }

std::string join_quoted(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += quote_item(item);
  }
  return out;
}

}  // namespace

std::string quote_item(std::string item) {
  bool quoted = !item.empty() && (item[0] == '"' || item[0] == '\'');
  if (item.find(' ') != std::string::npos && !quoted) return '"' + item + '"';
  return item;
}

bool substitute_list(std::string& condition, const std::string& name, const std::vector<std::string>& items) {
  if (name.empty()) return false;
  const std::string replacement = join_quoted(items);
  bool used = false;
  size_t start = condition.find(name);
  while (start != std::string::npos) {
    size_t end = start + name.size();
    bool bounded_left = start == 0 || is_delimiter(condition[start - 1]);
    bool bounded_right = end >= condition.size() || is_delimiter(condition[end]);
    if (bounded_left && bounded_right) {
      while (start > 0 && is_blank(condition[start - 1])) --start;
      while (end < condition.size() && is_blank(condition[end])) ++end;
      if (replacement.empty()) {
        // Keep `(a, empty)` and `(empty, a)` well-formed by dropping one adjacent comma.
        if (start > 0 && condition[start - 1] == ',') {
          --start;
        } else if (end < condition.size() && condition[end] == ',') {
          ++end;
        }
      }
      std::string rewritten = start > 0 ? condition.substr(0, start) + " " : std::string();
      rewritten += replacement + " ";
      rewritten += condition.substr(end);
      condition = std::move(rewritten);
      // Resume just after the inserted text, exactly where Falco resumes (so its skips match).
      start += replacement.size() + 1;
      used = true;
    }
    start = condition.find(name, start + 1);
  }
  return used;
}

}  // namespace lanner::rules
