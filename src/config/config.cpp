#include "config/config.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "config/config_decode.h"
#include "config/env_expand.h"
#include "config/overrides.h"

namespace lanner::config {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Parses the text; on a syntax error reports it and returns a null tree (defaults apply).
YAML::Node parse_yaml(const std::string& text, const ConfigOrigin& origin, Diagnostics& diags) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    Diagnostic d;
    d.code = "CONFIG_YAML_PARSE";
    d.message = "invalid YAML: " + e.msg;
    d.span.file = origin.file;
    if (!e.mark.is_null()) {
      d.span.line = static_cast<uint32_t>(e.mark.line + 1);
      d.span.column = static_cast<uint32_t>(e.mark.column + 1);
      if (d.span.line <= origin.lines.size()) d.source_line = origin.lines[d.span.line - 1];
    }
    diags.add(std::move(d));
  } catch (const YAML::Exception& e) {
    diags.error("CONFIG_YAML_PARSE", "invalid YAML: " + e.msg, SourceSpan{origin.file});
  }
  return YAML::Node();
}

// Applies the -o overrides, then decodes the tree.
Config decode_tree(YAML::Node& root, ConfigOrigin& origin, const std::vector<std::string>& overrides,
                   Diagnostics& diags) {
  for (const auto& text : overrides) {
    OverrideResult r = apply_override(root, text);
    if (!r.ok) {
      diags.error("CONFIG_BAD_OVERRIDE", r.error, SourceSpan{"option -o " + text});
      continue;
    }
    origin.overrides.emplace_back(r.path, text);
  }
  Config config;
  // Records every variable the configuration looked up, set or not (see expanded_env_vars).
  std::vector<std::string> looked_up;
  EnvLookup environment = [&looked_up, lookup = process_environment()](const std::string& name) {
    if (std::find(looked_up.begin(), looked_up.end(), name) == looked_up.end()) {
      looked_up.push_back(name);
    }
    return lookup(name);
  };
  decode_config(root, origin, environment, config, diags);
  config.expanded_env_vars = std::move(looked_up);
  return config;
}

Config load_tree(YAML::Node root, ConfigOrigin origin, const std::vector<std::string>& overrides,
                 Diagnostics& diags) {
  try {
    return decode_tree(root, origin, overrides, diags);
  } catch (const std::exception& e) {
    // yaml-cpp reports misuse by throwing; nothing escapes load_config.
    diags.error("CONFIG_BAD_VALUE", std::string("cannot read the configuration: ") + e.what(),
                SourceSpan{origin.file});
    return Config{};
  }
}

}  // namespace

Config load_config_text(const std::string& text, const std::string& name,
                        const std::vector<std::string>& overrides, Diagnostics& diags) {
  ConfigOrigin origin{name, split_lines(text), {}};
  YAML::Node root = parse_yaml(text, origin, diags);
  return load_tree(root, std::move(origin), overrides, diags);
}

Config load_config(const std::string& path, const std::vector<std::string>& overrides,
                   Diagnostics& diags) {
  if (path.empty()) return load_tree(YAML::Node(), ConfigOrigin{}, overrides, diags);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error("CONFIG_FILE_READ", "cannot read configuration file", SourceSpan{path});
    return load_tree(YAML::Node(), ConfigOrigin{}, overrides, diags);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_config_text(text.str(), path, overrides, diags);
}

std::optional<rules::Priority> parse_priority(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, rules::Priority>, 9> kNames{{
      {"emergency", rules::Priority::kEmergency},
      {"alert", rules::Priority::kAlert},
      {"critical", rules::Priority::kCritical},
      {"error", rules::Priority::kError},
      {"warning", rules::Priority::kWarning},
      {"notice", rules::Priority::kNotice},
      {"informational", rules::Priority::kInformational},
      {"info", rules::Priority::kInformational},
      {"debug", rules::Priority::kDebug},
  }};
  std::string lowered(text);
  for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [name, prio] : kNames) {
    if (name == lowered) return prio;
  }
  return std::nullopt;
}

}  // namespace lanner::config
