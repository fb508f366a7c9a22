#pragma once
// Rule exceptions (falco-language.md 1.4): shape validation at collect time and the textual
// expansion into the rule condition ("(cond) and not (...)") before list substitution.
#include <string>
#include <vector>

#include "rules/rule_document.h"
#include "rules/rule_items.h"

namespace lanner::rules {

// Falco's validate_exception_info: defaults comps ("=" per field, or "in" for a single field),
// checks lengths and operators. Throws LoadError (LOAD_ERR_VALIDATE) attributed to `item`.
// Field names are checked later by the engine when the expanded condition is compiled.
void validate_exception(RawException& ex, const std::string& item);

// "(" + condition + ")" followed by " and not (...)" for each exception with values.
// Throws LoadError (LOAD_ERR_VALIDATE) when a values tuple does not match the fields.
std::string expand_exceptions(const std::string& condition, const std::vector<RawException>& exceptions,
                              const std::string& item);

// The document's view of an exception (plain strings).
ExceptionItem to_exception_item(const RawException& ex);

}  // namespace lanner::rules
