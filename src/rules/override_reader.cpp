#include "rules/override_reader.h"


namespace lanner::rules {

Overrides read_overrides(YamlDecoder& yaml, const YamlNode& item, const std::set<std::string>& appendable,
                         const std::set<std::string>& replaceable) {
  Overrides out;
  const YamlNode* overrides = item.find("override");
  if (!overrides || overrides->is_null()) return out;
  if (!overrides->is_map()) {
    yaml.fail("Value of 'override' must be a mapping of keys to 'append' or 'replace'", yaml.span_of(*overrides));
  }
  for (const auto& [key_node, value_node] : overrides->entries()) {
    yaml.charge(*key_node);
    yaml.charge(*value_node);
    if (!key_node->is_scalar()) yaml.fail("Value is not a scalar value", yaml.span_of(*key_node));
    if (!value_node->is_scalar()) yaml.fail("Value is not a scalar value", yaml.span_of(*value_node));
    const std::string key(key_node->scalar());
    const std::string_view operation = value_node->scalar();
    bool can_append = appendable.contains(key);
    bool can_replace = replaceable.contains(key);
    if (operation == "append") {
      if (!can_append) {
        yaml.fail("Key '" + key + "' cannot be appended to, use 'replace' instead", yaml.span_of(*key_node));
      }
      out.append.insert(key);
    } else if (operation == "replace") {
      if (!can_replace) yaml.fail("Key '" + key + "' cannot be replaced", yaml.span_of(*key_node));
      out.replace.insert(key);
    } else {
      std::string allowed;
      if (can_append) allowed += " append";
      if (can_replace) allowed += " replace";
      yaml.fail("Invalid override operation for key '" + key + "': '" + std::string(operation) +
                    "'. Allowed values are:" + (allowed.empty() ? std::string(" none") : allowed),
                yaml.span_of(*value_node));
    }
  }
  return out;
}

}  // namespace lanner::rules
