#pragma once
// Stage 2: merges raw items across files in load order with Falco's semantics
// (falco-language.md 1.3): plain redefinition keeps the first index, append concatenates,
// override replaces selected keys, standalone `enabled` toggles. One Collector per load.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "rules/load_budget.h"
#include "rules/rule_items.h"

namespace lanner::rules {

struct CollectedList {
  RawList list;
  uint32_t index = 0;
  uint32_t visibility = 0;
};

struct CollectedMacro {
  RawMacro macro;  // condition: after appends
  uint32_t index = 0;
  uint32_t visibility = 0;
};

struct CollectedRule {
  RawRule rule;  // after appends/overrides; exceptions validated and comps defaulted
  uint32_t index = 0;
  uint32_t visibility = 0;
  bool unknown_source = false;  // kept for later appends/enables, skipped by the document builder
};

class Collector {
 public:
  explicit Collector(LoadBudget& budget) : budget_(budget) {}

  // Applies one item. On an invalid item adds an error (LOAD_ERR_VALIDATE) and returns false.
  bool add(RawItem&& item, Diagnostics& diags);

  const std::vector<CollectedList>& lists() const { return lists_; }
  const std::vector<CollectedMacro>& macros() const { return macros_; }
  const std::vector<CollectedRule>& rules() const { return rules_; }
  const std::vector<RawPluginVersions>& plugin_requirements() const { return plugin_requirements_; }
  // Highest required_engine_version seen, "" if none.
  const std::string& required_engine_version() const { return required_engine_version_; }

  // Position of a named item in lists()/macros()/rules(), or -1.
  int find_list(const std::string& name) const;
  int find_macro(const std::string& name) const;
  int find_rule(const std::string& name) const;

 private:
  void apply(RawEngineVersion&& v);
  void apply(RawPluginVersions&& v);
  void apply(RawList&& v, Diagnostics& diags);
  void apply(RawMacro&& v, Diagnostics& diags);
  void apply(RawRule&& v, Diagnostics& diags);
  void apply(RawRuleUpdate&& v, Diagnostics& diags);
  void apply(RawRuleEnable&& v, Diagnostics& diags);
  void append_to(CollectedRule& prev, RawRuleUpdate& v);
  void replace_in(CollectedRule& prev, RawRuleUpdate& v);

  LoadBudget& budget_;
  uint32_t next_index_ = 0;  // shared by lists, macros and rules, as in Falco
  std::vector<CollectedList> lists_;
  std::vector<CollectedMacro> macros_;
  std::vector<CollectedRule> rules_;
  std::map<std::string, size_t> list_pos_, macro_pos_, rule_pos_;
  std::vector<RawPluginVersions> plugin_requirements_;
  std::string required_engine_version_;
};

}  // namespace lanner::rules
