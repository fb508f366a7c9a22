#pragma once
// Pure string helpers shared by several stages.
#include <string>
#include <string_view>
#include <vector>

namespace lanner {

// Levenshtein distance, for "did you mean" suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a plausible typo, else empty.
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
std::string_view trim(std::string_view s);

}  // namespace lanner
