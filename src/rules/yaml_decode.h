#pragma once
// Typed access to yaml-cpp nodes for one rules file, with Falco's validation messages and a
// SourceSpan for every value. Failures throw LoadError (LOAD_ERR_YAML_VALIDATE); the reader's
// entry point turns it into a diagnostic. Every visit is charged to the load's LoadBudget.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "rules/load_budget.h"
#include "rules/load_error.h"
#include "rules/loader.h"

namespace lanner::rules {

class YamlDecoder {
 public:
  YamlDecoder(const SourceText& file, LoadBudget& budget) : file_(file), budget_(budget) {}

  // The item diagnostics are attributed to ("rule 'X'"); set by the reader per item.
  void set_item(std::string label) { item_ = std::move(label); }
  const std::string& item() const { return item_; }
  const std::string& file_name() const { return file_.name; }

  // 1-based position of a node; `length` covers a scalar when it appears verbatim in the file.
  SourceSpan span_of(const YAML::Node& node) const;
  // Span of the key `key` of map `map` (the map's own span when the key is absent).
  SourceSpan key_span(const YAML::Node& map, const std::string& key) const;

  [[noreturn]] void fail(const std::string& message, const SourceSpan& where) const;
  [[noreturn]] void fail_validate(const std::string& message, const SourceSpan& where) const;
  void charge(const YAML::Node& node);

  // Scalar values of map[key]. Absent -> nullopt when optional, else "Item has no mapping...".
  std::optional<std::string> string_value(const YAML::Node& map, const std::string& key, bool required);
  std::optional<bool> bool_value(const YAML::Node& map, const std::string& key, bool required);
  std::optional<uint64_t> uint_value(const YAML::Node& map, const std::string& key, bool required);
  // A sequence of scalars (list items, tags).
  std::optional<std::vector<std::string>> string_sequence(const YAML::Node& map, const std::string& key,
                                                          bool required);

  // Keys of `map` that are not in `known`, with their spans (for LOAD_UNKNOWN_KEY).
  std::vector<std::pair<std::string, SourceSpan>> unknown_keys(const YAML::Node& map,
                                                               const std::set<std::string>& known);

  LoadBudget& budget() { return budget_; }

 private:
  // Checks presence/null/scalar/non-empty as Falco's decode_val does; returns the scalar node.
  std::optional<YAML::Node> scalar_node(const YAML::Node& map, const std::string& key, bool required);

  const SourceText& file_;
  LoadBudget& budget_;
  std::string item_;
};

}  // namespace lanner::rules
