#pragma once
// The one public entry for loading rules: rule files -> compiled RuleSet + Diagnostics.
// Pipeline: rules::read (YAML -> items) -> rules::Collector (merge across files) -> RuleDocument
// -> engine::build_ruleset (parse, resolve macros, compile, index by syscall).
#include <memory>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "engine/ruleset.h"
#include "lang/field_catalog.h"

namespace lanner::engine {

struct LoadResult {
  std::unique_ptr<RuleSet> ruleset;       // null when there were errors
  Diagnostics diagnostics;                // every warning and error, in order
  std::vector<std::string> files;         // files actually read, in load order (dirs expanded)
};

// Loads `paths` in order (a directory contributes its .yaml/.yml files, alphabetically).
LoadResult load_rule_files(const std::vector<std::string>& paths, const lang::FieldCatalog& catalog);

// Same, from in-memory content (name used in diagnostics); for tests and embedded default rules.
struct RulesText {
  std::string name;
  std::string content;
};
LoadResult load_rule_texts(const std::vector<RulesText>& texts, const lang::FieldCatalog& catalog);

}  // namespace lanner::engine
