#pragma once
// lanner's built-in default rules (rules/default.yaml), embedded in the binary at build time so
// `lanner run -- CMD` works with no -r and no files on disk.
#include <string_view>

namespace lanner::app {

inline constexpr std::string_view kDefaultRulesName = "<built-in default rules>";
std::string_view default_rules_yaml();

}  // namespace lanner::app
