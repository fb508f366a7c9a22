#pragma once
// Falco's textual list handling (falco-language.md 1.5): one-level list-in-list expansion and the
// substitution of list names into condition strings before parsing. Kept textual on purpose:
// upstream rules depend on its quirks (e.g. `x in (a, empty_list)` dropping a comma).
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace lanner::rules {

// Wraps an item containing a space in double quotes unless it already starts with a quote.
std::string quote_item(std::string item);
void append_quoted(std::string& out, std::string_view item);
// The text a list's name is replaced by: its items quoted and joined with ", ".
std::string join_quoted(const std::vector<std::string>& items);
// The characters that end a list name in a condition (` \t\n\r(),=`). Inline: it runs for
// every character of every condition.
inline bool is_list_name_delimiter(char c) {
  switch (c) {
    case ' ': case '\t': case '\n': case '\r': case '(': case ')': case ',': case '=':
      return true;
    default:
      return false;
  }
}

enum class Substitution { kUnchanged, kSubstituted, kTooLong };

// Replaces every occurrence of `name` bounded by start/end or one of ` \t\n\r(),=` with
// " item1, item2 " (blanks around the name are eaten; quoted items; an empty list also removes
// one adjacent comma), producing exactly Falco's text. Linear in the size of the result.
// kTooLong (condition left unchanged) if the result would exceed `max_length`.
Substitution substitute_list(std::string& condition, const std::string& name, const std::vector<std::string>& items,
                             size_t max_length = std::numeric_limits<size_t>::max());
// Same with the replacement already joined (join_quoted), so a list used by many conditions is
// quoted and joined once.
Substitution substitute_list_text(std::string& condition, std::string_view name, std::string_view replacement,
                                  size_t max_length = std::numeric_limits<size_t>::max());

}  // namespace lanner::rules
