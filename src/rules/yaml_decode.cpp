#include "rules/yaml_decode.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>

namespace lanner::rules {

namespace {

bool all_in(std::string_view text, char low, char high) {
  for (char c : text) {
    if (c < low || c > high) return false;
  }
  return true;
}

// yaml-cpp's "flexible case": all lower, or an upper first letter and the rest all lower or all upper.
bool flexible_case(std::string_view text) {
  if (text.empty() || all_in(text, 'a', 'z')) return true;
  std::string_view rest = text.substr(1);
  return all_in(text.substr(0, 1), 'A', 'Z') && (all_in(rest, 'a', 'z') || all_in(rest, 'A', 'Z'));
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::optional<bool> decode_bool(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kNames{
      {{"y", "n"}, {"yes", "no"}, {"true", "false"}, {"on", "off"}}};
  if (!flexible_case(text)) return std::nullopt;
  std::string lower = lower_ascii(text);
  for (const auto& [yes, no] : kNames) {
    if (lower == yes) return true;
    if (lower == no) return false;
  }
  return std::nullopt;
}

std::optional<uint64_t> decode_uint(std::string_view text) {
  // Like a stream without skipws: no leading space, no sign but '+', the base from the prefix.
  if (text.empty() || is_space(text[0]) || text[0] == '-') return std::nullopt;
  std::string copy(text);
  errno = 0;
  char* end = nullptr;
  unsigned long long value = std::strtoull(copy.c_str(), &end, 0);
  if (end == copy.c_str() || errno == ERANGE) return std::nullopt;
  std::string_view rest = text.substr(static_cast<size_t>(end - copy.c_str()));
  for (char c : rest) {
    if (!is_space(c)) return std::nullopt;  // also an embedded NUL, where strtoull stopped
  }
  return static_cast<uint64_t>(value);
}

SourceSpan YamlDecoder::span_of(const YamlNode& node) const {
  const YamlMark& mark = node.mark();
  SourceSpan span{file_.name, mark.line + 1, mark.column + 1, 0};
  if (node.is_scalar()) {
    std::string_view text = node.scalar();
    std::string_view content = file_.content;
    bool verbatim = !text.empty() && text.find('\n') == std::string_view::npos && mark.offset <= content.size() &&
                    content.substr(mark.offset).starts_with(text);
    if (verbatim) span.length = static_cast<uint32_t>(text.size());
  }
  return span;
}

SourceSpan YamlDecoder::key_span(const YamlNode& map, std::string_view key) const {
  for (const YamlEntry& entry : map.entries()) {
    if (entry.key->is_scalar() && entry.key->scalar() == key) return span_of(*entry.key);
  }
  return span_of(map);
}

void YamlDecoder::fail(const std::string& message, const SourceSpan& where) const {
  throw LoadError{kYamlValidate, message, where, item_};
}

void YamlDecoder::fail_validate(const std::string& message, const SourceSpan& where) const {
  throw LoadError{kValidate, message, where, item_};
}

void YamlDecoder::charge(const YamlNode& node, uint64_t extra_nodes) {
  if (!budget_.charge(1 + extra_nodes, node.scalar().size())) budget_.fail_exhausted(span_of(node));
}

void YamlDecoder::fail_missing(const YamlNode& map, std::string_view key) const {
  fail("Item has no mapping for key '" + std::string(key) + "'", span_of(map));
}

void YamlDecoder::fail_empty(const YamlNode& map, std::string_view key) const {
  fail("Mapping for key '" + std::string(key) + "' is empty", key_span(map, key));
}

const YamlNode* YamlDecoder::scalar_node(const YamlNode& map, std::string_view key, bool required) {
  const YamlNode* value = map.find(key);
  if (!value) {
    if (!required) return nullptr;
    fail_missing(map, key);
  }
  if (value->is_null()) fail_empty(map, key);
  charge(*value);
  if (!value->is_scalar()) fail("Value is not a scalar value", span_of(*value));
  if (value->scalar().empty()) fail("Value must be non-empty", span_of(*value));
  return value;
}

std::optional<std::string> YamlDecoder::string_value(const YamlNode& map, std::string_view key, bool required) {
  const YamlNode* node = scalar_node(map, key, required);
  if (!node) return std::nullopt;
  return std::string(node->scalar());
}

std::optional<bool> YamlDecoder::bool_value(const YamlNode& map, std::string_view key, bool required) {
  const YamlNode* node = scalar_node(map, key, required);
  if (!node) return std::nullopt;
  auto value = decode_bool(node->scalar());
  if (!value) fail("Can't decode YAML scalar value", span_of(*node));
  return value;
}

std::optional<uint64_t> YamlDecoder::uint_value(const YamlNode& map, std::string_view key, bool required) {
  const YamlNode* node = scalar_node(map, key, required);
  if (!node) return std::nullopt;
  auto value = decode_uint(node->scalar());
  if (!value) fail("Can't decode YAML scalar value", span_of(*node));
  return value;
}

std::optional<std::vector<std::string>> YamlDecoder::string_sequence(const YamlNode& map, std::string_view key,
                                                                     bool required) {
  const YamlNode* value = map.find(key);
  if (!value) {
    if (!required) return std::nullopt;
    fail_missing(map, key);
  }
  if (value->is_null()) fail_empty(map, key);
  if (!value->is_sequence()) fail("Value is not a sequence", span_of(*value));
  budget_.check_list_size(value->size(), span_of(*value));
  std::vector<std::string> out;
  out.reserve(value->size());
  for (const YamlNode* entry : value->items()) {
    charge(*entry);
    if (!entry->is_scalar()) fail("sequence value is not scalar", span_of(*entry));
    out.emplace_back(entry->scalar());
  }
  return out;
}

std::vector<std::pair<std::string, SourceSpan>> YamlDecoder::unknown_keys(
    const YamlNode& map, std::span<const std::string_view> known) {
  std::vector<std::pair<std::string, SourceSpan>> out;
  for (const YamlEntry& entry : map.entries()) {
    charge(*entry.key);
    std::string_view key = entry.key->is_scalar() ? entry.key->scalar() : std::string_view("<non-scalar key>");
    if (std::find(known.begin(), known.end(), key) == known.end()) out.emplace_back(std::string(key), span_of(*entry.key));
  }
  return out;
}

}  // namespace lanner::rules
