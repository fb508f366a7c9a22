#pragma once
// Helpers building RuleDocuments by hand (the rules stage's output) for engine tests.
#include <string>

#include "rules/rule_document.h"

namespace lanner::engine::testing {

inline rules::ConditionText condition(std::string text, uint32_t line = 0) {
  rules::ConditionText c;
  c.text = text;
  c.original = std::move(text);
  c.span.file = "test.yaml";
  c.span.line = line;
  c.span.column = line ? 14 : 0;
  return c;
}

inline void add_macro(rules::RuleDocument& doc, std::string name, std::string text) {
  auto index = static_cast<uint32_t>(doc.macros.size() + doc.rules.size());
  doc.macros.push_back(rules::MacroItem{std::move(name), condition(std::move(text)), index, index, {}});
}

inline rules::RuleItem& add_rule(rules::RuleDocument& doc, std::string name, std::string text,
                                 rules::Priority priority = rules::Priority::kWarning) {
  rules::RuleItem r;
  r.name = std::move(name);
  r.desc = "test rule";
  r.condition = condition(std::move(text));
  r.output = "matched (proc=%proc.name)";
  r.priority = priority;
  r.index = static_cast<uint32_t>(doc.macros.size() + doc.rules.size());
  doc.rules.push_back(std::move(r));
  return doc.rules.back();
}

}  // namespace lanner::engine::testing
