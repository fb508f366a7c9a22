#pragma once
// Predicate tree nodes: boolean connectives and checks.
#include <memory>
#include <string>
#include <vector>

#include "lang/compare.h"
#include "lang/predicate.h"

namespace re2 {
class RE2;
}

namespace lanner::lang {

enum class Modifier : uint8_t { kNone, kOneOf, kAnyOf, kAllOf };

PredicateNodePtr make_and(std::vector<PredicateNodePtr> children);
PredicateNodePtr make_or(std::vector<PredicateNodePtr> children);
PredicateNodePtr make_not(PredicateNodePtr child);
PredicateNodePtr make_exists(OperandPtr field);
// Marks `child` to be evaluated at most once per event per EvalScratch (PredicateNode::share_as):
// every node given the same `shared_id` must compute the same condition.
PredicateNodePtr make_shared_result(PredicateNodePtr child, uint32_t shared_id);

// The constant right-hand side of a check, owning what the RhsValue views point into.
struct ConstantRhs {
  std::vector<std::string> storage;               // texts the values' string_views point into
  std::vector<RhsValue> values;
  std::vector<std::unique_ptr<re2::RE2>> regexes;  // for `regex`
  ConstantRhs();
  ~ConstantRhs();
  ConstantRhs(ConstantRhs&&) noexcept;
  ConstantRhs& operator=(ConstantRhs&&) noexcept;
};

// `event_type_lhs`: `lhs` is the evt.type field, so the check folds to a constant per event
// type (PredicateNode::fold_event_type). `dispatch`: see CheckDispatch.
PredicateNodePtr make_constant_check(OperandPtr lhs, CmpOp op, Modifier modifier, ConstantRhs rhs,
                                     bool event_type_lhs = false,
                                     CheckDispatch dispatch = CheckDispatch::kSpecialised);
PredicateNodePtr make_operand_check(OperandPtr lhs, CmpOp op, OperandPtr rhs);

// A leaf's computation (PredicateNode::compute_unshared) as a plain function of the leaf, for
// lang::Program: constant checks get one function per shape with the field read inlined, so
// the program reaches them in one direct call instead of a virtual call and a nested one.
using LeafFn = bool (*)(const PredicateNode& leaf, FieldSource& source, EvalScratch& scratch);
// The function for `leaf`, a node whose structure() is kLeaf; any other leaf gets one that
// calls compute_unshared.
LeafFn leaf_function(const PredicateNode& leaf);

}  // namespace lanner::lang
