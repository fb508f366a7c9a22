#include "lang/checks.h"

#include <re2/re2.h>

#include <string_view>

namespace lanner::lang {

ConstantRhs::ConstantRhs() = default;
ConstantRhs::~ConstantRhs() = default;
ConstantRhs::ConstantRhs(ConstantRhs&&) noexcept = default;
ConstantRhs& ConstantRhs::operator=(ConstantRhs&&) noexcept = default;

namespace {

using Kind = FoldResult::Kind;

// `and` (kAnd = true) and `or` (kAnd = false): children left to right, stopping at the first
// one that decides. Children are owned (compiled trees) or borrowed from the compiled tree
// (trees folded for one event type, see fold_event_type).
template <bool kAnd>
class ConnectiveNode final : public PredicateNode {
 public:
  explicit ConnectiveNode(std::vector<PredicateNodePtr> owned) : owned_(std::move(owned)) {
    for (const auto& c : owned_) children_.push_back(c.get());
  }
  explicit ConnectiveNode(std::vector<const PredicateNode*> borrowed) : children_(std::move(borrowed)) {}

  bool compute(FieldSource& s, EvalScratch& x) const override {
    for (const PredicateNode* c : children_) {
      if (c->eval(s, x) != kAnd) return !kAnd;
    }
    return kAnd;
  }

  // A child folded to the deciding constant (false for `and`) decides the whole node; one
  // folded to the other constant drops out. Checks are pure, so skipping the children before
  // a deciding one cannot change the result.
  FoldResult fold_event_type(std::string_view evt_type, NodeArena& arena) const override {
    constexpr Kind deciding = kAnd ? Kind::kFalse : Kind::kTrue;
    constexpr Kind neutral = kAnd ? Kind::kTrue : Kind::kFalse;
    std::vector<const PredicateNode*> kept;
    bool changed = false;
    for (const PredicateNode* c : children_) {
      FoldResult f = c->fold_event_type(evt_type, arena);
      if (f.kind == deciding) return {deciding, nullptr};
      changed |= f.kind == neutral || f.node != c;
      if (f.kind == Kind::kNode) kept.push_back(f.node);
    }
    if (!changed) return {Kind::kNode, this};
    if (kept.empty()) return {neutral, nullptr};
    if (kept.size() == 1) return {Kind::kNode, kept[0]};
    auto folded = std::make_unique<ConnectiveNode>(std::move(kept));
    folded->share_as(shared_id());
    return {Kind::kNode, arena.keep(std::move(folded))};
  }

 private:
  std::vector<PredicateNodePtr> owned_;
  std::vector<const PredicateNode*> children_;
};

class NotNode final : public PredicateNode {
 public:
  explicit NotNode(PredicateNodePtr c) : owned_(std::move(c)), child_(owned_.get()) {}
  explicit NotNode(const PredicateNode* borrowed) : child_(borrowed) {}

  bool compute(FieldSource& s, EvalScratch& x) const override { return !child_->eval(s, x); }

  FoldResult fold_event_type(std::string_view evt_type, NodeArena& arena) const override {
    FoldResult f = child_->fold_event_type(evt_type, arena);
    if (f.kind == Kind::kTrue) return {Kind::kFalse, nullptr};
    if (f.kind == Kind::kFalse) return {Kind::kTrue, nullptr};
    if (f.node == child_) return {Kind::kNode, this};
    auto folded = std::make_unique<NotNode>(f.node);
    folded->share_as(shared_id());
    return {Kind::kNode, arena.keep(std::move(folded))};
  }

 private:
  PredicateNodePtr owned_;
  const PredicateNode* child_;
};

class ExistsNode final : public PredicateNode {
 public:
  explicit ExistsNode(OperandPtr f) : field_(std::move(f)) {}
  bool compute(FieldSource& s, EvalScratch& x) const override { return field_->eval(s, x) != nullptr; }

 private:
  OperandPtr field_;
};

// Large string sets use a hash set; small ones are scanned (cheaper for a handful of items).
constexpr size_t kHashSetThreshold = 8;

// A check against constants: `lhs op value`, `lhs in (a, b)`, `lhs op anyof (a, b)`.
class ConstantCheck final : public PredicateNode {
 public:
  ConstantCheck(OperandPtr lhs, CmpOp op, Modifier modifier, ConstantRhs rhs, bool event_type_lhs)
      : lhs_(std::move(lhs)), op_(op), modifier_(modifier), rhs_(std::move(rhs)),
        event_type_lhs_(event_type_lhs) {
    bool string_set = (op_ == CmpOp::kIn || op_ == CmpOp::kIntersects) &&
                      (lhs_->type == FieldType::kString || lhs_->type == FieldType::kBytes);
    if (string_set && rhs_.values.size() > kHashSetThreshold) {
      for (const RhsValue& v : rhs_.values) set_.insert(v.value.str);
    }
    // `field = text` / `field != text`, the commonest check, skips the generic dispatch.
    bool string_lhs = lhs_->type == FieldType::kString || lhs_->type == FieldType::kBytes;
    string_equality_ = string_lhs && modifier_ == Modifier::kNone && rhs_.values.size() == 1 &&
                       (op_ == CmpOp::kEq || op_ == CmpOp::kNe);
  }

  bool compute(FieldSource& s, EvalScratch& x) const override {
    const FieldValues* values = lhs_->eval(s, x);
    return values && test(*values);
  }

