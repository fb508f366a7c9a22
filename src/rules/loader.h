#pragma once
// Public entry of the rules-file stage: rule file paths/texts -> merged RuleDocument + Diagnostics.
// Pipeline (one file each): yaml_reader (YAML -> raw items with spans) -> collector (merge across
// files: define / append / override / enable) -> list_expansion + exception_expansion (Falco's
// textual rewriting of conditions) -> RuleDocument. Pure functions of their inputs; never throw.
// Thread-safety: no shared state; concurrent calls with different arguments are fine.
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "rules/rule_document.h"

namespace lanner::rules {

// One rules file's content and the name used for it in diagnostics (usually its path).
struct SourceText {
  std::string name;
  std::string content;
};

// The engine version lanner claims for `required_engine_version` checks (Falco 0.44 level).
inline constexpr const char* kEngineVersion = "0.62.0";

// Expands directories (their .yaml/.yml files, alphabetically) and reads every file in order.
// A missing or unreadable path adds an error diagnostic and is left out of the result.
std::vector<SourceText> read_rule_paths(const std::vector<std::string>& paths, Diagnostics& diags);

// Reads, validates and merges the files in order into the final document. Never throws.
// Every problem becomes a diagnostic (file:line:col, Falco code); the first error in a file stops
// reading that file. Check diags.has_errors() before using the document.
RuleDocument load_document(const std::vector<SourceText>& files, Diagnostics& diags);

}  // namespace lanner::rules
