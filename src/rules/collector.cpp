#include "rules/collector.h"

#include <algorithm>

#include "rules/exception_expansion.h"
#include "rules/load_error.h"
#include "rules/versions.h"

namespace lanner::rules {

namespace {

constexpr const char* kNoPreviousList =
    "List uses 'append' or 'override.items: append' but no list by that name already exists";
constexpr const char* kNoPreviousMacro =
    "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists";
constexpr const char* kNoPreviousRuleAppend =
    "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists";
constexpr const char* kNoPreviousRuleReplace =
    "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists";

// Sources lanner evaluates; rules of any other source are kept but skipped.
bool known_source(const std::string& source) { return source == "syscall"; }

[[noreturn]] void fail(const std::string& message, const SourceSpan& where, const std::string& item) {
  throw LoadError{kValidate, message, where, item};
}

// Falco's define_info: a redefinition replaces the item in place and keeps its first index.
template <typename Collected>
void define(std::vector<Collected>& items, std::map<std::string, size_t>& positions, const std::string& name,
            Collected&& fresh, uint32_t id) {
  fresh.visibility = id;
  if (auto it = positions.find(name); it != positions.end()) {
    fresh.index = items[it->second].index;
    items[it->second] = std::move(fresh);
    return;
  }
  fresh.index = id;
  positions.emplace(name, items.size());
  items.push_back(std::move(fresh));
}

void append_text(std::string& target, const std::optional<std::string>& addition) {
  if (addition && !addition->empty()) target += " " + *addition;
}

void validate_new_exceptions(std::vector<RawException>& exceptions, const std::string& item) {
  for (auto& ex : exceptions) {
    if (!ex.fields.valid()) fail("Rule exception item must have fields property with a list of fields", ex.span, item);
    validate_exception(ex, item);
  }
}

}  // namespace

int Collector::find_list(const std::string& name) const {
  auto it = list_pos_.find(name);
  return it == list_pos_.end() ? -1 : static_cast<int>(it->second);
}
int Collector::find_macro(const std::string& name) const {
  auto it = macro_pos_.find(name);
  return it == macro_pos_.end() ? -1 : static_cast<int>(it->second);
}
int Collector::find_rule(const std::string& name) const {
  auto it = rule_pos_.find(name);
  return it == rule_pos_.end() ? -1 : static_cast<int>(it->second);
}

bool Collector::add(RawItem&& item, Diagnostics& diags) {
  try {
    std::visit(
        [&](auto&& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, RawEngineVersion> || std::is_same_v<T, RawPluginVersions>) {
            apply(std::move(v));
          } else {
            apply(std::move(v), diags);
          }
        },
        std::move(item));
  } catch (const LoadError& e) {
    diags.add(e.to_diagnostic());
    return false;
  }
  return true;
}

void Collector::apply(RawEngineVersion&& v) {
  auto required = parse_semver(v.version);
  Semver have = engine_version();
  if (!required || !compatible(have, *required)) {
    fail("Rules require engine version " + v.version + ", but engine version is " + have.str(), v.span,
         "required_engine_version");
  }
  auto current = parse_semver(required_engine_version_);
  if (!current || *current < *required) required_engine_version_ = v.version;
}

void Collector::apply(RawPluginVersions&& v) {
  std::vector<std::string> names;
  for (const auto& alt : v.alternatives) {
    std::string label = item_label("required_plugin_versions", alt.name);
    if (!parse_semver(alt.version)) {
      fail("Invalid required version '" + alt.version + "' for plugin '" + alt.name + "'", v.span, label);
    }
    if (std::find(names.begin(), names.end(), alt.name) != names.end()) {
      fail("Defined multiple alternative version requirements for plugin '" + alt.name + "'", v.span, label);
    }
    names.push_back(alt.name);
  }
  plugin_requirements_.push_back(std::move(v));
}

void Collector::apply(RawList&& v, Diagnostics&) {
  if (!v.append) {
    std::string name = v.name;
    define(lists_, list_pos_, name, CollectedList{std::move(v), 0, 0}, next_index_++);
    return;
  }
  int pos = find_list(v.name);
  if (pos < 0) fail(kNoPreviousList, v.span, item_label("list", v.name));
  auto& prev = lists_[static_cast<size_t>(pos)];
  budget_.check_list_size(prev.list.items.size() + v.items.size(), v.span);
  prev.list.items.insert(prev.list.items.end(), v.items.begin(), v.items.end());
  prev.visibility = next_index_++;
}

void Collector::apply(RawMacro&& v, Diagnostics&) {
  if (!v.append) {
    std::string name = v.name;
    define(macros_, macro_pos_, name, CollectedMacro{std::move(v), 0, 0}, next_index_++);
    return;
  }
  int pos = find_macro(v.name);
  if (pos < 0) fail(kNoPreviousMacro, v.span, item_label("macro", v.name));
  auto& prev = macros_[static_cast<size_t>(pos)];
  budget_.check_condition_size(prev.macro.condition.size() + v.condition.size() + 1, v.condition_span);
  prev.macro.condition += " " + v.condition;
  prev.macro.condition_span = v.condition_span;
  prev.visibility = next_index_++;
}

