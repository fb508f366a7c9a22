#pragma once
// Version requirements in rules files: required_engine_version and required_plugin_versions.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_items.h"

namespace lanner::rules {

struct Semver {
  uint64_t major = 0, minor = 0, patch = 0;
  auto operator<=>(const Semver&) const = default;
  std::string str() const;
};

// "x.y.z" (anything after the patch number is ignored, as libsinsp's sinsp_version does).
std::optional<Semver> parse_semver(std::string_view text);

// Falco's rule: same major and at least the required version.
bool compatible(const Semver& have, const Semver& required);

// lanner's engine version for required_engine_version (see loader.h kEngineVersion).
Semver engine_version();

// Plugins lanner provides built in, with the version it claims for requirement checks.
struct BuiltinPlugin {
  std::string_view name;
  std::string_view version;
};
const std::vector<BuiltinPlugin>& builtin_plugins();

// Empty if some alternative is satisfied by a built-in plugin, else Falco's error message.
std::string check_plugin_requirement(const RawPluginVersions& requirement);

}  // namespace lanner::rules
