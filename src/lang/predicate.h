#pragma once
// A compiled condition: an immutable tree evaluated against one event's FieldSource.
// Thread-safety: a Predicate is read-only after compile and may be shared by threads; each
// evaluating thread passes its own EvalScratch (reused across events so that evaluation does
// not allocate once the scratch buffers have grown to their working size).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lang/field_catalog.h"

namespace lanner::lang {

// Per-thread buffers, indexed by the operand slots a predicate was compiled with.
struct EvalScratch {
  std::vector<FieldValues> values;
  std::vector<std::vector<std::string>> texts;

  // Results of sub-conditions shared between rules (SharedSubexpressions), valid for one event.
  // `event_generation` 0 disables sharing; an evaluator that owns the event loop (the Engine)
  // sets a new non-zero generation per event, which invalidates every stored result at once.
  struct SharedResult {
    uint64_t generation = 0;
    bool value = false;
  };
  std::vector<SharedResult> shared;
  uint64_t event_generation = 0;

  void ensure(uint32_t slots, uint32_t shared_slots = 0) {
    if (values.size() < slots) values.resize(slots);
    if (texts.size() < slots) texts.resize(slots);
    if (shared.size() < shared_slots) shared.resize(shared_slots);
  }
};

// The value producer on either side of a check: a field, a transformer or a literal.
class Operand {
 public:
  virtual ~Operand() = default;
  // Values for the current event, or nullptr when missing (missing = every check is false).
  virtual const FieldValues* eval(FieldSource& source, EvalScratch& scratch) const = 0;

  FieldType type = FieldType::kString;
  bool any_value = false;  // several values, a check matches if any does (proc.aname)
  bool list = false;       // a list field: `in` = all values in set, `intersects` = any
  uint32_t slot = 0;       // EvalScratch index
};
using OperandPtr = std::unique_ptr<Operand>;

class PredicateNode {
 public:
  virtual ~PredicateNode() = default;
  virtual bool eval(FieldSource& source, EvalScratch& scratch) const = 0;
};
using PredicateNodePtr = std::unique_ptr<PredicateNode>;

class Predicate {
 public:
  // `shared_slots`: one more than the highest SharedSubexpressions id the predicate uses.
  Predicate(PredicateNodePtr root, uint32_t slots, uint32_t shared_slots = 0)
      : root_(std::move(root)), slots_(slots), shared_slots_(shared_slots) {}

  // Reuses `scratch` (grown on first use). Use one scratch per thread.
  bool matches(FieldSource& source, EvalScratch& scratch) const {
    scratch.ensure(slots_, shared_slots_);
    return root_->eval(source, scratch);
  }
  // Convenience for tests and one-off checks: allocates a scratch per call.
  bool matches(FieldSource& source) const {
    EvalScratch scratch;
    return matches(source, scratch);
  }
  uint32_t slots() const { return slots_; }

 private:
  PredicateNodePtr root_;
  uint32_t slots_;
  uint32_t shared_slots_;
};

}  // namespace lanner::lang
