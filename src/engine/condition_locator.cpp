#include "engine/condition_locator.h"

#include <algorithm>

namespace lanner::engine {

namespace {

size_t count_occurrences(std::string_view hay, std::string_view needle, size_t limit) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string_view::npos && at < limit; at = hay.find(needle, at + 1)) ++n;
  return n;
}

// Where `offset` is, given the first byte and 1-based number of its line.
Location location(std::string_view content, size_t offset, size_t line_start, uint32_t line, std::string file,
                  uint32_t length) {
  Location loc;
  size_t line_end = content.find('\n', offset);
  if (line_end == std::string_view::npos) line_end = content.size();
  loc.span.file = std::move(file);
  loc.span.line = line;
  loc.span.column = static_cast<uint32_t>(offset - line_start + 1);
  loc.span.length = std::max<uint32_t>(1, std::min<uint32_t>(length, static_cast<uint32_t>(line_end - offset)));
  loc.source_line = std::string(content.substr(line_start, line_end - line_start));
  return loc;
}

Location at_offset(std::string_view content, size_t offset, std::string file, uint32_t length) {
  size_t line_start = content.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = (line_start == std::string_view::npos || offset == 0) ? 0 : line_start + 1;
  auto line = static_cast<uint32_t>(std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(line_start), '\n') + 1);
  return location(content, offset, line_start, line, std::move(file), length);
}

Location at_offset(const SourceFile& source, size_t offset, std::string file, uint32_t length) {
  size_t index = source.line_index(offset);
  return location(source.content(), offset, source.line_start(index), static_cast<uint32_t>(index + 1), std::move(file),
                  length);
}

// The condition text's own line as snippet, positioned relative to the YAML value.
Location fallback(const std::string& text, const SourceSpan& base, lang::Span at) {
  size_t offset = std::min<size_t>(at.offset, text.size());
  Location loc = at_offset(text, offset, base.file, at.length);
  uint32_t text_line = loc.span.line;
  loc.span.line = base.known() ? base.line + text_line - 1 : 0;
  if (!base.known()) loc.span.column = 0;
  return loc;
}

}  // namespace

SourceFile::SourceFile(std::string_view content) : content_(content) {
  line_starts_.push_back(0);
  for (size_t pos = content.find('\n'); pos != std::string_view::npos; pos = content.find('\n', pos + 1)) {
    line_starts_.push_back(pos + 1);
  }
}

size_t SourceFile::offset_of(uint32_t line, uint32_t column) const {
  size_t index = line > 0 ? line - 1 : 0;
  if (index >= line_starts_.size()) return std::string_view::npos;
  return std::min(content_.size(), line_starts_[index] + (column > 0 ? column - 1 : 0));
}

size_t SourceFile::line_index(size_t offset) const {
  // The last line starting at or before `offset` (line_starts_[0] is 0, so there is one).
  auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<size_t>(after - line_starts_.begin()) - 1;
}

Location locate_in_text(const std::string& text, const SourceSpan& text_span, lang::Span at,
                        const SourceContents* sources) {
  size_t offset = std::min<size_t>(at.offset, text.size());
  // Errors at the very end point at the last character of the text.
  if (offset >= text.size() && !text.empty()) offset = text.size() - 1;
  size_t length = std::max<size_t>(1, std::min<size_t>(at.length, text.size() - offset));
  std::string_view needle = std::string_view(text).substr(offset, length);
  if (sources && text_span.known() && !needle.empty()) {
    auto it = sources->find(text_span.file);
    if (it != sources->end()) {
      std::string_view content = it->second.content();
      size_t start = it->second.offset_of(text_span.line, text_span.column);
      size_t nth = count_occurrences(text, needle, offset);
      // Stay within the item: a condition's text cannot be much longer in the file.
      size_t window_end = std::min(content.size(), start + text.size() * 2 + 256);
      size_t found = start;
      for (size_t k = 0; found != std::string_view::npos; ++k) {
        found = content.find(needle, k == 0 ? start : found + 1);
        if (found == std::string_view::npos || found + needle.size() > window_end) break;
        if (k == nth) return at_offset(it->second, found, text_span.file, static_cast<uint32_t>(length));
      }
    }
  }
  return fallback(text, text_span, lang::Span{static_cast<uint32_t>(offset), static_cast<uint32_t>(length)});
}

Location locate(const rules::ConditionText& condition, lang::Span at, const SourceContents* sources) {
  return locate_in_text(condition.text, condition.span, at, sources);
}

}  // namespace lanner::engine
