#include "engine/engine.h"

namespace lanner::engine {

bool Engine::evaluate(std::string_view evt_type, lang::FieldSource& source,
                      std::vector<const CompiledRule*>& matches) {
  matches.clear();
  // A new event: sub-conditions shared between rules are computed afresh, once.
  scratch_.event_generation = ++events_;
  for (const CompiledRule* rule : rules_.rules_for(evt_type)) {
    if (!rule->predicate->matches(source, scratch_)) continue;
    matches.push_back(rule);
    if (matching_ == RuleMatching::kFirst) break;
  }
  return !matches.empty();
}

}  // namespace lanner::engine
