#include "config/config_decode.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <limits>
#include <string_view>

#include "common/text.h"

namespace lanner::config {
namespace {

constexpr std::string_view kBadValue = "CONFIG_BAD_VALUE";
constexpr std::string_view kUnknownKey = "CONFIG_UNKNOWN_KEY";
constexpr std::string_view kUnsupportedKey = "CONFIG_UNSUPPORTED_KEY";
constexpr std::string_view kRemovedKey = "CONFIG_REMOVED_KEY";

// Falco keys of features lanner does not have (kernel drivers, plugins, gRPC, web server...).
constexpr std::array<std::string_view, 24> kUnsupportedTopLevel{
    "config_files", "watch_config_files", "engine", "load_plugins", "plugins", "plugins_hostinfo",
    "output_timeout", "syscall_event_drops", "syscall_event_timeouts", "syscall_buf_size_preset",
    "syscall_drop_failed_exit", "modern_bpf", "metrics", "base_syscalls", "falco_libs",
    "buffer_format_base64", "libs_logger", "webserver", "grpc", "grpc_output", "static_fields",
    "container_engines", "capture", "log_buffered"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string join_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

// Reads typed values out of the tree, reporting problems against the node's position.
class Decoder {
 public:
  Decoder(const ConfigOrigin& origin, const EnvLookup& env, Diagnostics& diags)
      : origin_(origin), env_(env), diags_(diags) {}

  void report(Severity severity, std::string_view code, const YAML::Node& node,
              const std::string& path, const std::string& message) {
    Diagnostic d;
    d.severity = severity;
    d.code = std::string(code);
    d.message = message;
    if (const auto* ov = override_for(path)) {
      d.span.file = "option -o " + *ov;
    } else {
      d.span.file = origin_.file;
      if (node.IsDefined() && !node.Mark().is_null()) {
        d.span.line = static_cast<uint32_t>(node.Mark().line + 1);
        d.span.column = static_cast<uint32_t>(node.Mark().column + 1);
        if (d.span.line <= origin_.lines.size()) d.source_line = origin_.lines[d.span.line - 1];
      }
    }
    diags_.add(std::move(d));
  }
  void error(const YAML::Node& node, const std::string& path, const std::string& message) {
    report(Severity::kError, kBadValue, node, path, path + ": " + message);
  }

  // Scalar text with ${ENV} expanded; nullopt (and an error) if the node is not a scalar.
  std::optional<std::string> scalar(const YAML::Node& node, const std::string& path,
                                    std::string_view expected) {
    if (!node.IsScalar()) {
      error(node, path, "expected " + std::string(expected) + ", got " + kind(node));
      return std::nullopt;
    }
    return expand_env(node.Scalar(), env_);
  }

  void read(const YAML::Node& node, const std::string& path, bool& out) {
    auto text = scalar(node, path, "a boolean (true or false)");
    if (!text) return;
    std::string v = lower(*text);
    if (v == "true" || v == "yes" || v == "on" || v == "y") {
      out = true;
    } else if (v == "false" || v == "no" || v == "off" || v == "n") {
      out = false;
    } else {
      error(node, path, "expected a boolean (true or false), got '" + *text + "'");
    }
  }

  void read(const YAML::Node& node, const std::string& path, std::string& out) {
    if (node.IsNull()) {
      out.clear();
      return;
    }
    if (auto text = scalar(node, path, "a string")) out = *text;
  }

  template <typename Unsigned>
  void read_unsigned(const YAML::Node& node, const std::string& path, Unsigned& out,
                     uint64_t min = 0) {
    auto text = scalar(node, path, "a non-negative integer");
    if (!text) return;
    uint64_t value = 0;
    bool ok = !text->empty() && text->size() <= 19 &&
              text->find_first_not_of("0123456789") == std::string::npos;
    if (ok) value = std::stoull(*text);
    if (!ok || value < min || value > std::numeric_limits<Unsigned>::max()) {
      error(node, path,
            "expected an integer between " + std::to_string(min) + " and " +
                std::to_string(std::numeric_limits<Unsigned>::max()) + ", got '" + *text + "'");
      return;
    }
    out = static_cast<Unsigned>(value);
  }

  // A sequence of strings; a single scalar is taken as a one-item list.
  void read(const YAML::Node& node, const std::string& path, std::vector<std::string>& out) {
    if (node.IsScalar()) {
      out = {expand_env(node.Scalar(), env_)};
      return;
    }
    if (node.IsNull()) {
      out.clear();
      return;
    }
    if (!node.IsSequence()) {
      error(node, path, "expected a list of strings, got " + kind(node));
      return;
    }
    std::vector<std::string> items;
    for (size_t i = 0; i < node.size(); ++i) {
      auto text = scalar(node[i], path + "[" + std::to_string(i) + "]", "a string");
      if (!text) return;
      items.push_back(*text);
    }
    out = std::move(items);
  }

  // Calls `fn(key, value, path)` for each entry of a map; keys outside `allowed` are warnings.
  void for_each_key(const YAML::Node& node, const std::string& path,
                    std::initializer_list<std::string_view> allowed,
                    const std::function<void(const std::string&, const YAML::Node&,
                                             const std::string&)>& fn) {
    if (node.IsNull()) return;
    if (!node.IsMap()) {
      error(node, path, "expected a mapping of keys, got " + kind(node));
      return;
    }
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      const std::string child_path = join_path(path, key);
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        unknown_key(entry.first, child_path, key, std::vector<std::string_view>(allowed));
        continue;
      }
      fn(key, entry.second, child_path);
    }
  }

