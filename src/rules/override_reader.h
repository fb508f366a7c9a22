#pragma once
// Reads an item's `override:` mapping ({key: append|replace}) with Falco's checks.
#include <set>
#include <string>

#include "rules/yaml_tree.h"

#include "rules/yaml_decode.h"

namespace lanner::rules {

struct Overrides {
  std::set<std::string> append;
  std::set<std::string> replace;
  bool empty() const { return append.empty() && replace.empty(); }
};

// `appendable`/`replaceable`: the keys this item kind allows for each operation.
Overrides read_overrides(YamlDecoder& yaml, const YamlNode& item, const std::set<std::string>& appendable,
                         const std::set<std::string>& replaceable);

// The shared message for `append: true` combined with `override:`.
inline constexpr const char* kOverrideWithAppend =
    "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. "
    "'condition: append') under 'override' instead.";

inline constexpr const char* kAppendDeprecated =
    "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under "
    "'override' instead.";

}  // namespace lanner::rules
