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
                      std::vector<const CompiledRule*>& matches, lang::Unknowns unknowns) {
  matches.clear();
  // A new event: sub-conditions shared between rules are computed afresh, once.
  scratch_.event_generation = ++events_;
  // The candidates' conditions run as one program (lang::Program), in plan order.
  TypePlan plan = rules_.type_plan(evt_type);
  matched_.clear();
  plan.program->run_all(source, scratch_, matched_, matching_ == RuleMatching::kFirst, unknowns);
  for (uint32_t index : matched_) matches.push_back(plan.plan[index].rule);
  return !matches.empty();
}

}  // namespace lanner::engine
