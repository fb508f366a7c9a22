#include "common/diagnostic.h"

#include <algorithm>
#include <array>
#include <utility>

#include <nlohmann/json.hpp>

namespace lanner {

void Diagnostics::error(std::string code, std::string message, SourceSpan span) {
  add({Severity::kError, std::move(code), std::move(message), std::move(span), {}, {}});
}

void Diagnostics::warning(std::string code, std::string message, SourceSpan span) {
  add({Severity::kWarning, std::move(code), std::move(message), std::move(span), {}, {}});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

size_t Diagnostics::error_count() const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kError;
  }));
}

size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

std::string render_text(const Diagnostic& d) {
  std::string out;
  if (!d.span.file.empty()) {
    out += d.span.file;
    if (d.span.known()) out += ":" + std::to_string(d.span.line) + ":" + std::to_string(d.span.column);
    out += ": ";
  }
  out += d.severity == Severity::kError ? "error: " : "warning: ";
  if (!d.item.empty()) out += d.item + ": ";
  out += d.message;
  out += " [" + d.code + "]\n";
  if (!d.source_line.empty() && d.span.column > 0) {
    out += "  " + d.source_line + "\n  ";
    // Keep tabs so the caret lines up under tab-indented source.
    for (uint32_t i = 0; i + 1 < d.span.column && i < d.source_line.size(); ++i) {
      out += d.source_line[i] == '\t' ? '\t' : ' ';
    }
    out += std::string(std::max<uint32_t>(1, d.span.length), '^');
    out += "\n";
  }
  return out;
}

std::string render_text(const Diagnostics& ds) {
  std::string out;
  for (const auto& d : ds.items()) out += render_text(d);
  return out;
}

std::string_view code_description(std::string_view code) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kTable{{
      {"LOAD_ERR_FILE_READ", "Could not read file"},
      {"LOAD_ERR_YAML_PARSE", "Error parsing YAML"},
      {"LOAD_ERR_YAML_VALIDATE", "Error validating internal structure of YAML file"},
      {"LOAD_ERR_COMPILE_CONDITION", "Error compiling condition"},
      {"LOAD_ERR_COMPILE_OUTPUT", "Error compiling output"},
      {"LOAD_ERR_VALIDATE", "Error validating rule/macro/list/exception objects"},
      {"LOAD_ERR_EXTENSION", "Error in extension item"},
      {"LOAD_UNKNOWN_SOURCE", "Unknown source"},
      {"LOAD_UNSAFE_NA_CHECK", "Unsafe <NA> comparison in condition"},
      {"LOAD_NO_EVTTYPE", "Condition has no event-type restriction"},
      {"LOAD_UNKNOWN_FILTER", "Unknown field or event-type in condition or output"},
      {"LOAD_UNUSED_MACRO", "Unused macro"},
      {"LOAD_UNUSED_LIST", "Unused list"},
      {"LOAD_UNKNOWN_ITEM", "Unknown rules file item"},
      {"LOAD_DEPRECATED_ITEM", "Used deprecated item"},
      {"LOAD_WARNING_EXTENSION", "Warning in extension item"},
      {"LOAD_APPEND_NO_VALUES", "Overriding/appending with no values"},
      {"LOAD_EXCEPTION_NAME_NOT_UNIQUE", "Multiple exceptions defined with the same name"},
      {"LOAD_INVALID_MACRO_NAME", "Invalid macro name"},
      {"LOAD_INVALID_LIST_NAME", "Invalid list name"},
      {"LOAD_COMPILE_CONDITION", "Warning in rule condition"},
      {"LOAD_UNKNOWN_KEY", "Unknown key in rules file item"},
      {"LOAD_ERR_FILE_NOT_FOUND", "Rules file not found"},
      {"LOAD_SKIPPED_SOURCE", "Items of an unsupported source were skipped"},
  }};
  for (const auto& [c, desc] : kTable) {
    if (c == code) return desc;
  }
  return {};
}

namespace {

// Byte offset of 1-based line/column in `content`, or 0 when unknown.
size_t offset_of(std::string_view content, const SourceSpan& span) {
  if (content.empty() || !span.known()) return 0;
  size_t pos = 0;
  for (uint32_t line = 1; line < span.line; ++line) {
    pos = content.find('\n', pos);
    if (pos == std::string_view::npos) return 0;
    ++pos;
  }
  return std::min(content.size(), pos + (span.column > 0 ? span.column - 1 : 0));
}

// "rule 'Write below etc'" -> {"rule", "Write below etc"}; a bare kind has no name.
std::pair<std::string, std::string> split_item(const std::string& item) {
  auto quote = item.find(" '");
  if (quote == std::string::npos || item.back() != '\'') return {item, ""};
  return {item.substr(0, quote), item.substr(quote + 2, item.size() - quote - 3)};
}

nlohmann::json position_json(const SourceSpan& span, std::string_view content) {
  return {{"name", span.file},
          {"line", span.line},
          {"column", span.column},
          {"offset", offset_of(content, span)}};
}

}  // namespace

nlohmann::json to_falco_json(const Diagnostic& d, std::string_view content) {
  nlohmann::json locations = nlohmann::json::array();
  locations.push_back({{"item_type", "rules content"}, {"item_name", ""},
                       {"position", position_json({d.span.file, 1, 1, 0}, content)}});
  if (!d.item.empty() || d.span.known()) {
    auto [type, name] = split_item(d.item);
    locations.push_back({{"item_type", type}, {"item_name", name}, {"position", position_json(d.span, content)}});
  }
  std::string snippet;
  if (!d.source_line.empty()) {
    snippet = d.source_line + "\n";
    for (uint32_t i = 0; i + 1 < d.span.column && i < d.source_line.size(); ++i) {
      snippet += d.source_line[i] == '\t' ? '\t' : ' ';
    }
    snippet += std::string(std::max<uint32_t>(1, d.span.length), '^') + "\n";
  }
  return {{"code", d.code},
          {"codedesc", std::string(code_description(d.code))},
          {"message", d.message},
          {"context", {{"locations", locations}, {"snippet", snippet}}}};
}

nlohmann::json falco_load_result_json(const std::string& name, const std::vector<Diagnostic>& diagnostics,
                                      std::string_view content) {
  nlohmann::json errors = nlohmann::json::array();
  nlohmann::json warnings = nlohmann::json::array();
  for (const auto& d : diagnostics) {
    (d.severity == Severity::kError ? errors : warnings).push_back(to_falco_json(d, content));
  }
  bool successful = errors.empty();
  return {{"name", name}, {"successful", successful}, {"errors", errors}, {"warnings", warnings}};
}

}  // namespace lanner