  void unknown_key(const YAML::Node& key_node, const std::string& path, const std::string& key,
                   const std::vector<std::string_view>& candidates) {
    std::string message = "unknown key '" + path + "', ignored";
    std::string hint = closest_match(key, candidates);
    if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
    report(Severity::kWarning, kUnknownKey, key_node, path, message);
  }

  static std::string kind(const YAML::Node& node) {
    switch (node.Type()) {
      case YAML::NodeType::Null: return "nothing";
      case YAML::NodeType::Scalar: return "'" + node.Scalar() + "'";
      case YAML::NodeType::Sequence: return "a list";
      case YAML::NodeType::Map: return "a mapping";
      case YAML::NodeType::Undefined: return "nothing";
    }
    return "something else";
  }

 private:
  const std::string* override_for(const std::string& path) const {
    // The latest -o that set this path or one of its parents wins, as it was applied last.
    for (auto it = origin_.overrides.rbegin(); it != origin_.overrides.rend(); ++it) {
      const std::string& p = it->first;
      if (path == p || (starts_with(path, p) && (path[p.size()] == '.' || path[p.size()] == '[')))
        return &it->second;
    }
    return nullptr;
  }

  const ConfigOrigin& origin_;
  const EnvLookup& env_;
  Diagnostics& diags_;
};

void decode_http(Decoder& d, const YAML::Node& node, const std::string& path, HttpOutput& out) {
  d.for_each_key(node, path,
                 {"enabled", "url", "user_agent", "insecure", "ca_cert", "ca_bundle", "ca_path",
                  "mtls", "client_cert", "client_key", "echo", "compress_uploads", "keep_alive",
                  "max_consecutive_timeouts"},
                 [&](const std::string& key, const YAML::Node& v, const std::string& p) {
                   if (key == "enabled") d.read(v, p, out.enabled);
                   else if (key == "url") d.read(v, p, out.url);
                   else if (key == "user_agent") d.read(v, p, out.user_agent);
                   else if (key == "insecure") d.read(v, p, out.insecure);
                   else if (key == "ca_cert") d.read(v, p, out.ca_cert);
                   else if (key == "ca_bundle") d.read(v, p, out.ca_bundle);
                   else if (key == "ca_path") d.read(v, p, out.ca_path);
                   else if (key == "mtls") d.read(v, p, out.mtls);
                   else if (key == "client_cert") d.read(v, p, out.client_cert);
                   else if (key == "client_key") d.read(v, p, out.client_key);
                   else if (key == "echo") d.read(v, p, out.echo);
                   else if (key == "compress_uploads") d.read(v, p, out.compress_uploads);
                   else if (key == "keep_alive") d.read(v, p, out.keep_alive);
                   else d.read_unsigned(v, p, out.max_consecutive_timeouts);
                 });
}

void decode_match(Decoder& d, const YAML::Node& node, const std::string& path, AppendOutput& out) {
  d.for_each_key(node, path, {"source", "tags", "rule"},
                 [&](const std::string& key, const YAML::Node& v, const std::string& p) {
                   std::string text;
                   if (key == "tags") {
                     d.read(v, p, out.match_tags);
                   } else {
                     d.read(v, p, text);
                     (key == "source" ? out.match_source : out.match_rule) = text;
                   }
                 });
}

void decode_extra_fields(Decoder& d, const YAML::Node& node, const std::string& path,
                         AppendOutput& out) {
  if (!node.IsSequence()) {
    d.error(node, path, "expected a list of field names or {name: template} entries");
    return;
  }
  for (size_t i = 0; i < node.size(); ++i) {
    const std::string p = path + "[" + std::to_string(i) + "]";
    const YAML::Node item = node[i];
    if (item.IsScalar()) {
      out.extra_fields.emplace_back(item.Scalar(), "");
    } else if (item.IsMap() && item.size() == 1) {
      std::string tmpl;
      d.read(item.begin()->second, p + "." + item.begin()->first.Scalar(), tmpl);
      out.extra_fields.emplace_back(item.begin()->first.Scalar(), tmpl);
    } else {
      d.error(item, p, "expected a field name or a single {name: template} entry");
    }
  }
}

void decode_append_output(Decoder& d, const YAML::Node& node, const std::string& path,
                          std::vector<AppendOutput>& out) {
  if (!node.IsSequence()) {
    if (!node.IsNull()) d.error(node, path, "expected a list, got " + Decoder::kind(node));
    out.clear();
    return;
  }
  out.clear();
  for (size_t i = 0; i < node.size(); ++i) {
    AppendOutput entry;
    d.for_each_key(node[i], path + "[" + std::to_string(i) + "]",
                   {"match", "extra_output", "extra_fields", "suggested_output"},
                   [&](const std::string& key, const YAML::Node& v, const std::string& p) {
                     if (key == "match") decode_match(d, v, p, entry);
                     else if (key == "extra_output") d.read(v, p, entry.extra_output);
                     else if (key == "extra_fields") decode_extra_fields(d, v, p, entry);
                     else d.read(v, p, entry.suggested_output);
                   });
    out.push_back(std::move(entry));
  }
}

void decode_rule_selection(Decoder& d, const YAML::Node& node, const std::string& path,
                           std::vector<RuleSelection>& out) {
  if (!node.IsSequence()) {
    d.error(node, path, "expected a list of '- enable: {rule: ...}' / '- disable: {tag: ...}'");
    return;
  }
  out.clear();
  for (size_t i = 0; i < node.size(); ++i) {
    const std::string p = path + "[" + std::to_string(i) + "]";
    d.for_each_key(node[i], p, {"enable", "disable"},
                   [&](const std::string& action, const YAML::Node& v, const std::string& ap) {
                     RuleSelection sel;
                     sel.enable = action == "enable";
                     d.for_each_key(v, ap, {"rule", "tag"},
                                    [&](const std::string& k, const YAML::Node& kv,
                                        const std::string& kp) {
                                      d.read(kv, kp, k == "rule" ? sel.rule : sel.tag);
                                    });
                     if (sel.rule.empty() == sel.tag.empty()) {
                       d.error(v, ap, "expected exactly one of 'rule' or 'tag'");
                       return;
                     }
                     out.push_back(std::move(sel));
                   });
  }
}

// One `lanner.enforce` item: exactly one selector key, and an optional action.
void decode_enforce_entry(Decoder& d, const YAML::Node& node, const std::string& path,
                          std::vector<EnforceEntry>& out) {
  EnforceEntry entry;
  int selectors = 0;
  bool ok = true;
  d.for_each_key(node, path, {"rule", "tag", "priority", "action"},
                 [&](const std::string& key, const YAML::Node& v, const std::string& p) {
                   std::string text, error;
                   d.read(v, p, text);
                   if (key == "action") {
                     if (auto action = parse_enforce_action(text, error)) entry.action = *action;
                     else ok = (d.error(v, p, error), false);
                     return;
                   }
                   ++selectors;
                   const std::string spec = key == "priority" ? "priority>=" + std::string(
                       text.starts_with(">=") ? text.substr(2) : text) : key + ":" + text;
                   if (auto selector = parse_enforce_selector(spec, error)) entry.selector = *selector;
                   else ok = (d.error(v, p, error), false);
                 });
  if (selectors != 1) {
    d.error(node, path, "expected exactly one of 'rule', 'tag' or 'priority'");
    return;
  }
  if (ok) out.push_back(std::move(entry));
}

void decode_enforce(Decoder& d, const YAML::Node& node, const std::string& path,
                    std::vector<EnforceEntry>& out) {
  if (!node.IsSequence()) {
    d.error(node, path, "expected a list of '- rule: NAME' / '- tag: TAG' / '- priority: \">=LEVEL\"' items");
    return;
  }
  out.clear();
  for (size_t i = 0; i < node.size(); ++i) {
    decode_enforce_entry(d, node[i], path + "[" + std::to_string(i) + "]", out);
  }
}

void decode_hardening(Decoder& d, const YAML::Node& node, const std::string& path,
                      LannerSettings& out) {
  d.for_each_key(node, path, {"deny_io_uring", "protect_supervisor", "deny_foreign_abi"},
                 [&](const std::string& key, const YAML::Node& v, const std::string& p) {
                   d.read(v, p, key == "deny_io_uring"        ? out.deny_io_uring
                                : key == "protect_supervisor" ? out.protect_supervisor
                                                              : out.deny_foreign_abi);
                 });
}

void decode_lanner(Decoder& d, const YAML::Node& node, const std::string& path,
                   LannerSettings& out) {
  d.for_each_key(node, path,
                 {"fail_on_dropped_alerts", "output_retry_attempts", "output_retry_backoff_ms",
                  "http_timeout_ms", "output_shutdown_timeout_ms", "enforce", "hardening"},
                 [&](const std::string& key, const YAML::Node& v, const std::string& p) {
                   if (key == "fail_on_dropped_alerts") d.read(v, p, out.fail_on_dropped_alerts);
                   else if (key == "output_retry_attempts") d.read_unsigned(v, p, out.output_retry_attempts, 1);
                   else if (key == "output_retry_backoff_ms") d.read_unsigned(v, p, out.output_retry_backoff_ms);
                   else if (key == "http_timeout_ms") d.read_unsigned(v, p, out.http_timeout_ms, 1);
                   else if (key == "enforce") decode_enforce(d, v, p, out.enforce);
                   else if (key == "hardening") decode_hardening(d, v, p, out);
                   else d.read_unsigned(v, p, out.output_shutdown_timeout_ms);
                 });
}

void decode_choice(Decoder& d, const YAML::Node& v, const std::string& p, Config& out,
                   const std::string& key) {
  std::string text;
  d.read(v, p, text);
  if (key == "priority") {
    if (auto prio = parse_priority(text)) out.priority = *prio;
    else d.error(v, p, "expected one of emergency, alert, critical, error, warning, notice, informational, debug; got '" + text + "'");
  } else if (key == "rule_matching") {
    if (text == "first") out.rule_matching = RuleMatching::kFirst;
    else if (text == "all") out.rule_matching = RuleMatching::kAll;
    else d.error(v, p, "expected 'first' or 'all', got '" + text + "'");
  } else {  // log_level
    static constexpr std::array<std::string_view, 8> kLevels{
        "emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"};
    if (std::find(kLevels.begin(), kLevels.end(), lower(text)) != kLevels.end()) out.log_level = lower(text);
    else d.error(v, p, "expected one of emergency, alert, critical, error, warning, notice, info, debug; got '" + text + "'");
  }
}

// Top-level keys lanner implements, with the function that decodes each.
using KeyDecoder = std::function<void(Decoder&, const YAML::Node&, const std::string&, Config&)>;

std::vector<std::pair<std::string_view, KeyDecoder>> top_level_decoders() {
  auto flag = [](bool Config::*member) {
    return [member](Decoder& d, const YAML::Node& v, const std::string& p, Config& c) {
      d.read(v, p, c.*member);
    };
  };
  auto enabled_only = [](auto member) {
    return [member](Decoder& d, const YAML::Node& v, const std::string& p, Config& c) {
      d.for_each_key(v, p, {"enabled"}, [&](const std::string&, const YAML::Node& e,
                                            const std::string& ep) { d.read(e, ep, (c.*member).enabled); });
    };
  };
  auto choice = [](std::string key) {
    return [key](Decoder& d, const YAML::Node& v, const std::string& p, Config& c) {
      decode_choice(d, v, p, c, key);
    };
  };
  return {
      {"rules_files", [](Decoder& d, const YAML::Node& v, const std::string& p, Config& c) { d.read(v, p, c.rules_files); }},
      {"rules_file", [](Decoder& d, const YAML::Node& v, const std::string& p, Config& c) { d.read(v, p, c.rules_files); }},
      {"rules", [](Decoder& d, const YAML::Node& v, const std::string& p, Config& c) { decode_rule_selection(d, v, p, c.rules); }},
      {"priority", choice("priority")},
      {"rule_matching", choice("rule_matching")},
      {"log_level", choice("log_level")},
      {"json_output", flag(&Config::json_output)},
      {"json_include_output_property", flag(&Config::json_include_output_property)},
      {"json_include_output_fields_property", flag(&Config::json_include_output_fields_property)},
      {"json_include_tags_property", flag(&Config::json_include_tags_property)},
      {"json_include_message_property", flag(&Config::json_include_message_property)},
      {"time_format_iso_8601", flag(&Config::time_format_iso_8601)},
      {"buffered_outputs", flag(&Config::buffered_outputs)},
      {"log_stderr", flag(&Config::log_stderr)},
      {"log_syslog", flag(&Config::log_syslog)},
      {"stdout_output", enabled_only(&Config::stdout_output)},
      {"syslog_output", enabled_only(&Config::syslog_output)},
      {"file_output", [](Decoder& d, const YAML::Node& v, const std::string& p, Config& c) {
         d.for_each_key(v, p, {"enabled", "keep_alive", "filename"},
                        [&](const std::string& k, const YAML::Node& kv, const std::string& kp) {
                          if (k == "filename") d.read(kv, kp, c.file_output.filename);
                          else d.read(kv, kp, k == "enabled" ? c.file_output.enabled : c.file_output.keep_alive);
                        });
       }},
      {"program_output", [](Decoder& d, const YAML::Node& v, const std::string& p, Config& c) {
         d.for_each_key(v, p, {"enabled", "keep_alive", "program"},
                        [&](const std::string& k, const YAML::Node& kv, const std::string& kp) {
                          if (k == "program") d.read(kv, kp, c.program_output.program);
                          else d.read(kv, kp, k == "enabled" ? c.program_output.enabled : c.program_output.keep_alive);
                        });
       }},
      {"http_output", [](Decoder& d, const YAML::Node& v, const std::string& p, Config& c) { decode_http(d, v, p, c.http_output); }},
      {"outputs_queue", [](Decoder& d, const YAML::Node& v, const std::string& p, Config& c) {
         d.for_each_key(v, p, {"capacity"}, [&](const std::string&, const YAML::Node& kv, const std::string& kp) {
           d.read_unsigned(kv, kp, c.outputs_queue_capacity);
         });
       }},
      {"append_output", [](Decoder& d, const YAML::Node& v, const std::string& p, Config& c) { decode_append_output(d, v, p, c.append_output); }},
      {"lanner", [](Decoder& d, const YAML::Node& v, const std::string& p, Config& c) { decode_lanner(d, v, p, c.lanner); }},
  };
}

}  // namespace

