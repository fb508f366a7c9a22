#pragma once
// Helpers shared by the rules-stage tests: load YAML text and find items by name.
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "rules/loader.h"

namespace lanner::rules::testing {

struct Loaded {
  RuleDocument doc;
  Diagnostics diags;
};

// Loads one or more in-memory files named "f1.yaml", "f2.yaml"... in order.
Loaded load(const std::vector<std::string>& contents);
Loaded load(const std::string& content);

const RuleItem* find_rule(const RuleDocument& doc, const std::string& name);
const MacroItem* find_macro(const RuleDocument& doc, const std::string& name);
const ListItem* find_list(const RuleDocument& doc, const std::string& name);

// "CODE: message" for each diagnostic, in order, for compact assertions.
std::vector<std::string> codes_and_messages(const Diagnostics& diags);
// The codes of the diagnostics, in order.
std::vector<std::string> codes(const Diagnostics& diags);

std::string read_file(const std::string& path);
bool file_exists(const std::string& path);

}  // namespace lanner::rules::testing
