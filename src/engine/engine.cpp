#include "engine/engine.h"

namespace lanner::engine {

Engine::Engine(const RuleSet& rules, RuleMatching matching) : rules_(rules), matching_(matching) {
  // Sized once for every rule (enabled or not: set_enabled may enable them later), so that
  // evaluate() does not re-check the scratch sizes per rule.
  for (const CompiledRule& rule : rules_.rules()) {
    if (rule.predicate) rule.predicate->prepare(scratch_);
  }
}

bool Engine::evaluate(std::string_view evt_type, lang::FieldSource& source,
                      std::vector<const CompiledRule*>& matches) {
  matches.clear();
  // A new event: sub-conditions shared between rules are computed afresh, once.
  scratch_.event_generation = ++events_;
  for (const RuleForType& candidate : rules_.plan_for(evt_type)) {
    if (!candidate.condition->eval(source, scratch_)) continue;
    matches.push_back(candidate.rule);
    if (matching_ == RuleMatching::kFirst) break;
  }
  return !matches.empty();
}

}  // namespace lanner::engine
