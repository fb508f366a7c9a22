#pragma once
// A condition tree compiled to a flat list of jumps, so that evaluating it is one loop instead
// of a recursive walk with a virtual call per connective. Each test names where to go when it
// is true and when it is false; `and`, `or` and `not` become those targets (short-circuit as
// in the tree), and a sub-condition shared between rules (PredicateNode::shared_id) is guarded
// by a memo lookup and records its result on both exits. Results are those of
// PredicateNode::eval on the same tree, which stays the reference (and owns the leaves).
#include <cstdint>
#include <span>
#include <vector>

#include "lang/checks.h"
#include "lang/predicate.h"

namespace lanner::lang {

// Adds the occurrences of each shared node of `root` (PredicateNode::shared_id) to `uses`,
// indexed by shared id (grown as needed).
void count_shared_uses(const PredicateNode& root, std::vector<uint32_t>& uses);

// How run_all treats checks on fields whose value does not exist yet (FieldSource::unknown).
enum class Unknowns : uint8_t {
  kMissing,   // as missing values: such checks are false (nothing asks unknown())
  kMayMatch,  // each goes the way that leads towards a match (true, or false under a `not`):
              // a root that holds then could hold for some values of those fields, and one
              // that fails cannot hold whatever they turn out to be
};

class Program {
 public:
  Program() = default;  // evaluates to false
  // `root` and its nodes must outlive the program. `uses` (see count_shared_uses), when given,
  // says how often each shared node occurs among the conditions evaluated for the same events:
  // a node occurring once cannot be looked up again and is not memoized.
  explicit Program(const PredicateNode& root, std::span<const uint32_t> uses = {});
  // Several conditions evaluated one after the other in one loop (an Engine's candidates for
  // one event type): see run_all.
  Program(std::span<const PredicateNode* const> roots, std::span<const uint32_t> uses);

  // Same result as root.eval(source, scratch), on a scratch prepared for the root's predicate.
  bool run(FieldSource& source, EvalScratch& scratch) const;
  // For a program of several roots: appends to `matched` the indexes of the roots that hold, in
  // order, stopping at the first one when `first_only`. Each root's result is root->eval's.
  void run_all(FieldSource& source, EvalScratch& scratch, std::vector<uint32_t>& matched,
               bool first_only, Unknowns unknowns = Unknowns::kMissing) const;

  size_t size() const { return code_.size(); }

 private:
  static constexpr int32_t kAccept = -1;
  static constexpr int32_t kReject = -2;

  struct Instr {
    // kMatch: root number `shared_id` holds (several-root programs). kMemoTest: a shared leaf,
    // its memo lookup, test and store in one instruction (two dispatches fewer). kTestUnknown,
    // kMemoTestUnknown: kTest, kMemoTest of a leaf reading kFieldResult fields, described by
    // unknown_leaves_[unknown_leaf].
    enum class Op : uint8_t {
      kTest, kMemo, kStore, kMatch, kMemoTest, kTestUnknown, kMemoTestUnknown
    } op = Op::kTest;
    bool value = false;                  // kStore: the result to record
    uint32_t shared_id = 0;              // kMemo, kStore, kMemoTest; kMatch: the root's index
    int32_t on_true = kReject;           // kTest, kMemo(Test); kStore, kMatch: next
    int32_t on_false = kReject;          // kTest, kMemo(Test)
    int32_t body = kReject;              // kMemo: where to compute an unknown result
    bool negated_memo = false;           // kMemo, kStore, kMemoTestUnknown: claim_negated_memo
    uint32_t unknown_leaf = 0;           // kTestUnknown, kMemoTestUnknown
    const PredicateNode* leaf = nullptr;  // kTest, kMemoTest
    LeafFn compute = nullptr;             // kTest, kMemoTest: leaf_function(*leaf)
  };

  // A leaf that may read a value not known yet: its kFieldResult fields are
  // unknown_fields_[begin, begin + count); `towards_true` is where Unknowns::kMayMatch sends it.
  struct UnknownLeaf {
    uint32_t begin = 0;
    uint32_t count = 0;
    bool towards_true = true;  // false under an odd number of `not`
  };

  // `negated`: an odd number of `not` above the node (where kMayMatch sends unknown leaves).
  int32_t emit(const PredicateNode& node, int32_t on_true, int32_t on_false, bool memo_done,
               bool negated);
  int32_t emit_leaf(const PredicateNode& node, int32_t on_true, int32_t on_false, bool negated);
  // Appends the UnknownLeaf of a leaf that may_read_unknowns; returns its index.
  uint32_t describe_unknowns(const PredicateNode& leaf, bool negated);
  bool claim_negated_memo(const PredicateNode& node, bool negated);
  bool may_read_unknowns(const PredicateNode& node) const;
  bool worth_memo(const PredicateNode& node) const;
  int32_t append(const Instr& instr);
  void reverse_code();
  void thread_jumps();
  int32_t skip_known(int32_t target, uint32_t shared_id, bool negated_memo, bool value) const;
  // Runs from the entry until a negative target; returns it.
  int32_t execute(FieldSource& source, EvalScratch& scratch, std::vector<uint32_t>* matched,
                  bool first_only, Unknowns unknowns) const;
  // execute() for an event with (kSharing) or without a generation.
  template <bool kSharing, bool kUnknowns>
  int32_t execute_loop(FieldSource& source, EvalScratch& scratch, std::vector<uint32_t>* matched,
                       bool first_only) const;
  bool any_unknown(const UnknownLeaf& leaf, FieldSource& source) const;

  std::vector<Instr> code_;
  std::vector<UnknownLeaf> unknown_leaves_;
  std::vector<const FieldRef*> unknown_fields_;
  uint32_t negated_slots_ = 0;  // EvalScratch::shared_negated must hold this many
  std::span<const uint32_t> uses_;  // while compiling only
  int32_t entry_ = kReject;
};

}  // namespace lanner::lang
