#include "rules/versions.h"

#include <charconv>

#include "rules/loader.h"

namespace lanner::rules {

namespace {

// Reads one decimal number at the front of `text`, advancing it.
std::optional<uint64_t> take_number(std::string_view& text) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end == text.data()) return std::nullopt;
  text.remove_prefix(static_cast<size_t>(end - text.data()));
  return value;
}

bool take_dot(std::string_view& text) {
  if (text.empty() || text.front() != '.') return false;
  text.remove_prefix(1);
  return true;
}

}  // namespace

std::string Semver::str() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<Semver> parse_semver(std::string_view text) {
  auto major = take_number(text);
  if (!major || !take_dot(text)) return std::nullopt;
  auto minor = take_number(text);
  if (!minor || !take_dot(text)) return std::nullopt;
  auto patch = take_number(text);
  if (!patch) return std::nullopt;
  return Semver{*major, *minor, *patch};
}

bool compatible(const Semver& have, const Semver& required) {
  return have.major == required.major && have >= required;
}

Semver engine_version() { return *parse_semver(kEngineVersion); }

const std::vector<BuiltinPlugin>& builtin_plugins() {
  // container.* / k8s.* fields are served by lanner's own event model.
  static const std::vector<BuiltinPlugin> kPlugins{{"container", "0.4.0"}};
  return kPlugins;
}

std::string check_plugin_requirement(const RawPluginVersions& requirement) {
  for (const auto& alt : requirement.alternatives) {
    for (const auto& plugin : builtin_plugins()) {
      if (plugin.name != alt.name) continue;
      auto have = parse_semver(plugin.version);
      auto want = parse_semver(alt.version);
      if (have && want && compatible(*have, *want)) return {};
      return "Plugin '" + alt.name + "' version '" + std::string(plugin.version) +
             "' is not compatible with required plugin version '" + alt.version + "'";
    }
  }
  std::string message = "Plugin requirement not satisfied, must load one of: ";
  for (size_t i = 0; i < requirement.alternatives.size(); ++i) {
    const auto& alt = requirement.alternatives[i];
    message += (i > 0 ? ", " : "") + alt.name + " (>= " + alt.version + ")";
  }
  return message;
}

}  // namespace lanner::rules
