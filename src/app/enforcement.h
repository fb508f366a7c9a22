#pragma once
// Which loaded rules block, and how: the `--enforce` selectors (and the config's lanner.enforce)
// matched against the compiled rule set once, at startup. Falco rule files stay untouched: a
// policy only chooses among their rules. Without selectors lanner only alerts.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "config/enforce_spec.h"
#include "engine/ruleset.h"

namespace lanner::app {

class EnforcementPolicy {
 public:
  EnforcementPolicy() = default;

  // Matches every entry against `rules` (rule names as globs, tags, priority thresholds). When
  // several entries select a rule, the strongest action wins (kill-tree > kill > deny). A
  // selector that selects no rule is an error (LANNER_ENFORCE_NO_MATCH): a typo must not turn
  // enforcement silently off.
  static EnforcementPolicy resolve(std::span<const config::EnforceEntry> entries,
                                   const engine::RuleSet& rules, Diagnostics& diags);

  // True when lanner runs in enforce mode (at least one selector was given).
  bool active() const { return active_; }
  // The action for a rule of the set the policy was resolved on, or null if it only alerts.
  const config::EnforceAction* action_for(const engine::CompiledRule& rule) const;
  // True if any of `bucket` (RuleSet::rules_for of an event type) is enforced.
  bool enforces_any(std::span<const engine::CompiledRule* const> bucket) const;
  size_t enforced_rules() const { return enforced_; }

 private:
  const engine::CompiledRule* first_ = nullptr;  // rules().data() of the resolved set
  std::vector<std::optional<config::EnforceAction>> actions_;  // parallel to rules()
  size_t enforced_ = 0;
  bool active_ = false;
};

}  // namespace lanner::app
