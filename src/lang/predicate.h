#pragma once
// A compiled condition: an immutable tree evaluated against one event's FieldSource.
// Thread-safety: a Predicate is read-only after compile and may be shared by threads; each
// evaluating thread passes its own EvalScratch (reused across events so that evaluation does
// not allocate once the scratch buffers have grown to their working size).
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
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
  // Program's memos of nodes under `not` that read unknown values, with Unknowns::kMayMatch
  // (grown by the Program). One Unknowns mode per generation.
  std::vector<SharedResult> shared_negated;
  uint64_t event_generation = 0;

  // Values of fields read by several checks (SharedSubexpressions::intern_field), extracted
  // from the FieldSource once per event into `values`; later reads are a compare. Same
  // validity rule as `shared`.
  struct SharedField {
    uint64_t generation = 0;
    bool present = false;  // false = missing
    FieldValues values;
    const FieldValues* get() const { return present ? &values : nullptr; }
  };
  std::vector<SharedField> fields;

  void ensure(uint32_t slots, uint32_t shared_slots = 0, uint32_t field_slots = 0) {
    if (values.size() < slots) values.resize(slots);
    if (texts.size() < slots) texts.resize(slots);
    if (shared.size() < shared_slots) shared.resize(shared_slots);
    if (fields.size() < field_slots) fields.resize(field_slots);
  }
};

// How constant checks are compiled: the common shapes (string =, in, startswith..., number
// comparisons) get dedicated code; kGeneric keeps every check on the one generic comparison,
// the reference the specialised code is tested against.
enum class CheckDispatch : uint8_t { kSpecialised, kGeneric };

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
  bool costly = false;     // reads a kFieldCostly field or transforms text

  // Appends the fields this operand reads (for Program's unknown-result checks).
  virtual void add_fields(std::vector<const FieldRef*>& out) const { (void)out; }
};
using OperandPtr = std::unique_ptr<Operand>;

class PredicateNode;
using PredicateNodePtr = std::unique_ptr<PredicateNode>;

// Owns the nodes created by PredicateNode::fold_event_type (the folded trees point into the
// original predicates, which must outlive the arena).
class NodeArena {
 public:
  const PredicateNode* keep(PredicateNodePtr node) {
    nodes_.push_back(std::move(node));
    return nodes_.back().get();
  }
  void clear() { nodes_.clear(); }

 private:
  std::vector<PredicateNodePtr> nodes_;
};

// A node specialised for one event type: always false, always true, or a node to evaluate.
struct FoldResult {
  enum class Kind : uint8_t { kFalse, kTrue, kNode } kind = Kind::kNode;
  const PredicateNode* node = nullptr;  // kNode only
};

class PredicateNode {
 public:
  static constexpr uint32_t kNotShared = UINT32_MAX;

  virtual ~PredicateNode() = default;

  // The memo lookup of shared nodes lives here, not in a wrapper node: one virtual call per
  // node visited instead of two (the upstream rules visit ~60 shared nodes per event).
  bool eval(FieldSource& source, EvalScratch& scratch) const {
    if (shared_id_ == kNotShared || scratch.event_generation == 0) return compute(source, scratch);
    EvalScratch::SharedResult& r = scratch.shared[shared_id_];
    if (r.generation != scratch.event_generation) {
      r.value = compute(source, scratch);  // may fill other shared results: `r` stays valid,
      r.generation = scratch.event_generation;  // as ensure() sized the vector beforehand
    }
    return r.value;
  }

  // The node's own computation, without the memo lookup of shared nodes: for evaluators that
  // do that lookup themselves (lang::Program).
  bool compute_unshared(FieldSource& source, EvalScratch& scratch) const { return compute(source, scratch); }

  // What a node is made of, for compiling trees to programs (lang::Program): connectives list
  // their children; every other node is a leaf evaluated with compute_unshared.
  struct Structure {
    enum class Kind : uint8_t { kLeaf, kAnd, kOr, kNot } kind = Kind::kLeaf;
    std::span<const PredicateNode* const> children;  // kAnd, kOr: all; kNot: one
  };
  virtual Structure structure() const { return {}; }
  // A leaf's relative cost: 1 for plain comparisons of plain fields, more for text rendering
  // and pattern matching. lang::Program evaluates the cheaper children of a connective first.
  virtual int leaf_cost() const { return 1; }
  // A leaf's fields, appended to `out` (connectives add nothing).
  virtual void add_fields(std::vector<const FieldRef*>& out) const { (void)out; }

  // Evaluate this node at most once per event per EvalScratch (see EvalScratch::shared): every
  // node given the same id must compute the same condition.
  void share_as(uint32_t shared_id) { shared_id_ = shared_id; }
  uint32_t shared_id() const { return shared_id_; }

  // This node for events whose evt.type is `evt_type`: `evt.type` checks become constants and
  // the connectives above them are simplified (new nodes go to `arena`; unchanged subtrees are
  // returned as they are). A folded node computes the same value as this one for every event
  // of that type, so it keeps this node's shared id.
  virtual FoldResult fold_event_type(std::string_view evt_type, NodeArena& arena) const {
    (void)evt_type;
    (void)arena;
    return {FoldResult::Kind::kNode, this};
  }

 protected:
  virtual bool compute(FieldSource& source, EvalScratch& scratch) const = 0;

 private:
  uint32_t shared_id_ = kNotShared;
};

class Predicate {
 public:
  // `shared_slots` / `field_slots`: one more than the highest SharedSubexpressions condition /
  // field id the predicate uses.
  Predicate(PredicateNodePtr root, uint32_t slots, uint32_t shared_slots = 0, uint32_t field_slots = 0)
      : root_(std::move(root)), slots_(slots), shared_slots_(shared_slots), field_slots_(field_slots) {}

  // Reuses `scratch` (grown on first use). Use one scratch per thread.
  bool matches(FieldSource& source, EvalScratch& scratch) const {
    prepare(scratch);
    return root_->eval(source, scratch);
  }
  // Sizes `scratch` for this predicate; evaluators that prepare once for many events
  // (engine::Engine) then call PredicateNode::eval directly.
  void prepare(EvalScratch& scratch) const { scratch.ensure(slots_, shared_slots_, field_slots_); }
  // The condition for events of one type (PredicateNode::fold_event_type); evaluate the node
  // with PredicateNode::eval on a prepared scratch.
  FoldResult for_event_type(std::string_view evt_type, NodeArena& arena) const {
    return root_->fold_event_type(evt_type, arena);
  }
  // Convenience for tests and one-off checks: allocates a scratch per call.
  bool matches(FieldSource& source) const {
    EvalScratch scratch;
    return matches(source, scratch);
  }
  uint32_t slots() const { return slots_; }
  const PredicateNode& root() const { return *root_; }

 private:
  PredicateNodePtr root_;
  uint32_t slots_;
  uint32_t shared_slots_;
  uint32_t field_slots_;
};

}  // namespace lanner::lang
