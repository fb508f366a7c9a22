// Readers for the non-rule items: required_engine_version, required_plugin_versions, list, macro.
#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "common/text.h"
#include "rules/item_readers.h"
#include "rules/override_reader.h"
#include "rules/versions.h"

namespace lanner::rules {

namespace {

// Falco's list-name pattern ([^()"'[:space:]=,]+): anything that survives textual substitution.
bool valid_list_name(const std::string& name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (std::isspace(c) || c == '(' || c == ')' || c == '"' || c == '\'' || c == '=' || c == ',') return false;
  }
  return true;
}

// Falco's macro-name pattern [a-zA-Z]+[a-zA-Z0-9_]*: a bare identifier in a condition.
bool valid_macro_name(const std::string& name) {
  if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
  for (unsigned char c : name) {
    if (!std::isalnum(c) && c != '_') return false;
  }
  return true;
}

// The deprecated `append: true` flag; warns when set.
bool read_append_flag(ItemContext& ctx, const YamlNode& item) {
  bool append = ctx.yaml.bool_value(item, "append", false).value_or(false);
  if (append) {
    ctx.diags.add({Severity::kWarning, "LOAD_DEPRECATED_ITEM", kAppendDeprecated, ctx.yaml.key_span(item, "append"),
                   {}, ctx.yaml.item()});
  }
  return append;
}

PluginRequirement read_requirement(ItemContext& ctx, const YamlNode& entry, const std::string& what) {
  if (!entry.is_map()) ctx.yaml.fail("Plugin version " + what + "must be a mapping", ctx.yaml.span_of(entry));
  PluginRequirement req;
  req.name = *ctx.yaml.string_value(entry, "name", true);
  ctx.yaml.set_item(item_label("required_plugin_versions", req.name));
  req.version = *ctx.yaml.string_value(entry, "version", true);
  return req;
}

}  // namespace

void warn_unknown_keys(ItemContext& ctx, const YamlNode& item, std::span<const std::string_view> known) {
  auto unknown = ctx.yaml.unknown_keys(item, known);
  if (unknown.empty()) return;
  std::vector<std::string_view> candidates(known.begin(), known.end());
  std::sort(candidates.begin(), candidates.end());  // ties in closest_match go to the first
  for (const auto& [key, span] : unknown) {
    std::string message = "Unknown key '" + key + "' ignored";
    std::string suggestion = closest_match(key, candidates);
    if (!suggestion.empty()) message += " (did you mean '" + suggestion + "'?)";
    Diagnostic d{Severity::kWarning, "LOAD_UNKNOWN_KEY", message, span, {}, ctx.yaml.item()};
    ctx.diags.add(std::move(d));
  }
}

void emit_item(ItemContext& ctx, RawItem&& item) {
  if (!ctx.emit(std::move(item))) throw ConsumerStopped{};
}

void read_engine_version_item(ItemContext& ctx, const YamlNode& item) {
  ctx.yaml.set_item("required_engine_version");
  warn_unknown_keys(ctx, item, {"required_engine_version"});
  std::string text = *ctx.yaml.string_value(item, "required_engine_version", true);
  SourceSpan span = ctx.yaml.span_of(*item.find("required_engine_version"));
  RawEngineVersion v{{}, span};
  bool all_digits = text.find_first_not_of("0123456789") == std::string::npos;
  if (all_digits && text.size() <= 9) {
    v.version = "0." + std::to_string(std::stoul(text)) + ".0";  // legacy integer form N = 0.N.0
  } else {
    auto parsed = parse_semver(text);
    if (!parsed) {
      ctx.yaml.fail("Unable to parse engine version '" + text + "' as a semver string. Expected \"x.y.z\" semver format.",
                    span);
    }
    v.version = parsed->str();
  }
  emit_item(ctx, std::move(v));
}

void read_plugin_versions_item(ItemContext& ctx, const YamlNode& item) {
  ctx.yaml.set_item("required_plugin_versions");
  warn_unknown_keys(ctx, item, {"required_plugin_versions"});
  const YamlNode& entries = *item.find("required_plugin_versions");
  if (!entries.is_sequence()) {
    ctx.yaml.fail("Value of required_plugin_versions must be a sequence", ctx.yaml.span_of(entries));
  }
  for (const YamlNode* entry : entries.items()) {
    ctx.yaml.charge(*entry);
    ctx.yaml.set_item("required_plugin_versions");
    RawPluginVersions v{{read_requirement(ctx, *entry, "")}, ctx.yaml.span_of(*entry)};
    warn_unknown_keys(ctx, *entry, {"name", "version", "alternatives"});
    if (const YamlNode* alternatives = entry->find("alternatives")) {
      if (!alternatives->is_sequence()) {
        ctx.yaml.fail("Value of plugin version alternatives must be a sequence", ctx.yaml.span_of(*alternatives));
      }
      for (const YamlNode* alt : alternatives->items()) {
        ctx.yaml.charge(*alt);
        v.alternatives.push_back(read_requirement(ctx, *alt, "alternative "));
      }
    }
    emit_item(ctx, std::move(v));
  }
}

void read_list_item(ItemContext& ctx, const YamlNode& item) {
  ctx.yaml.set_item("list");
  RawList v;
  v.name = *ctx.yaml.string_value(item, "list", true);
  v.span = ctx.yaml.span_of(item);
  ctx.yaml.set_item(item_label("list", v.name));
  warn_unknown_keys(ctx, item, {"list", "items", "append", "override"});
  if (!valid_list_name(v.name)) {
    ctx.diags.add({Severity::kWarning, "LOAD_INVALID_LIST_NAME",
                   "List has an invalid name. List names should match a regular expression: "
                   "([^()\"'[:space:]=,]+)",
                   v.span, {}, ctx.yaml.item()});
  }
  v.items = *ctx.yaml.string_sequence(item, "items", true);
  bool append = read_append_flag(ctx, item);
  Overrides overrides = read_overrides(ctx.yaml, item, {"items"}, {"items"});
  if (append && !overrides.empty()) ctx.yaml.fail(kOverrideWithAppend, v.span);
  v.append = append || overrides.append.contains("items");
  emit_item(ctx, std::move(v));
}

void read_macro_item(ItemContext& ctx, const YamlNode& item) {
  ctx.yaml.set_item("macro");
  RawMacro v;
  v.name = *ctx.yaml.string_value(item, "macro", true);
  v.span = ctx.yaml.span_of(item);
  ctx.yaml.set_item(item_label("macro", v.name));
  warn_unknown_keys(ctx, item, {"macro", "condition", "append", "override"});
  if (!valid_macro_name(v.name)) {
    ctx.diags.add({Severity::kWarning, "LOAD_INVALID_MACRO_NAME",
                   "Macro has an invalid name. Macro names should match a regular expression: "
                   "([a-zA-Z]+[a-zA-Z0-9_]*)",
                   v.span, {}, ctx.yaml.item()});
  }
  v.condition = *ctx.yaml.string_value(item, "condition", true);
  v.condition_span = ctx.yaml.span_of(*item.find("condition"));
  bool append = read_append_flag(ctx, item);
  Overrides overrides = read_overrides(ctx.yaml, item, {"condition"}, {"condition"});
  if (append && !overrides.empty()) ctx.yaml.fail(kOverrideWithAppend, v.span);
  v.append = append || overrides.append.contains("condition");
  emit_item(ctx, std::move(v));
}

}  // namespace lanner::rules
