#pragma once
// Falco's textual list handling (falco-language.md 1.5): one-level list-in-list expansion and the
// substitution of list names into condition strings before parsing. Kept textual on purpose:
// upstream rules depend on its quirks (e.g. `x in (a, empty_list)` dropping a comma).
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace lanner::rules {

// Wraps an item containing a space in double quotes unless it already starts with a quote.
std::string quote_item(std::string item);

enum class Substitution { kUnchanged, kSubstituted, kTooLong };

// Replaces every occurrence of `name` bounded by start/end or one of ` \t\n\r(),=` with
// " item1, item2 " (blanks around the name are eaten; quoted items; an empty list also removes
// one adjacent comma), producing exactly Falco's text. Linear in the size of the result.
// kTooLong (condition left unchanged) if the result would exceed `max_length`.
Substitution substitute_list(std::string& condition, const std::string& name, const std::vector<std::string>& items,
                             size_t max_length = std::numeric_limits<size_t>::max());

}  // namespace lanner::rules
