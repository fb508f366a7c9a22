#pragma once
// RuleDocument (rules/ stage output) -> RuleSet: parses every macro and rule condition, resolves
// macros on the AST, compiles rules against the FieldCatalog, checks outputs, computes event
// types and reports everything as Diagnostics with YAML positions.
#include <map>
#include <memory>
#include <string>

#include "common/diagnostic.h"
#include "engine/ruleset.h"
#include "lang/field_catalog.h"
#include "rules/rule_document.h"

namespace lanner::engine {

// File contents by diagnostic name, used to point errors at the exact YAML line and column
// (SourceFile: engine/condition_locator.h).
class SourceFile;
using SourceContents = std::map<std::string, SourceFile, std::less<>>;

// Always returns a RuleSet holding the rules that compiled (rules dropped by
// skip-if-unknown-filter are left out); check diags.has_errors() before using it.
std::unique_ptr<RuleSet> build_ruleset(const rules::RuleDocument& doc, const lang::FieldCatalog& catalog,
                                       Diagnostics& diags, const SourceContents* sources = nullptr);

}  // namespace lanner::engine
