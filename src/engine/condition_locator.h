#pragma once
// Maps a byte span inside a condition text back to a file position. Conditions reach the engine
// after list substitution and exception expansion, and YAML folds block scalars, so offsets do
// not translate directly: the text at the span is searched in the file from the condition's
// start (same occurrence count); failing that, the condition text itself becomes the snippet.
#include <string>

#include "common/source_span.h"
#include "engine/ruleset_builder.h"
#include "lang/ast.h"
#include "rules/rule_document.h"

namespace lanner::engine {

struct Location {
  SourceSpan span;
  std::string source_line;
};

Location locate(const rules::ConditionText& condition, lang::Span at, const SourceContents* sources);

// Same for a span in a rule's output text (output_span points at the YAML value).
Location locate_in_text(const std::string& text, const SourceSpan& text_span, lang::Span at,
                        const SourceContents* sources);

}  // namespace lanner::engine