void decode_config(const YAML::Node& root, const ConfigOrigin& origin, const EnvLookup& env,
                   Config& out, Diagnostics& diags) {
  Decoder d(origin, env, diags);
  if (root.IsNull() || !root.IsDefined()) return;
  if (!root.IsMap()) {
    d.error(root, "", "a configuration file must be a mapping of keys, got " + Decoder::kind(root));
    return;
  }
  const auto decoders = top_level_decoders();
  std::vector<std::string_view> candidates;
  for (const auto& [name, fn] : decoders) candidates.push_back(name);
  candidates.insert(candidates.end(), kUnsupportedTopLevel.begin(), kUnsupportedTopLevel.end());
  // rules_files wins over the older rules_file whatever their order in the file.
  const bool has_new_rules_key = root["rules_files"].IsDefined();
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    auto it = std::find_if(decoders.begin(), decoders.end(),
                           [&](const auto& kv) { return kv.first == key; });
    if (it != decoders.end()) {
      if (key == "rules_file" && has_new_rules_key) continue;
      it->second(d, entry.second, key, out);
    } else if (key == "outputs") {
      d.report(Severity::kWarning, kRemovedKey, entry.first, key,
               "'outputs' (rate, max_burst) was removed in Falco 0.37 and has no effect; ignored");
    } else if (std::find(kUnsupportedTopLevel.begin(), kUnsupportedTopLevel.end(), key) !=
               kUnsupportedTopLevel.end()) {
      d.report(Severity::kWarning, kUnsupportedKey, entry.first, key,
               "'" + key + "' configures a Falco feature lanner does not have; ignored");
    } else {
      d.unknown_key(entry.first, key, key, candidates);
    }
  }
}

}  // namespace lanner::config
