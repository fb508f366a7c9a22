#include "rules/override_reader.h"

#include "rules/yaml_access.h"

namespace lanner::rules {

Overrides read_overrides(YamlDecoder& yaml, const YAML::Node& item, const std::set<std::string>& appendable,
                         const std::set<std::string>& replaceable) {
  Overrides out;
  const YAML::Node overrides = map_value(item, "override");
  if (!overrides.IsDefined() || overrides.IsNull()) return out;
  if (!overrides.IsMap()) {
    yaml.fail("Value of 'override' must be a mapping of keys to 'append' or 'replace'", yaml.span_of(overrides));
  }
  for (auto it = overrides.begin(); it != overrides.end(); ++it) {
    yaml.charge(it->first);
    yaml.charge(it->second);
    if (!it->first.IsScalar()) yaml.fail("Value is not a scalar value", yaml.span_of(it->first));
    if (!it->second.IsScalar()) yaml.fail("Value is not a scalar value", yaml.span_of(it->second));
    const std::string& key = it->first.Scalar();
    const std::string& operation = it->second.Scalar();
    bool can_append = appendable.contains(key);
    bool can_replace = replaceable.contains(key);
    if (operation == "append") {
      if (!can_append) {
        yaml.fail("Key '" + key + "' cannot be appended to, use 'replace' instead", yaml.span_of(it->first));
      }
      out.append.insert(key);
    } else if (operation == "replace") {
      if (!can_replace) yaml.fail("Key '" + key + "' cannot be replaced", yaml.span_of(it->first));
      out.replace.insert(key);
    } else {
      std::string allowed;
      if (can_append) allowed += " append";
      if (can_replace) allowed += " replace";
      yaml.fail("Invalid override operation for key '" + key + "': '" + operation +
                    "'. Allowed values are:" + (allowed.empty() ? std::string(" none") : allowed),
                yaml.span_of(it->second));
    }
  }
  return out;
}

}  // namespace lanner::rules
