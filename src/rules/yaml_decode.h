#pragma once
// Typed access to YAML nodes for one rules file, with Falco's validation messages and a
// SourceSpan for every value. Failures throw LoadError (LOAD_ERR_YAML_VALIDATE); the reader's
// entry point turns it into a diagnostic. Every visit is charged to the load's LoadBudget.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/load_budget.h"
#include "rules/load_error.h"
#include "rules/loader.h"
#include "rules/yaml_tree.h"

namespace lanner::rules {

// Scalar conversions as yaml-cpp's convert<bool> / convert<uint64_t> accept them (Falco reads
// rules with yaml-cpp): y/yes/true/on and n/no/false/off in lower, Capitalised or UPPER case;
// decimal, 0x hex or 0 octal integers, trailing whitespace allowed.
std::optional<bool> decode_bool(std::string_view text);
std::optional<uint64_t> decode_uint(std::string_view text);

class YamlDecoder {
 public:
  YamlDecoder(const SourceText& file, LoadBudget& budget) : file_(file), budget_(budget) {}

  // The item diagnostics are attributed to ("rule 'X'"); set by the reader per item.
  void set_item(std::string label) { item_ = std::move(label); }
  const std::string& item() const { return item_; }
  const std::string& file_name() const { return file_.name; }

  // 1-based position of a node; `length` covers a scalar when it appears verbatim in the file.
  SourceSpan span_of(const YamlNode& node) const;
  // Span of the key `key` of map `map` (the map's own span when the key is absent).
  SourceSpan key_span(const YamlNode& map, std::string_view key) const;

  [[noreturn]] void fail(const std::string& message, const SourceSpan& where) const;
  [[noreturn]] void fail_validate(const std::string& message, const SourceSpan& where) const;
  // One node visited (a scalar's bytes too); `extra_nodes` for work proportional to its entries.
  void charge(const YamlNode& node, uint64_t extra_nodes = 0);

  // Scalar values of map[key]. Absent -> nullopt when optional, else "Item has no mapping...".
  std::optional<std::string> string_value(const YamlNode& map, std::string_view key, bool required);
  std::optional<bool> bool_value(const YamlNode& map, std::string_view key, bool required);
  std::optional<uint64_t> uint_value(const YamlNode& map, std::string_view key, bool required);
  // A sequence of scalars (list items, tags).
  std::optional<std::vector<std::string>> string_sequence(const YamlNode& map, std::string_view key,
                                                          bool required);

  // Keys of `map` that are not in `known`, with their spans (for LOAD_UNKNOWN_KEY).
  std::vector<std::pair<std::string, SourceSpan>> unknown_keys(const YamlNode& map,
                                                               std::span<const std::string_view> known);

  LoadBudget& budget() { return budget_; }

 private:
  // Checks presence/null/scalar/non-empty as Falco's decode_val does; returns the scalar node.
  const YamlNode* scalar_node(const YamlNode& map, std::string_view key, bool required);
  [[noreturn]] void fail_missing(const YamlNode& map, std::string_view key) const;
  [[noreturn]] void fail_empty(const YamlNode& map, std::string_view key) const;

  const SourceText& file_;
  LoadBudget& budget_;
  std::string item_;
};

}  // namespace lanner::rules
