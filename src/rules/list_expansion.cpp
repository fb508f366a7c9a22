#include "rules/list_expansion.h"

#include <string_view>

namespace lanner::rules {

namespace {

constexpr std::string_view kBlanks = " \t\n\r";

bool is_blank(char c) { return kBlanks.find(c) != std::string_view::npos; }
bool is_delimiter(char c) { return is_list_name_delimiter(c); }

}  // namespace

std::string join_quoted(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    append_quoted(out, item);
  }
  return out;
}

void append_quoted(std::string& out, std::string_view item) {
  bool quoted = !item.empty() && (item[0] == '"' || item[0] == '\'');
  bool wrap = !quoted && item.find(' ') != std::string_view::npos;
  if (wrap) out += '"';
  out += item;
  if (wrap) out += '"';
}

std::string quote_item(std::string item) {
  std::string out;
  append_quoted(out, item);
  return out;
}

Substitution substitute_list(std::string& condition, const std::string& name, const std::vector<std::string>& items,
                             size_t max_length) {
  if (name.empty() || condition.find(name) == std::string::npos) return Substitution::kUnchanged;
  return substitute_list_text(condition, name, join_quoted(items), max_length);
}

// Falco rewrites the whole string once per occurrence (quadratic). This builds the same text in
// one pass: `out` is the finished prefix, `input[rest..]` the untouched suffix; together they are
// Falco's string at each step, so blank eating and comma removal may reach back into `out`.
Substitution substitute_list_text(std::string& condition, std::string_view name, std::string_view replacement,
                                  size_t max_length) {
  if (name.empty()) return Substitution::kUnchanged;
  const std::string& input = condition;
  std::string out;
  size_t rest = 0;
  size_t search_from = 0;
  bool used = false;
  for (size_t pos = input.find(name); pos != std::string::npos; pos = input.find(name, search_from)) {
    size_t end = pos + name.size();
    bool bounded_left = pos > rest ? is_delimiter(input[pos - 1]) : (out.empty() || is_delimiter(out.back()));
    bool bounded_right = end >= input.size() || is_delimiter(input[end]);
    if (!bounded_left || !bounded_right) {
      search_from = pos + 1;
      continue;
    }
    out.append(input, rest, pos - rest);
    while (!out.empty() && is_blank(out.back())) out.pop_back();
    while (end < input.size() && is_blank(input[end])) ++end;
    if (replacement.empty()) {
      // Keep `(a, empty)` and `(empty, a)` well-formed by dropping one adjacent comma.
      if (!out.empty() && out.back() == ',') {
        out.pop_back();
      } else if (end < input.size() && input[end] == ',') {
        ++end;
      }
    }
    bool at_start = out.empty();
    if (!at_start) out += ' ';
    out += replacement;
    out += ' ';
    if (out.size() + (input.size() - end) > max_length) return Substitution::kTooLong;
    rest = end;
    // Falco resumes one character later when the name was at the very start of the string.
    search_from = at_start ? end + 1 : end;
    used = true;
  }
  if (!used) return Substitution::kUnchanged;
  out.append(input, rest, std::string::npos);
  condition = std::move(out);
  return Substitution::kSubstituted;
}

}  // namespace lanner::rules
