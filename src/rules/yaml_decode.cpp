#include "rules/yaml_decode.h"

#include "rules/yaml_access.h"

namespace lanner::rules {

SourceSpan YamlDecoder::span_of(const YAML::Node& node) const {
  SourceSpan span{file_.name, 0, 0, 0};
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0 || mark.column < 0) return span;
  span.line = static_cast<uint32_t>(mark.line) + 1;
  span.column = static_cast<uint32_t>(mark.column) + 1;
  if (node.IsScalar() && mark.pos >= 0) {
    const std::string& text = node.Scalar();
    auto pos = static_cast<size_t>(mark.pos);
    bool verbatim = !text.empty() && text.find('\n') == std::string::npos &&
                    file_.content.compare(pos, text.size(), text) == 0;
    if (verbatim) span.length = static_cast<uint32_t>(text.size());
  }
  return span;
}

SourceSpan YamlDecoder::key_span(const YAML::Node& map, const std::string& key) const {
  if (map.IsMap()) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == key) return span_of(it->first);
    }
  }
  return span_of(map);
}

void YamlDecoder::fail(const std::string& message, const SourceSpan& where) const {
  throw LoadError{kYamlValidate, message, where, item_};
}

void YamlDecoder::fail_validate(const std::string& message, const SourceSpan& where) const {
  throw LoadError{kValidate, message, where, item_};
}

void YamlDecoder::charge(const YAML::Node& node) {
  if (!budget_.charge(1, node.IsScalar() ? node.Scalar().size() : 0)) budget_.fail_exhausted(span_of(node));
}

std::optional<YAML::Node> YamlDecoder::scalar_node(const YAML::Node& map, const std::string& key,
                                                   bool required) {
  const YAML::Node value = map_value(map, key);
  if (!value.IsDefined()) {
    if (!required) return std::nullopt;
    fail("Item has no mapping for key '" + key + "'", span_of(map));
  }
  if (value.IsNull()) fail("Mapping for key '" + key + "' is empty", key_span(map, key));
  charge(value);
  if (!value.IsScalar()) fail("Value is not a scalar value", span_of(value));
  if (value.Scalar().empty()) fail("Value must be non-empty", span_of(value));
  return value;
}

std::optional<std::string> YamlDecoder::string_value(const YAML::Node& map, const std::string& key,
                                                     bool required) {
  auto node = scalar_node(map, key, required);
  if (!node) return std::nullopt;
  return node->Scalar();
}

std::optional<bool> YamlDecoder::bool_value(const YAML::Node& map, const std::string& key, bool required) {
  auto node = scalar_node(map, key, required);
  if (!node) return std::nullopt;
  bool value = false;
  if (!YAML::convert<bool>::decode(*node, value)) fail("Can't decode YAML scalar value", span_of(*node));
  return value;
}

std::optional<uint64_t> YamlDecoder::uint_value(const YAML::Node& map, const std::string& key,
                                                bool required) {
  auto node = scalar_node(map, key, required);
  if (!node) return std::nullopt;
  uint64_t value = 0;
  if (!YAML::convert<uint64_t>::decode(*node, value)) fail("Can't decode YAML scalar value", span_of(*node));
  return value;
}

std::optional<std::vector<std::string>> YamlDecoder::string_sequence(const YAML::Node& map,
                                                                     const std::string& key, bool required) {
  const YAML::Node value = map_value(map, key);
  if (!value.IsDefined()) {
    if (!required) return std::nullopt;
    fail("Item has no mapping for key '" + key + "'", span_of(map));
  }
  if (value.IsNull()) fail("Mapping for key '" + key + "' is empty", key_span(map, key));
  if (!value.IsSequence()) fail("Value is not a sequence", span_of(value));
  budget_.check_list_size(value.size(), span_of(value));
  std::vector<std::string> out;
  out.reserve(value.size());
  for (const auto& entry : value) {
    charge(entry);
    if (!entry.IsScalar()) fail("sequence value is not scalar", span_of(entry));
    out.push_back(entry.Scalar());
  }
  return out;
}

std::vector<std::pair<std::string, SourceSpan>> YamlDecoder::unknown_keys(const YAML::Node& map,
                                                                          const std::set<std::string>& known) {
  std::vector<std::pair<std::string, SourceSpan>> out;
  for (auto it = map.begin(); it != map.end(); ++it) {
    charge(it->first);
    std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string("<non-scalar key>");
    if (!known.contains(key)) out.emplace_back(key, span_of(it->first));
  }
  return out;
}

}  // namespace lanner::rules
