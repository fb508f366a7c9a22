#include "rules/load_budget.h"

#include <string>

#include "rules/load_error.h"

namespace lanner::rules {

namespace {

[[noreturn]] void exhausted(const std::string& what, uint64_t limit, const SourceSpan& where) {
  throw LoadError{kYamlValidate,
                  "Rules content exceeds the limit of " + std::to_string(limit) + " " + what +
                      " (YAML aliases are counted each time they are used)",
                  where, {}};
}

}  // namespace

bool LoadBudget::charge(uint64_t nodes, size_t scalar_bytes) {
  nodes_ += nodes;
  scalar_bytes_ += scalar_bytes;
  return nodes_ <= limits_.max_yaml_nodes && scalar_bytes_ <= limits_.max_scalar_bytes;
}

void LoadBudget::fail_exhausted(const SourceSpan& where) const {
  if (nodes_ > limits_.max_yaml_nodes) exhausted("YAML nodes", limits_.max_yaml_nodes, where);
  exhausted("bytes of scalar values", limits_.max_scalar_bytes, where);
}

void LoadBudget::check_list_size(size_t items, const SourceSpan& where) const {
  if (items > limits_.max_list_items) {
    throw LoadError{kValidate,
                    "List has " + std::to_string(items) + " items, more than the limit of " +
                        std::to_string(limits_.max_list_items),
                    where, {}};
  }
}

void LoadBudget::check_condition_size(size_t bytes, const SourceSpan& where) const {
  if (bytes > limits_.max_condition_bytes) {
    throw LoadError{kValidate,
                    "Condition is longer than the limit of " + std::to_string(limits_.max_condition_bytes) +
                        " bytes after appends and list substitution",
                    where, {}};
  }
}

}  // namespace lanner::rules
