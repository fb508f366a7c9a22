#pragma once
// Evaluates one event against a RuleSet. One Engine per evaluating thread (it owns the
// evaluation scratch); the RuleSet must outlive it and must not be modified while it runs.
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/ruleset.h"
#include "lang/field_catalog.h"
#include "lang/predicate.h"
#include "lang/program.h"

namespace lanner::engine {

enum class RuleMatching { kFirst, kAll };  // falco.yaml `rule_matching`

class Engine {
 public:
  Engine(const RuleSet& rules, RuleMatching matching = RuleMatching::kFirst);

  // Clears `matches`, then appends the matching rules in index order (only the first one with
  // RuleMatching::kFirst). Returns true if any rule matched. Never throws.
  // With lang::Unknowns::kMayMatch, fields the source calls unknown() may take any value: the
  // rules appended are those that could match for some value of them (lang::Program).
  bool evaluate(std::string_view evt_type, lang::FieldSource& source,
                std::vector<const CompiledRule*>& matches,
                lang::Unknowns unknowns = lang::Unknowns::kMissing);

 private:
  const RuleSet& rules_;
  RuleMatching matching_;
  lang::EvalScratch scratch_;
  uint64_t events_ = 0;  // numbers evaluate() calls for EvalScratch::event_generation
  std::vector<uint32_t> matched_;  // plan indexes of the matching rules, reused per event
};

}  // namespace lanner::engine
