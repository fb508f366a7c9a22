#pragma once
// Diagnostics: what every loader stage reports instead of throwing past its boundary.
// Codes are Falco's names (falco_load_result.h) so users and tooling recognise them.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "common/source_span.h"

namespace lanner {

enum class Severity { kWarning, kError };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;        // e.g. "LOAD_ERR_COMPILE_CONDITION", "LOAD_UNKNOWN_FILTER"
  std::string message;     // one line, no trailing period needed
  SourceSpan span;         // where; may be unknown
  std::string source_line; // the text of span.line, for the caret rendering; may be empty
  std::string item;        // "rule 'Read sensitive file'", "macro 'open_read'"; may be empty
};

// Ordered collection of diagnostics for one load. Not thread-safe; owned by the loading call.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(std::string code, std::string message, SourceSpan span = {});
  void warning(std::string code, std::string message, SourceSpan span = {});
  void append(const Diagnostics& other);

  bool has_errors() const;
  size_t error_count() const;
  size_t warning_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

// "file:line:col: error: message [CODE]" followed by the source line and a caret under the column.
std::string render_text(const Diagnostic& d);
std::string render_text(const Diagnostics& ds);

// Falco's human short description for a code, e.g. "Error parsing YAML"; empty if unknown.
std::string_view code_description(std::string_view code);

// Falco's JSON shape for one diagnostic (falco_load_result as_json):
// {"code","codedesc","message","context":{"locations":[{"item_type","item_name",
//  "position":{"name","line","column","offset"}}],"snippet"}}. Lines/columns are 1-based.
// `content` (the file's text, may be empty) gives byte offsets.
nlohmann::json to_falco_json(const Diagnostic& d, std::string_view content = {});

// One entry of Falco's {"falco_load_results":[...]}: {"name","successful","errors","warnings"}
// built from the diagnostics that belong to that file.
nlohmann::json falco_load_result_json(const std::string& name, const std::vector<Diagnostic>& diagnostics,
                                      std::string_view content = {});

}  // namespace lanner
