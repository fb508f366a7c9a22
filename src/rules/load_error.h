#pragma once
// The exception the rules stages throw internally; each stage's public entry turns it into a
// Diagnostic (house rule 4). Never escapes lanner_rules.
#include <string>
#include <utility>

#include "common/diagnostic.h"
#include "common/source_span.h"

namespace lanner::rules {

inline constexpr const char* kYamlValidate = "LOAD_ERR_YAML_VALIDATE";
inline constexpr const char* kValidate = "LOAD_ERR_VALIDATE";

struct LoadError {
  std::string code;
  std::string message;
  SourceSpan span;
  std::string item;  // "rule 'X'", "list 'y'"...; may be empty

  Diagnostic to_diagnostic() const { return {Severity::kError, code, message, span, {}, item}; }
};

// "rule 'Write below etc'" etc.: how diagnostics name the item they are about.
inline std::string item_label(const std::string& kind, const std::string& name) {
  return name.empty() ? kind : kind + " '" + name + "'";
}

}  // namespace lanner::rules
