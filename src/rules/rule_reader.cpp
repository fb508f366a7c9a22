// Reader for `- rule:` items: full definitions, `append: true`, `override:` and the standalone
// `enabled` toggle, plus their exceptions (falco-language.md 1.2-1.4).
#include <array>
#include <set>
#include <string_view>
#include <string>

#include "common/text.h"
#include "rules/item_readers.h"
#include "rules/override_reader.h"
#include "rules/priority.h"

namespace lanner::rules {

namespace {

constexpr std::array<std::string_view, 15> kRuleKeys{
    "rule",       "condition",     "output",  "desc",     "priority", "source",          "enabled", "tags",
    "exceptions", "warn_evttypes", "skip-if-unknown-filter", "capture", "capture_duration", "append", "override"};
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
ExceptionEntry read_entry(ItemContext& ctx, const YamlNode& node, const std::string& key, uint32_t depth) {
  ctx.yaml.charge(node);
  if (depth > ctx.yaml.budget().limits().max_entry_depth) {
    ctx.yaml.fail("Exception values are nested more than " +
                      std::to_string(ctx.yaml.budget().limits().max_entry_depth) + " levels deep",
                  ctx.yaml.span_of(node));
  }
  ExceptionEntry entry;
  entry.present = true;
  if (node.is_null()) ctx.yaml.fail("Mapping for key '" + key + "' is empty", ctx.yaml.span_of(node));
  if (node.is_scalar()) {
    if (node.scalar().empty()) ctx.yaml.fail("Value must be non-empty", ctx.yaml.span_of(node));
    entry.item = node.scalar();
  } else if (node.is_sequence()) {
    entry.is_list = true;
    ctx.yaml.budget().check_list_size(node.size(), ctx.yaml.span_of(node));
    for (const YamlNode* child : node.items()) entry.items.push_back(read_entry(ctx, *child, key, depth + 1));
  } else {
    ctx.yaml.fail("Value of '" + key + "' must be a scalar or a sequence", ctx.yaml.span_of(node));
  }
  return entry;
}

RawException read_exception(ItemContext& ctx, const YamlNode& node, bool fields_optional,
                            std::set<std::string>& seen_names) {
  ctx.yaml.charge(node);
  if (!node.is_map()) ctx.yaml.fail("Rule exception must be a mapping", ctx.yaml.span_of(node));
  RawException ex;
  ex.span = ctx.yaml.span_of(node);
  ex.name = *ctx.yaml.string_value(node, "name", true);
  warn_unknown_keys(ctx, node, {"name", "fields", "comps", "values"});
  if (!seen_names.insert(ex.name).second) {
    ctx.diags.add({Severity::kWarning, "LOAD_EXCEPTION_NAME_NOT_UNIQUE",
                   "Multiple definitions of exception '" + ex.name + "' in the same rule", ex.span, {},
                   ctx.yaml.item()});
  }
  if (const YamlNode* fields = node.find("fields")) {
    ex.fields = read_entry(ctx, *fields, "fields", 1);
  } else if (!fields_optional) {
    ctx.yaml.fail("Item has no mapping for key 'fields'", ex.span);
  }
  if (const YamlNode* comps = node.find("comps")) ex.comps = read_entry(ctx, *comps, "comps", 1);
  if (const YamlNode* values = node.find("values")) {
    if (!values->is_sequence()) ctx.yaml.fail("Rule exception values must be a sequence", ctx.yaml.span_of(*values));
    ex.has_values = true;
    ctx.yaml.budget().check_list_size(values->size(), ctx.yaml.span_of(*values));
    for (const YamlNode* tuple : values->items()) ex.values.push_back(read_entry(ctx, *tuple, "values", 1));
  } else if (fields_optional) {
    ctx.diags.add({Severity::kWarning, "LOAD_APPEND_NO_VALUES", "Overriding/appending exception with no values",
                   ex.span, {}, ctx.yaml.item()});
  }
  return ex;
}

// `exceptions:`; absent or null means none. `appending`: fields may be omitted (extending an
// existing exception by name).
std::optional<std::vector<RawException>> read_exceptions(ItemContext& ctx, const YamlNode& item, bool appending) {
  const YamlNode* list = item.find("exceptions");
  if (!list || list->is_null()) return std::nullopt;
  if (!list->is_sequence()) ctx.yaml.fail("Rule exceptions must be a sequence", ctx.yaml.span_of(*list));
  std::vector<RawException> out;
  std::set<std::string> seen_names;
  for (const YamlNode* node : list->items()) out.push_back(read_exception(ctx, *node, appending, seen_names));
  return out;
}

Priority read_priority(ItemContext& ctx, const YamlNode& item) {
  std::string text = *ctx.yaml.string_value(item, "priority", true);
  auto priority = parse_priority(text);
  if (!priority) ctx.yaml.fail("Invalid priority", ctx.yaml.span_of(*item.find("priority")));
  return *priority;
}

std::set<std::string> read_tags(ItemContext& ctx, const YamlNode& item) {
  auto tags = ctx.yaml.string_sequence(item, "tags", false);
  return tags ? std::set<std::string>(tags->begin(), tags->end()) : std::set<std::string>{};
}

void read_definition(ItemContext& ctx, const YamlNode& item, const std::string& name) {
  RawRule v;
  v.name = name;
  v.span = ctx.yaml.span_of(item);
  v.condition = *ctx.yaml.string_value(item, "condition", true);
  v.condition_span = ctx.yaml.span_of(*item.find("condition"));
  v.output = std::string(trim(*ctx.yaml.string_value(item, "output", true)));
  v.output_span = ctx.yaml.span_of(*item.find("output"));
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
               const std::string& operation, const std::string& key, const YamlNode& item) {
  if (!overridden.contains(key)) return false;
  if (!expected.contains(key)) {
    ctx.yaml.fail("An " + operation + " override for '" + key + "' was specified but '" + key + "' is not defined",
                  ctx.yaml.span_of(item));
  }
  expected.erase(key);
  return true;
}

RawRuleUpdate read_append_override(ItemContext& ctx, const YamlNode& item, const std::string& name,
                                   const std::set<std::string>& keys, std::set<std::string>& expected) {
  RawRuleUpdate v = new_update(RawRuleUpdate::Mode::kAppend, name, ctx.yaml.span_of(item));
  if (takes_key(ctx, expected, keys, "append", "condition", item)) {
    v.condition = ctx.yaml.string_value(item, "condition", true);
    v.condition_span = ctx.yaml.span_of(*item.find("condition"));
  }
  if (takes_key(ctx, expected, keys, "append", "exceptions", item)) v.exceptions = read_exceptions(ctx, item, true);
  if (takes_key(ctx, expected, keys, "append", "output", item)) v.output = ctx.yaml.string_value(item, "output", true);
  if (takes_key(ctx, expected, keys, "append", "desc", item)) v.desc = ctx.yaml.string_value(item, "desc", true);
  if (takes_key(ctx, expected, keys, "append", "tags", item)) v.tags = read_tags(ctx, item);
  return v;
}

RawRuleUpdate read_replace_override(ItemContext& ctx, const YamlNode& item, const std::string& name,
                                    const std::set<std::string>& keys, std::set<std::string>& expected) {
  RawRuleUpdate v = new_update(RawRuleUpdate::Mode::kReplace, name, ctx.yaml.span_of(item));
  auto takes = [&](const char* key) { return takes_key(ctx, expected, keys, "replace", key, item); };
  if (takes("condition")) {
    v.condition = ctx.yaml.string_value(item, "condition", true);
    v.condition_span = ctx.yaml.span_of(*item.find("condition"));
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

void read_overrides_form(ItemContext& ctx, const YamlNode& item, const std::string& name, const Overrides& overrides) {
  std::set<std::string> expected;
  for (const auto* keys : {&kAppendable, &kReplaceable}) {
    for (const auto& key : *keys) {
      if (item.find(key)) expected.insert(key);
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
void read_append_flag_form(ItemContext& ctx, const YamlNode& item, const std::string& name) {
  RawRuleUpdate v = new_update(RawRuleUpdate::Mode::kAppend, name, ctx.yaml.span_of(item));
  if (item.find("condition")) {
    v.condition = ctx.yaml.string_value(item, "condition", true);
    v.condition_span = ctx.yaml.span_of(*item.find("condition"));
  }
  if (item.find("exceptions")) v.exceptions = read_exceptions(ctx, item, true);
  emit_item(ctx, std::move(v));
}

void read_enable_form(ItemContext& ctx, const YamlNode& item, const std::string& name) {
  RawRuleEnable v{name, *ctx.yaml.bool_value(item, "enabled", true), ctx.yaml.span_of(item)};
  ctx.diags.add({Severity::kWarning, "LOAD_DEPRECATED_ITEM",
                 "The standalone 'enabled' key usage is deprecated. The correct approach requires also a "
                 "'replace' entry under the 'override' key (i.e. 'enabled: replace').",
                 v.span, {}, ctx.yaml.item()});
  emit_item(ctx, std::move(v));
}

}  // namespace

void read_rule_item(ItemContext& ctx, const YamlNode& item) {
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
  bool defines = item.find("condition") || item.find("output") || item.find("desc") ||
                 item.find("priority");
  if (!defines) return read_enable_form(ctx, item, name);
  read_definition(ctx, item, name);
}

}  // namespace lanner::rules
