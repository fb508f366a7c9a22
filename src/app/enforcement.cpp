#include "app/enforcement.h"

#include <fnmatch.h>

#include "common/text.h"

namespace lanner::app {
namespace {

bool selects(const config::EnforceSelector& selector, const engine::CompiledRule& rule) {
  switch (selector.kind) {
    case config::EnforceSelector::Kind::kRule:
      return fnmatch(selector.value.c_str(), rule.name.c_str(), 0) == 0;
    case config::EnforceSelector::Kind::kTag:
      return rule.tags.contains(selector.value);
    case config::EnforceSelector::Kind::kPriority:
      return rule.priority <= selector.at_least;  // Emergency = 0: smaller is more severe
  }
  return false;
}

void report_no_match(const config::EnforceEntry& entry, const engine::RuleSet& rules,
                     Diagnostics& diags) {
  std::string message = "--enforce " + entry.selector.text() + " selects no loaded rule";
  if (entry.selector.kind == config::EnforceSelector::Kind::kRule) {
    std::vector<std::string_view> names;
    for (const auto& rule : rules.rules()) names.push_back(rule.name);
    std::string hint = closest_match(entry.selector.value, names);
    if (!hint.empty()) message += " (did you mean 'rule:" + hint + "'?)";
  }
  diags.error("LANNER_ENFORCE_NO_MATCH", message, SourceSpan{"option --enforce"});
}

}  // namespace

EnforcementPolicy EnforcementPolicy::resolve(std::span<const config::EnforceEntry> entries,
                                             const engine::RuleSet& rules, Diagnostics& diags) {
  EnforcementPolicy policy;
  policy.active_ = !entries.empty();
  policy.first_ = rules.rules().data();
  policy.actions_.resize(rules.rules().size());
  for (const auto& entry : entries) {
    size_t selected = 0;
    for (size_t i = 0; i < rules.rules().size(); ++i) {
      if (!selects(entry.selector, rules.rules()[i])) continue;
      ++selected;
      auto& action = policy.actions_[i];
      if (!action || entry.action.strength() > action->strength()) action = entry.action;
    }
    if (selected == 0) report_no_match(entry, rules, diags);
  }
  for (const auto& action : policy.actions_) policy.enforced_ += action ? 1 : 0;
  return policy;
}

const config::EnforceAction* EnforcementPolicy::action_for(const engine::CompiledRule& rule) const {
  if (first_ == nullptr || &rule < first_) return nullptr;
  const auto position = static_cast<size_t>(&rule - first_);
  if (position >= actions_.size() || !actions_[position]) return nullptr;
  return &*actions_[position];
}

bool EnforcementPolicy::enforces_any(std::span<const engine::CompiledRule* const> bucket) const {
  if (enforced_ == 0) return false;
  for (const auto* rule : bucket) {
    if (action_for(*rule) != nullptr) return true;
  }
  return false;
}

}  // namespace lanner::app
