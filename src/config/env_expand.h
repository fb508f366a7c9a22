#pragma once
// ${VAR} expansion in configuration values, with Falco's rules: `${VAR}` becomes the variable's
// value (empty if unset), `$${VAR}` is the escape for a literal `${VAR}`, any other `$` is kept.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace lanner::config {

// Looks a variable up; nullopt if unset. Injected so tests need not touch the real environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

EnvLookup process_environment();

// Returns `value` expanded. An unterminated `${` is kept literally.
std::string expand_env(std::string_view value, const EnvLookup& lookup);

}  // namespace lanner::config
