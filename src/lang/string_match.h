#pragma once
// Allocation-free string matching used by the string operators.
#include <string_view>

namespace lanner::lang {

// fnmatch(3) semantics with flags 0 (or FNM_CASEFOLD when `casefold`): '*' also crosses '/',
// '?' one character, '[...]' sets with ranges and '!'/'^' negation, '\' escapes.
bool glob_match(std::string_view pattern, std::string_view text, bool casefold = false);

// Case-insensitive (ASCII) substring search, like strcasestr.
bool icontains(std::string_view haystack, std::string_view needle);

// libsinsp's pmatch: `path` equals `prefix` or lies under it, compared component by component;
// components of `prefix` may hold glob characters.
bool path_prefix_match(std::string_view prefix, std::string_view path);

}  // namespace lanner::lang