void Collector::apply(RawRule&& v, Diagnostics& diags) {
  std::string label = item_label("rule", v.name);
  int pos = find_rule(v.name);
  if (pos >= 0 && rules_[static_cast<size_t>(pos)].rule.source != v.source) {
    fail("Rule has been re-defined with a different source", v.span, label);
  }
  bool unknown = !known_source(v.source);
  if (unknown) {
    diags.add({Severity::kWarning, "LOAD_UNKNOWN_SOURCE", "Unknown source " + v.source + ", skipping", v.span, {},
               label});
  }
  validate_new_exceptions(v.exceptions, label);
  std::string name = v.name;
  define(rules_, rule_pos_, name, CollectedRule{std::move(v), 0, 0, unknown}, next_index_++);
}

void Collector::apply(RawRuleUpdate&& v, Diagnostics&) {
  std::string label = item_label("rule", v.name);
  bool append = v.mode == RawRuleUpdate::Mode::kAppend;
  int pos = find_rule(v.name);
  if (pos < 0) fail(append ? kNoPreviousRuleAppend : kNoPreviousRuleReplace, v.span, label);
  if (!v.has_any_value()) {
    fail(append ? "Appended rule must have exceptions or condition property"
                : "The rule must have at least one field that can be replaced",
         v.span, label);
  }
  auto& prev = rules_[static_cast<size_t>(pos)];
  if (append) {
    append_to(prev, v);
  } else {
    replace_in(prev, v);
  }
  budget_.check_condition_size(prev.rule.condition.size(), prev.rule.condition_span);
  prev.visibility = next_index_++;
}

void Collector::append_to(CollectedRule& prev, RawRuleUpdate& v) {
  std::string label = item_label("rule", v.name);
  auto& rule = prev.rule;
  if (v.condition && !v.condition->empty()) {
    append_text(rule.condition, v.condition);
    rule.condition_span = v.condition_span;
  }
  append_text(rule.output, v.output);
  append_text(rule.desc, v.desc);
  if (v.tags) rule.tags.insert(v.tags->begin(), v.tags->end());
  if (!v.exceptions) return;
  for (auto& ex : *v.exceptions) {
    auto same_name = [&](const RawException& e) { return e.name == ex.name; };
    auto existing = std::find_if(rule.exceptions.begin(), rule.exceptions.end(), same_name);
    if (existing == rule.exceptions.end()) {
      if (!ex.fields.valid()) fail("Rule exception must have fields property with a list of fields", ex.span, label);
      if (ex.values.empty()) fail("Rule exception must have values property with a list of values", ex.span, label);
      validate_exception(ex, label);
      rule.exceptions.push_back(std::move(ex));
      continue;
    }
    if (ex.fields.valid()) fail("Can not append exception fields to existing exception, only values", ex.span, label);
    if (ex.comps.valid()) fail("Can not append exception comps to existing exception, only values", ex.span, label);
    budget_.check_list_size(existing->values.size() + ex.values.size(), ex.span);
    existing->values.insert(existing->values.end(), ex.values.begin(), ex.values.end());
  }
}

void Collector::replace_in(CollectedRule& prev, RawRuleUpdate& v) {
  auto& rule = prev.rule;
  if (v.condition && !v.condition->empty()) {
    rule.condition = *v.condition;
    rule.condition_span = v.condition_span;
  }
  if (v.output && !v.output->empty()) rule.output = *v.output;
  if (v.desc && !v.desc->empty()) rule.desc = *v.desc;
  if (v.tags) rule.tags = *v.tags;
  if (v.exceptions) {
    validate_new_exceptions(*v.exceptions, item_label("rule", v.name));
    rule.exceptions = std::move(*v.exceptions);
  }
  if (v.priority) rule.priority = *v.priority;
  if (v.enabled) rule.enabled = *v.enabled;
  if (v.warn_evttypes) rule.warn_evttypes = *v.warn_evttypes;
  if (v.skip_if_unknown_filter) rule.skip_if_unknown_filter = *v.skip_if_unknown_filter;
  if (v.capture) rule.capture = *v.capture;
  if (v.capture_duration) rule.capture_duration = *v.capture_duration;
}

void Collector::apply(RawRuleEnable&& v, Diagnostics&) {
  int pos = find_rule(v.name);
  if (pos < 0) {
    fail("Rule has 'enabled' key but no rule by that name already exists", v.span, item_label("rule", v.name));
  }
  rules_[static_cast<size_t>(pos)].rule.enabled = v.enabled;
}

}  // namespace lanner::rules
