#pragma once
// YAML tree (after -o overrides) -> Config. Internal to lanner_config; config.h is the API.
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "common/diagnostic.h"
#include "config/config.h"
#include "config/env_expand.h"

namespace lanner::config {

// Where the tree came from, so diagnostics can point at file:line:col, or at the -o option that
// supplied a value.
struct ConfigOrigin {
  std::string file;                 // file name used in spans; may be empty
  std::vector<std::string> lines;   // its text, for the caret rendering
  std::vector<std::pair<std::string, std::string>> overrides;  // {normalised path, "-o" text}
};

void decode_config(const YAML::Node& root, const ConfigOrigin& origin, const EnvLookup& env,
                   Config& out, Diagnostics& diags);

}  // namespace lanner::config