  // `evt.type op constants` is decided by the event type alone.
  FoldResult fold_event_type(std::string_view evt_type, NodeArena&) const override {
    if (!event_type_lhs_) return {Kind::kNode, this};
    FieldValues type(1);
    type[0].str = evt_type;
    return {test(type) ? Kind::kTrue : Kind::kFalse, nullptr};
  }

 private:
  bool test(const FieldValues& values) const {
    if (string_equality_) {
      std::string_view want = rhs_.values[0].value.str;
      bool equal_wanted = op_ == CmpOp::kEq;
      for (const FieldValue& v : values) {
        if ((v.str == want) == equal_wanted) return true;
      }
      return false;
    }
    if (modifier_ != Modifier::kNone) return eval_modifier(values);
    if (op_ == CmpOp::kIn && lhs_->list) {
      for (const FieldValue& v : values) {
        if (!in_set(v)) return false;
      }
      return true;
    }
    for (const FieldValue& v : values) {
      if (matches_one(v)) return true;
    }
    return false;
  }

  bool in_set(const FieldValue& v) const {
    if (!set_.empty()) return set_.count(v.str) != 0;
    if (lhs_->type == FieldType::kString || lhs_->type == FieldType::kBytes) {
      for (const RhsValue& r : rhs_.values) {
        if (r.value.str == v.str) return true;
      }
      return false;
    }
    for (const RhsValue& r : rhs_.values) {
      if (compare_value(lhs_->type, v, CmpOp::kEq, r)) return true;
    }
    return false;
  }

  bool matches_one(const FieldValue& v) const {
    switch (op_) {
      case CmpOp::kIn:
      case CmpOp::kIntersects:
        return in_set(v);
      case CmpOp::kPmatch:
        for (const RhsValue& r : rhs_.values) {
          if (compare_value(lhs_->type, v, CmpOp::kPmatch, r)) return true;
        }
        return false;
      default:
        return compare_value(lhs_->type, v, op_, rhs_.values[0]);
    }
  }

  // oneof: exactly one list element matches; anyof: at least one; allof: all of them.
  bool eval_modifier(const FieldValues& values) const {
    size_t hits = 0;
    for (const RhsValue& r : rhs_.values) {
      for (const FieldValue& v : values) {
        if (compare_value(lhs_->type, v, op_, r)) {
          ++hits;
          break;
        }
      }
    }
    switch (modifier_) {
      case Modifier::kOneOf: return hits == 1;
      case Modifier::kAnyOf: return hits >= 1;
      case Modifier::kAllOf: return hits == rhs_.values.size();
      case Modifier::kNone: break;
    }
    return false;
  }

  OperandPtr lhs_;
  CmpOp op_;
  Modifier modifier_;
  ConstantRhs rhs_;
  bool event_type_lhs_;  // the left side is evt.type (without argument)
  std::unordered_set<std::string_view> set_;
  bool string_equality_ = false;
};

// A check whose right side is computed per event: `lhs op val(field)` or a transformer.
class OperandCheck final : public PredicateNode {
 public:
  OperandCheck(OperandPtr lhs, CmpOp op, OperandPtr rhs)
      : lhs_(std::move(lhs)), op_(op), rhs_(std::move(rhs)) {}

  bool compute(FieldSource& s, EvalScratch& x) const override {
    const FieldValues* left = lhs_->eval(s, x);
    if (!left) return false;
    const FieldValues* right = rhs_->eval(s, x);
    if (!right) return false;
    CmpOp single = is_list_operator(op_) && op_ != CmpOp::kPmatch ? CmpOp::kEq : op_;
    auto in_right = [&](const FieldValue& v) {
      for (const FieldValue& r : *right) {
        RhsValue rv;
        rv.value = r;
        if (compare_value(lhs_->type, v, single, rv)) return true;
      }
      return false;
    };
    if (op_ == CmpOp::kIn && lhs_->list) {
      for (const FieldValue& v : *left) {
        if (!in_right(v)) return false;
      }
      return true;
    }
    for (const FieldValue& v : *left) {
      if (in_right(v)) return true;
    }
    return false;
  }

 private:
  OperandPtr lhs_;
  CmpOp op_;
  OperandPtr rhs_;
};

}  // namespace

PredicateNodePtr make_and(std::vector<PredicateNodePtr> children) {
  return std::make_unique<ConnectiveNode<true>>(std::move(children));
}
PredicateNodePtr make_or(std::vector<PredicateNodePtr> children) {
  return std::make_unique<ConnectiveNode<false>>(std::move(children));
}
PredicateNodePtr make_not(PredicateNodePtr child) { return std::make_unique<NotNode>(std::move(child)); }
PredicateNodePtr make_exists(OperandPtr field) { return std::make_unique<ExistsNode>(std::move(field)); }
PredicateNodePtr make_shared_result(PredicateNodePtr child, uint32_t shared_id) {
  child->share_as(shared_id);
  return child;
}

PredicateNodePtr make_constant_check(OperandPtr lhs, CmpOp op, Modifier modifier, ConstantRhs rhs,
                                     bool event_type_lhs) {
  return std::make_unique<ConstantCheck>(std::move(lhs), op, modifier, std::move(rhs), event_type_lhs);
}

PredicateNodePtr make_operand_check(OperandPtr lhs, CmpOp op, OperandPtr rhs) {
  return std::make_unique<OperandCheck>(std::move(lhs), op, std::move(rhs));
}

}  // namespace lanner::lang
