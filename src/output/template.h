#pragma once
// Falco output templates: literal text with `%field` tokens, compiled once at load time against a
// FieldCatalog and rendered per alert from a FieldSource.
//
// Token syntax (libsinsp's eventformatter): `%` [width digits] field, where field is the LONGEST
// prefix of the following name characters that the catalogue resolves (so `%proc.namex` is
// proc.name then "x"), optionally followed by `[arg]` when the field takes one. Every `%` must
// start a field: there is no escape. Rendering always behaves like Falco's `*` mode: a missing
// value prints `<NA>`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.h"
#include "lang/field_catalog.h"

namespace lanner::output {

// One piece of a compiled template: literal text, or a field with an optional fixed width.
struct TemplatePart {
  std::string literal;            // used when field.info == nullptr
  lang::FieldRef field;
  std::string field_text;         // as written after `%` and the width, e.g. "proc.aname[2]"
  uint32_t width = 0;             // 0 = natural width; else pad with spaces / truncate
  bool is_field() const { return field.info != nullptr; }
};

// Immutable once compiled; rendering is const, so one template can serve several threads, each
// with its own FieldSource.
class OutputTemplate {
 public:
  // Compiles `text`. Problems are reported to `diags` with code LOAD_ERR_COMPILE_OUTPUT (errors:
  // nullopt is returned) or LOAD_DEPRECATED_ITEM (warnings), each naming the byte offset of the
  // token in `text`; `where` is the span given to those diagnostics (the YAML `output:` value).
  static std::optional<OutputTemplate> compile(std::string_view text,
                                               const lang::FieldCatalog& catalog,
                                               Diagnostics& diags, const SourceSpan& where = {});

  // The text with every field replaced by its value (`<NA>` when missing).
  std::string render(lang::FieldSource& source) const;

  // {field text -> typed value} for JSON output_fields: numbers for numeric fields, booleans for
  // bool fields, strings otherwise, arrays for multi-valued fields, null when missing.
  // Adds to `out` (which must be an object or null).
  void render_fields(lang::FieldSource& source, nlohmann::json& out) const;

  const std::vector<TemplatePart>& parts() const { return parts_; }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::vector<TemplatePart> parts_;
};

// Text for one extracted value as Falco prints it (decimal numbers, true/false, dotted IPs).
std::string value_to_text(const lang::FieldValue& value);

// Text for all the values of a field: one value as is; several as "(a,b,c)"; none as "<NA>".
std::string values_to_text(const lang::FieldValues& values, bool present);

}  // namespace lanner::output
