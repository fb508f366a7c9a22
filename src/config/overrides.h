#pragma once
// `-o key=value` overrides, applied to the parsed YAML tree before decoding (as Falco does).
// Keys are dotted (`file_output.enabled`) and may index lists (`append_output[0].extra_output`;
// an index equal to the list size appends). The value is parsed as YAML, so `rules_files=[a,b]`
// sets a list and `json_output=true` a boolean.
#include <string>

#include <yaml-cpp/yaml.h>

namespace lanner::config {

struct OverrideResult {
  bool ok = false;
  std::string path;   // normalised key, e.g. "append_output[0].extra_output"
  std::string error;  // what was wrong with the override, when !ok
};

// Applies one "key=value" to `root` (a map, or null which becomes a map).
OverrideResult apply_override(YAML::Node& root, const std::string& key_equals_value);

}  // namespace lanner::config
