#include "lang/program.h"

#include <algorithm>

namespace lanner::lang {

void count_shared_uses(const PredicateNode& root, std::vector<uint32_t>& uses) {
  uint32_t id = root.shared_id();
  if (id != PredicateNode::kNotShared) {
    if (uses.size() <= id) uses.resize(id + 1, 0);
    ++uses[id];
  }
  for (const PredicateNode* child : root.structure().children) count_shared_uses(*child, uses);
}

Program::Program(const PredicateNode& root, std::span<const uint32_t> uses) : uses_(uses) {
  entry_ = emit(root, kAccept, kReject, false, false);
  uses_ = {};
  reverse_code();
  thread_jumps();
}

Program::Program(std::span<const PredicateNode* const> roots, std::span<const uint32_t> uses)
    : uses_(uses) {
  // Last root first: each root continues with the next one's entry, whatever its result.
  int32_t next = kAccept;  // the end
  for (size_t i = roots.size(); i-- > 0;) {
    Instr match{Instr::Op::kMatch, false, static_cast<uint32_t>(i), next};
    int32_t matched = append(match);
    next = emit(*roots[i], matched, next, false, false);
  }
  entry_ = next;
  uses_ = {};
  reverse_code();
  thread_jumps();
}

namespace {
// The fields of a leaf whose value may not exist yet (kFieldResult).
std::vector<const FieldRef*> result_fields(const PredicateNode& leaf) {
  std::vector<const FieldRef*> fields;
  leaf.add_fields(fields);
  std::erase_if(fields, [](const FieldRef* field) {
    return field->info == nullptr || (field->info->flags & kFieldResult) == 0;
  });
  return fields;
}
}  // namespace

bool Program::may_read_unknowns(const PredicateNode& node) const {
  PredicateNode::Structure s = node.structure();
  if (s.kind == PredicateNode::Structure::Kind::kLeaf) return !result_fields(node).empty();
  return std::any_of(s.children.begin(), s.children.end(),
                     [this](const PredicateNode* child) { return may_read_unknowns(*child); });
}

// Under Unknowns::kMayMatch a node that may read unknown values leans towards a match, which
// under an odd number of `not` means the other way: such occurrences keep their own memo
// (EvalScratch::shared_negated), so neither side is handed the other's answer. Sizes that table.
bool Program::claim_negated_memo(const PredicateNode& node, bool negated) {
  if (!negated || !may_read_unknowns(node)) return false;
  negated_slots_ = std::max(negated_slots_, node.shared_id() + 1);
  return true;
}

// emit() appends a node's continuations before the node itself: reverse the code so that
// evaluation mostly moves forward through memory.
void Program::reverse_code() {
  auto last = static_cast<int32_t>(code_.size()) - 1;
  auto remap = [last](int32_t pc) { return pc < 0 ? pc : last - pc; };
  std::reverse(code_.begin(), code_.end());
  for (Instr& in : code_) {
    in.on_true = remap(in.on_true);
    in.on_false = remap(in.on_false);
    in.body = remap(in.body);
  }
  entry_ = remap(entry_);
}

// Consecutive rules often start with the same shared sub-condition (open_read, open_write...):
// a jump taken when that sub-condition's value is known, landing on its own memo lookup, goes
// straight to where the lookup would lead. Conditions are pure, so the value cannot differ.
void Program::thread_jumps() {
  for (Instr& in : code_) {
    if (in.op == Instr::Op::kMemo || in.op == Instr::Op::kMemoTest ||
        in.op == Instr::Op::kMemoTestUnknown) {
      in.on_true = skip_known(in.on_true, in.shared_id, in.negated_memo, true);
      in.on_false = skip_known(in.on_false, in.shared_id, in.negated_memo, false);
    } else if (in.op == Instr::Op::kStore) {
      in.on_true = skip_known(in.on_true, in.shared_id, in.negated_memo, in.value);
    }
  }
}

int32_t Program::skip_known(int32_t target, uint32_t shared_id, bool negated_memo, bool value) const {
  while (target >= 0) {
    const Instr& next = code_[static_cast<size_t>(target)];
    bool lookup = next.op == Instr::Op::kMemo || next.op == Instr::Op::kMemoTest ||
                  next.op == Instr::Op::kMemoTestUnknown;
    if (!lookup || next.shared_id != shared_id || next.negated_memo != negated_memo) break;
    target = value ? next.on_true : next.on_false;
  }
  return target;
}

int32_t Program::append(const Instr& instr) {
  code_.push_back(instr);
  return static_cast<int32_t>(code_.size()) - 1;
}

// Returns the entry of `node`'s code, which jumps to `on_true` / `on_false` with its result.
// Children are emitted last to first, since each one's targets are its successors' entries.
namespace {

// A connective costs what its costliest leaf does: one costly check makes the whole branch worth
// trying last.
int estimated_cost(const PredicateNode& node) {
  PredicateNode::Structure s = node.structure();
  if (s.kind == PredicateNode::Structure::Kind::kLeaf) return node.leaf_cost();
  int cost = 0;
  for (const PredicateNode* child : s.children) cost = std::max(cost, estimated_cost(*child));
  return cost;
}

// The children of an `and` / `or`, cheapest first (stable: equal costs keep the written order).
// Reordering cannot change the result: checks have no side effects and a missing value only
// makes its own check false.
std::vector<const PredicateNode*> by_cost(std::span<const PredicateNode* const> children) {
  std::vector<std::pair<int, const PredicateNode*>> costed;
  costed.reserve(children.size());
  for (const PredicateNode* child : children) costed.emplace_back(estimated_cost(*child), child);
  std::stable_sort(costed.begin(), costed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const PredicateNode*> out;
  out.reserve(costed.size());
  for (const auto& entry : costed) out.push_back(entry.second);
  return out;
}

}  // namespace

int32_t Program::emit(const PredicateNode& node, int32_t on_true, int32_t on_false, bool memo_done,
                      bool negated) {
  PredicateNode::Structure s = node.structure();
  const bool leaf = s.kind == PredicateNode::Structure::Kind::kLeaf;
  if (!memo_done && worth_memo(node) && leaf) {
    Instr memo_test{Instr::Op::kMemoTest, false, node.shared_id(), on_true, on_false};
    memo_test.leaf = &node;
    memo_test.compute = leaf_function(node);
    if (may_read_unknowns(node)) {
      memo_test.op = Instr::Op::kMemoTestUnknown;
      memo_test.negated_memo = claim_negated_memo(node, negated);
      memo_test.unknown_leaf = describe_unknowns(node, negated);
    }
    return append(memo_test);
  }
  if (!memo_done && worth_memo(node)) {
    const uint32_t slot = node.shared_id();
    const bool own_memo = claim_negated_memo(node, negated);
    Instr store_false{Instr::Op::kStore, false, slot, on_false};
    Instr store_true{Instr::Op::kStore, true, slot, on_true};
    store_false.negated_memo = store_true.negated_memo = own_memo;
    int32_t if_false = append(store_false);
    int32_t if_true = append(store_true);
    int32_t body = emit(node, if_true, if_false, true, negated);
    Instr memo{Instr::Op::kMemo, false, slot, on_true, on_false, body};
    memo.negated_memo = own_memo;
    return append(memo);
  }
  switch (s.kind) {
    case PredicateNode::Structure::Kind::kAnd: {
      std::vector<const PredicateNode*> children = by_cost(s.children);
      int32_t next = on_true;
      for (auto it = children.rbegin(); it != children.rend(); ++it) {
        next = emit(**it, next, on_false, false, negated);
      }
      return next;
    }
    case PredicateNode::Structure::Kind::kOr: {
      std::vector<const PredicateNode*> children = by_cost(s.children);
      int32_t next = on_false;
      for (auto it = children.rbegin(); it != children.rend(); ++it) {
        next = emit(**it, on_true, next, false, negated);
      }
      return next;
    }
    case PredicateNode::Structure::Kind::kNot:
      return emit(*s.children[0], on_false, on_true, false, !negated);
    case PredicateNode::Structure::Kind::kLeaf:
      break;
  }
  return emit_leaf(node, on_true, on_false, negated);
}

int32_t Program::emit_leaf(const PredicateNode& node, int32_t on_true, int32_t on_false,
                           bool negated) {
  Instr test{Instr::Op::kTest, false, 0, on_true, on_false};
  test.leaf = &node;
  test.compute = leaf_function(node);
  if (may_read_unknowns(node)) {
    test.op = Instr::Op::kTestUnknown;
    test.unknown_leaf = describe_unknowns(node, negated);
  }
  return append(test);
}

uint32_t Program::describe_unknowns(const PredicateNode& leaf, bool negated) {
  const std::vector<const FieldRef*> fields = result_fields(leaf);
  unknown_leaves_.push_back({static_cast<uint32_t>(unknown_fields_.size()),
                             static_cast<uint32_t>(fields.size()), !negated});
  unknown_fields_.insert(unknown_fields_.end(), fields.begin(), fields.end());
  return static_cast<uint32_t>(unknown_leaves_.size() - 1);
}

bool Program::worth_memo(const PredicateNode& node) const {
  uint32_t id = node.shared_id();
  if (id == PredicateNode::kNotShared) return false;
  return uses_.empty() || id >= uses_.size() || uses_[id] > 1;
}

bool Program::run(FieldSource& source, EvalScratch& scratch) const {
  return execute(source, scratch, nullptr, false, Unknowns::kMissing) == kAccept;
}

void Program::run_all(FieldSource& source, EvalScratch& scratch, std::vector<uint32_t>& matched,
                      bool first_only, Unknowns unknowns) const {
  execute(source, scratch, &matched, first_only, unknowns);
}

int32_t Program::execute(FieldSource& source, EvalScratch& scratch, std::vector<uint32_t>* matched,
                         bool first_only, Unknowns unknowns) const {
  // Without an event generation nothing is shared (PredicateNode::eval): memos always compute.
  const bool sharing = scratch.event_generation != 0;
  if (unknowns == Unknowns::kMayMatch) {
    if (scratch.shared_negated.size() < negated_slots_) scratch.shared_negated.resize(negated_slots_);
    return sharing ? execute_loop<true, true>(source, scratch, matched, first_only)
                   : execute_loop<false, true>(source, scratch, matched, first_only);
  }
  return sharing ? execute_loop<true, false>(source, scratch, matched, first_only)
                 : execute_loop<false, false>(source, scratch, matched, first_only);
}

bool Program::any_unknown(const UnknownLeaf& leaf, FieldSource& source) const {
  for (uint32_t i = 0; i < leaf.count; ++i) {
    if (source.unknown(*unknown_fields_[leaf.begin + i])) return true;
  }
  return false;
}

template <bool kSharing, bool kUnknowns>
int32_t Program::execute_loop(FieldSource& source, EvalScratch& scratch, std::vector<uint32_t>* matched,
                              bool first_only) const {
  const uint64_t generation = scratch.event_generation;
  // Held in locals: leaves run through indirect calls, after which members would be reloaded.
  // Leaves never resize the scratch's memo table (prepare() sized it).
  const Instr* code = code_.data();
  EvalScratch::SharedResult* shared = scratch.shared.data();
  EvalScratch::SharedResult* shared_negated = scratch.shared_negated.data();
  // The memo of a lookup or store: kMissing gives both sides of a `not` the same exact value.
  auto memo = [&](const Instr& in) -> EvalScratch::SharedResult& {
    if constexpr (kUnknowns) {
      if (in.negated_memo) return shared_negated[in.shared_id];
    }
    return shared[in.shared_id];
  };
  // A leaf's value through its memo: computed at most once per event generation.
  auto memoized = [&](const Instr& in, auto&& test) -> bool {
    if constexpr (kSharing) {
      EvalScratch::SharedResult& r = memo(in);
      if (r.generation != generation) r = {generation, test()};
      return r.value;
    } else {
      return test();
    }
  };
  // A leaf that may read unknown values: with kMayMatch, an unknown one leans towards a match.
  auto test_unknown = [&](const Instr& in) {
    const UnknownLeaf& unknown = unknown_leaves_[in.unknown_leaf];
    if (kUnknowns && any_unknown(unknown, source)) return unknown.towards_true;
    return in.compute(*in.leaf, source, scratch);
  };
  int32_t pc = entry_;
  while (pc >= 0) {
    const Instr& in = code[pc];
    switch (in.op) {
      case Instr::Op::kTest:
        pc = in.compute(*in.leaf, source, scratch) ? in.on_true : in.on_false;
        break;
      case Instr::Op::kTestUnknown:
        pc = test_unknown(in) ? in.on_true : in.on_false;
        break;
      case Instr::Op::kMemo:
        if constexpr (kSharing) {
          const EvalScratch::SharedResult& r = memo(in);
          pc = r.generation != generation ? in.body : (r.value ? in.on_true : in.on_false);
        } else {
          pc = in.body;
        }
        break;
      case Instr::Op::kStore:
        if constexpr (kSharing) memo(in) = {generation, in.value};
        pc = in.on_true;
        break;
      case Instr::Op::kMemoTest: {
        const bool value = memoized(in, [&] { return in.compute(*in.leaf, source, scratch); });
        pc = value ? in.on_true : in.on_false;
        break;
      }
      case Instr::Op::kMemoTestUnknown:
        pc = memoized(in, [&] { return test_unknown(in); }) ? in.on_true : in.on_false;
        break;
      case Instr::Op::kMatch:
        matched->push_back(in.shared_id);
        if (first_only) return kAccept;
        pc = in.on_true;
        break;
    }
  }
  return pc;
}

}  // namespace lanner::lang
