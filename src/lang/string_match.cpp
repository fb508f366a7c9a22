#include "lang/string_match.h"

#include <cstddef>

namespace lanner::lang {

namespace {

char fold(char c, bool casefold) {
  if (casefold && c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  return c;
}

// Matches a bracket expression starting at pattern[p] == '['. Returns the index after ']' or
// npos when the bracket is not closed (then '[' is an ordinary character, as in fnmatch).
size_t match_bracket(std::string_view pattern, size_t p, char c, bool casefold, bool& matched) {
  size_t i = p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool hit = false;
  bool first = true;
  while (i < pattern.size() && (first || pattern[i] != ']')) {
    first = false;
    char lo = pattern[i];
    if (lo == '\\' && i + 1 < pattern.size()) lo = pattern[++i];
    char hi = lo;
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      hi = pattern[i + 2];
      i += 2;
    }
    char fc = fold(c, casefold);
    if ((c >= lo && c <= hi) || (fc >= fold(lo, casefold) && fc <= fold(hi, casefold))) hit = true;
    ++i;
  }
  if (i >= pattern.size()) return std::string_view::npos;
  matched = hit != negate;
  return i + 1;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text, bool casefold) {
  size_t p = 0, t = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      char pc = pattern[p];
      if (pc == '*') {
        star_p = ++p;
        star_t = t;
        continue;
      }
      if (pc == '?') {
        ++p;
        ++t;
        continue;
      }
      if (pc == '[') {
        bool matched = false;
        size_t next = match_bracket(pattern, p, text[t], casefold, matched);
        if (next != std::string_view::npos) {
          if (matched) {
            p = next;
            ++t;
            continue;
          }
        } else if (text[t] == '[') {
          ++p;
          ++t;
          continue;
        }
      } else {
        if (pc == '\\' && p + 1 < pattern.size()) pc = pattern[++p];
        if (fold(pc, casefold) == fold(text[t], casefold)) {
          ++p;
          ++t;
          continue;
        }
      }
    }
    // Mismatch: let the last '*' swallow one more character.
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool icontains(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > haystack.size()) return false;
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    size_t j = 0;
    while (j < needle.size() && fold(haystack[i + j], true) == fold(needle[j], true)) ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

namespace {

// Splits off the next non-empty '/'-separated component starting at `pos`.
std::string_view next_component(std::string_view s, size_t& pos) {
  while (pos < s.size() && s[pos] == '/') ++pos;
  size_t start = pos;
  while (pos < s.size() && s[pos] != '/') ++pos;
  return s.substr(start, pos - start);
}

}  // namespace

bool path_prefix_match(std::string_view prefix, std::string_view path) {
  size_t pp = 0, tp = 0;
  while (true) {
    std::string_view want = next_component(prefix, pp);
    if (want.empty()) return true;  // every prefix component matched
    std::string_view have = next_component(path, tp);
    if (have.empty() || !glob_match(want, have)) return false;
  }
}

}  // namespace lanner::lang
