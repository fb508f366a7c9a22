#pragma once
// Maps a byte span inside a condition text back to a file position. Conditions reach the engine
// after list substitution and exception expansion, and YAML folds block scalars, so offsets do
// not translate directly: the text at the span is searched in the file from the condition's
// start (same occurrence count); failing that, the condition text itself becomes the snippet.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/source_span.h"
#include "engine/ruleset_builder.h"
#include "lang/ast.h"
#include "rules/rule_document.h"

namespace lanner::engine {

// A rules file's text (owned by the caller) and where its lines start, so each diagnostic finds
// its line without rescanning the file from the top.
class SourceFile {
 public:
  explicit SourceFile(std::string_view content);
  std::string_view content() const { return content_; }
  // Byte offset of 1-based (line, column), clamped to the end; npos when the line does not exist.
  size_t offset_of(uint32_t line, uint32_t column) const;
  // Index (0-based) of the line holding byte `offset`, and that line's first byte.
  size_t line_index(size_t offset) const;
  size_t line_start(size_t index) const { return line_starts_[index]; }

 private:
  std::string_view content_;
  std::vector<size_t> line_starts_;  // line_starts_[i]: first byte of line i + 1
};

struct Location {
  SourceSpan span;
  std::string source_line;
};

Location locate(const rules::ConditionText& condition, lang::Span at, const SourceContents* sources);

// Same for a span in a rule's output text (output_span points at the YAML value).
Location locate_in_text(const std::string& text, const SourceSpan& text_span, lang::Span at,
                        const SourceContents* sources);

}  // namespace lanner::engine
