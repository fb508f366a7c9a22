// Reader for `- rule:` items: full definitions, `append: true`, `override:` and the standalone
// `enabled` toggle, plus their exceptions (falco-language.md 1.2-1.4).
#include <set>
#include <string>

#include "common/text.h"
#include "rules/item_readers.h"
#include "rules/override_reader.h"
#include "rules/priority.h"
#include "rules/yaml_access.h"

namespace lanner::rules {

namespace {

const std::set<std::string> kRuleKeys{"rule",     "condition",  "output",        "desc",
                                      "priority", "source",     "enabled",       "tags",
                                      "exceptions", "warn_evttypes", "skip-if-unknown-filter",
                                      "capture",  "capture_duration", "append",  "override"};
const std::set<std::string> kAppendable{"condition", "output", "desc", "tags", "exceptions"};
const std::set<std::string> kReplaceable{"condition",     "output",        "desc",
                                         "priority",      "tags",          "exceptions",
                                         "enabled",       "warn_evttypes", "skip-if-unknown-filter",
                                         "capture",       "capture_duration"};

RawRuleUpdate new_update(RawRuleUpdate::Mode mode, const std::string& name, const SourceSpan& span) {
  RawRuleUpdate v;
  v.mode = mode;
  v.name = name;
  v.span = span;
  return v;
}

// One scalar-or-sequence value of an exception, recursively, with a depth bound.
ExceptionEntry read_entry(ItemContext& ctx, const YAML::Node& node, const std::string& key, uint32_t depth) {
  ctx.yaml.charge(node);
  if (depth > ctx.yaml.budget().limits().max_entry_depth) {
    ctx.yaml.fail("Exception values are nested more than " +
                      std::to_string(ctx.yaml.budget().limits().max_entry_depth) + " levels deep",
                  ctx.yaml.span_of(node));
  }
  ExceptionEntry entry;
  entry.present = true;
  if (node.IsNull()) ctx.yaml.fail("Mapping for key '" + key + "' is empty", ctx.yaml.span_of(node));
  if (node.IsScalar()) {
    if (node.Scalar().empty()) ctx.yaml.fail("Value must be non-empty", ctx.yaml.span_of(node));
    entry.item = node.Scalar();
  } else if (node.IsSequence()) {
    entry.is_list = true;
    ctx.yaml.budget().check_list_size(node.size(), ctx.yaml.span_of(node));
    for (const auto& child : node) entry.items.push_back(read_entry(ctx, child, key, depth + 1));
  } else {
    ctx.yaml.fail("Value of '" + key + "' must be a scalar or a sequence", ctx.yaml.span_of(node));
  }
  return entry;
}

RawException read_exception(ItemContext& ctx, const YAML::Node& node, bool fields_optional,
                            std::set<std::string>& seen_names) {
  ctx.yaml.charge(node);
  if (!node.IsMap()) ctx.yaml.fail("Rule exception must be a mapping", ctx.yaml.span_of(node));
  RawException ex;
  ex.span = ctx.yaml.span_of(node);
  ex.name = *ctx.yaml.string_value(node, "name", true);
  warn_unknown_keys(ctx, node, {"name", "fields", "comps", "values"});
  if (!seen_names.insert(ex.name).second) {
    ctx.diags.add({Severity::kWarning, "LOAD_EXCEPTION_NAME_NOT_UNIQUE",
                   "Multiple definitions of exception '" + ex.name + "' in the same rule", ex.span, {},
                   ctx.yaml.item()});
  }
  const YAML::Node fields = map_value(node, "fields");
  if (fields.IsDefined()) {
    ex.fields = read_entry(ctx, fields, "fields", 1);
  } else if (!fields_optional) {
    ctx.yaml.fail("Item has no mapping for key 'fields'", ex.span);
  }
  if (const YAML::Node comps = map_value(node, "comps"); comps.IsDefined()) ex.comps = read_entry(ctx, comps, "comps", 1);
  const YAML::Node values = map_value(node, "values");
  if (values.IsDefined()) {
    if (!values.IsSequence()) ctx.yaml.fail("Rule exception values must be a sequence", ctx.yaml.span_of(values));
    ex.has_values = true;
    ctx.yaml.budget().check_list_size(values.size(), ctx.yaml.span_of(values));
    for (const auto& tuple : values) ex.values.push_back(read_entry(ctx, tuple, "values", 1));
  } else if (fields_optional) {
    ctx.diags.add({Severity::kWarning, "LOAD_APPEND_NO_VALUES", "Overriding/appending exception with no values",
                   ex.span, {}, ctx.yaml.item()});
  }
  return ex;
}

// `exceptions:`; absent or null means none. `appending`: fields may be omitted (extending an
// existing exception by name).
std::optional<std::vector<RawException>> read_exceptions(ItemContext& ctx, const YAML::Node& item, bool appending) {
  const YAML::Node list = map_value(item, "exceptions");
  if (!list.IsDefined() || list.IsNull()) return std::nullopt;
  if (!list.IsSequence()) ctx.yaml.fail("Rule exceptions must be a sequence", ctx.yaml.span_of(list));
  std::vector<RawException> out;
  std::set<std::string> seen_names;
  for (const auto& node : list) out.push_back(read_exception(ctx, node, appending, seen_names));
  return out;
}

Priority read_priority(ItemContext& ctx, const YAML::Node& item) {
  std::string text = *ctx.yaml.string_value(item, "priority", true);
  auto priority = parse_priority(text);
  if (!priority) ctx.yaml.fail("Invalid priority", ctx.yaml.span_of(map_value(item, "priority")));
  return *priority;
}

std::set<std::string> read_tags(ItemContext& ctx, const YAML::Node& item) {
  auto tags = ctx.yaml.string_sequence(item, "tags", false);
  return tags ? std::set<std::string>(tags->begin(), tags->end()) : std::set<std::string>{};
}

void read_definition(ItemContext& ctx, const YAML::Node& item, const std::string& name) {
  RawRule v;
  v.name = name;
  v.span = ctx.yaml.span_of(item);
  v.condition = *ctx.yaml.string_value(item, "condition", true);
  v.condition_span = ctx.yaml.span_of(map_value(item, "condition"));
  v.output = std::string(trim(*ctx.yaml.string_value(item, "output", true)));
  v.output_span = ctx.yaml.span_of(map_value(item, "output"));
  v.desc = *ctx.yaml.string_value(item, "desc", true);
  v.priority = read_priority(ctx, item);
  v.source = ctx.yaml.string_value(item, "source", false).value_or("syscall");
  v.enabled = ctx.yaml.bool_value(item, "enabled", false).value_or(true);
  v.warn_evttypes = ctx.yaml.bool_value(item, "warn_evttypes", false).value_or(true);
  v.skip_if_unknown_filter = ctx.yaml.bool_value(item, "skip-if-unknown-filter", false).value_or(false);
  v.capture = ctx.yaml.bool_value(item, "capture", false).value_or(false);
  v.capture_duration = ctx.yaml.uint_value(item, "capture_duration", false).value_or(0);
  v.tags = read_tags(ctx, item);
  if (auto exceptions = read_exceptions(ctx, item, false)) v.exceptions = std::move(*exceptions);
  emit_item(ctx, std::move(v));
}

// Falco's check that each overridden key is present in the item; consumes it from `expected`.
bool takes_key(ItemContext& ctx, std::set<std::string>& expected, const std::set<std::string>& overridden,
               const std::string& operation, const std::string& key, const YAML::Node& item) {
  if (!overridden.contains(key)) return false;
  if (!expected.contains(key)) {
    ctx.yaml.fail("An " + operation + " override for '" + key + "' was specified but '" + key + "' is not defined",
                  ctx.yaml.span_of(item));
  }
  expected.erase(key);
  return true;
}

RawRuleUpdate read_append_override(ItemContext& ctx, const YAML::Node& item, const std::string& name,
                                   const std::set<std::string>& keys, std::set<std::string>& expected) {
  RawRuleUpdate v = new_update(RawRuleUpdate::Mode::kAppend, name, ctx.yaml.span_of(item));
  if (takes_key(ctx, expected, keys, "append", "condition", item)) {
    v.condition = ctx.yaml.string_value(item, "condition", true);
    v.condition_span = ctx.yaml.span_of(map_value(item, "condition"));
  }
  if (takes_key(ctx, expected, keys, "append", "exceptions", item)) v.exceptions = read_exceptions(ctx, item, true);
  if (takes_key(ctx, expected, keys, "append", "output", item)) v.output = ctx.yaml.string_value(item, "output", true);
  if (takes_key(ctx, expected, keys, "append", "desc", item)) v.desc = ctx.yaml.string_value(item, "desc", true);
  if (takes_key(ctx, expected, keys, "append", "tags", item)) v.tags = read_tags(ctx, item);
  return v;
}

RawRuleUpdate read_replace_override(ItemContext& ctx, const YAML::Node& item, const std::string& name,
                                    const std::set<std::string>& keys, std::set<std::string>& expected) {
  RawRuleUpdate v = new_update(RawRuleUpdate::Mode::kReplace, name, ctx.yaml.span_of(item));
  auto takes = [&](const char* key) { return takes_key(ctx, expected, keys, "replace", key, item); };
  if (takes("condition")) {
    v.condition = ctx.yaml.string_value(item, "condition", true);
    v.condition_span = ctx.yaml.span_of(map_value(item, "condition"));
  }
  // As in Falco, fields may be omitted here too; the collector then rejects the exception.
  if (takes("exceptions")) v.exceptions = read_exceptions(ctx, item, true);
  if (takes("output")) v.output = ctx.yaml.string_value(item, "output", true);
  if (takes("desc")) v.desc = ctx.yaml.string_value(item, "desc", true);
  if (takes("tags")) v.tags = read_tags(ctx, item);
  if (takes("priority")) v.priority = read_priority(ctx, item);
  if (takes("enabled")) v.enabled = ctx.yaml.bool_value(item, "enabled", true);
  if (takes("warn_evttypes")) v.warn_evttypes = ctx.yaml.bool_value(item, "warn_evttypes", true);
  if (takes("skip-if-unknown-filter")) v.skip_if_unknown_filter = ctx.yaml.bool_value(item, "skip-if-unknown-filter", true);
  if (takes("capture")) v.capture = ctx.yaml.bool_value(item, "capture", true);
  if (takes("capture_duration")) v.capture_duration = ctx.yaml.uint_value(item, "capture_duration", true);
  return v;
}

void read_overrides_form(ItemContext& ctx, const YAML::Node& item, const std::string& name, const Overrides& overrides) {
  std::set<std::string> expected;
  for (const auto* keys : {&kAppendable, &kReplaceable}) {
    for (const auto& key : *keys) {
      if (map_value(item, key).IsDefined()) expected.insert(key);
    }
  }
  if (!overrides.append.empty()) emit_item(ctx, read_append_override(ctx, item, name, overrides.append, expected));
  if (!overrides.replace.empty()) emit_item(ctx, read_replace_override(ctx, item, name, overrides.replace, expected));
  if (!expected.empty()) {
    const std::string& key = *expected.begin();
    ctx.yaml.fail("Unexpected key '" + key + "': no corresponding entry under 'override' is defined.",
                  ctx.yaml.key_span(item, key));
  }
}

// Deprecated `append: true`: only condition and exceptions are taken.
void read_append_flag_form(ItemContext& ctx, const YAML::Node& item, const std::string& name) {
  RawRuleUpdate v = new_update(RawRuleUpdate::Mode::kAppend, name, ctx.yaml.span_of(item));
  if (map_value(item, "condition").IsDefined()) {
    v.condition = ctx.yaml.string_value(item, "condition", true);
    v.condition_span = ctx.yaml.span_of(map_value(item, "condition"));
  }
  if (map_value(item, "exceptions").IsDefined()) v.exceptions = read_exceptions(ctx, item, true);
  emit_item(ctx, std::move(v));
}

void read_enable_form(ItemContext& ctx, const YAML::Node& item, const std::string& name) {
  RawRuleEnable v{name, *ctx.yaml.bool_value(item, "enabled", true), ctx.yaml.span_of(item)};
  ctx.diags.add({Severity::kWarning, "LOAD_DEPRECATED_ITEM",
                 "The standalone 'enabled' key usage is deprecated. The correct approach requires also a "
                 "'replace' entry under the 'override' key (i.e. 'enabled: replace').",
                 v.span, {}, ctx.yaml.item()});
  emit_item(ctx, std::move(v));
}

}  // namespace

void read_rule_item(ItemContext& ctx, const YAML::Node& item) {
  ctx.yaml.set_item("rule");
  std::string name = *ctx.yaml.string_value(item, "rule", true);
  ctx.yaml.set_item(item_label("rule", name));
  warn_unknown_keys(ctx, item, kRuleKeys);
  bool append_flag = ctx.yaml.bool_value(item, "append", false).value_or(false);
  if (append_flag) ctx.diags.add({Severity::kWarning, "LOAD_DEPRECATED_ITEM", kAppendDeprecated,
                                  ctx.yaml.key_span(item, "append"), {}, ctx.yaml.item()});
  Overrides overrides = read_overrides(ctx.yaml, item, kAppendable, kReplaceable);
  if (append_flag && !overrides.empty()) ctx.yaml.fail(kOverrideWithAppend, ctx.yaml.span_of(item));
  if (!overrides.empty()) return read_overrides_form(ctx, item, name, overrides);
  if (append_flag) return read_append_flag_form(ctx, item, name);
  bool defines = map_value(item, "condition").IsDefined() || map_value(item, "output").IsDefined() || map_value(item, "desc").IsDefined() ||
                 map_value(item, "priority").IsDefined();
  if (!defines) return read_enable_form(ctx, item, name);
  read_definition(ctx, item, name);
}

}  // namespace lanner::rules
