#pragma once
// Stage 1: one rules file's YAML -> RawItems, in file order, each with spans.
// Validates structure and types exactly where Falco's reader does (LOAD_ERR_YAML_VALIDATE), reports
// YAML syntax errors (LOAD_ERR_YAML_PARSE) and unknown items/keys and bad names (warnings).
#include <functional>

#include "common/diagnostic.h"
#include "rules/load_budget.h"
#include "rules/loader.h"
#include "rules/rule_items.h"

namespace lanner::rules {

// Called for every item in order. Returns false to stop reading the file (the handler has
// reported the error itself): Falco stops a file at its first error, wherever it comes from.
using ItemHandler = std::function<bool(RawItem&&)>;

// Returns false if reading stopped at an error (reader's or handler's). Never throws.
bool read_rules_file(const SourceText& file, LoadBudget& budget, const ItemHandler& on_item,
                     Diagnostics& diags);

}  // namespace lanner::rules
