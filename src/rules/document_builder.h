#pragma once
// Stage 3: collected items -> RuleDocument. Expands lists inside lists (one level), expands rule
// exceptions, substitutes list names into macro and rule conditions (Falco's textual order:
// exceptions first, then lists in definition order) and drops rules of unknown sources.
#include "common/diagnostic.h"
#include "rules/collector.h"
#include "rules/load_budget.h"
#include "rules/rule_document.h"

namespace lanner::rules {

// Problems (condition too large, exception tuple mismatch) become errors; the affected rule or
// macro is left out. Never throws.
RuleDocument build_document(const Collector& collected, const LoadBudget& budget, Diagnostics& diags);

}  // namespace lanner::rules
