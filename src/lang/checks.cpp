#include "lang/checks.h"

#include <re2/re2.h>

#include <string_view>

namespace lanner::lang {

ConstantRhs::ConstantRhs() = default;
ConstantRhs::~ConstantRhs() = default;
ConstantRhs::ConstantRhs(ConstantRhs&&) noexcept = default;
ConstantRhs& ConstantRhs::operator=(ConstantRhs&&) noexcept = default;

namespace {

class AndNode final : public PredicateNode {
 public:
  explicit AndNode(std::vector<PredicateNodePtr> c) : children_(std::move(c)) {}
  bool eval(FieldSource& s, EvalScratch& x) const override {
    for (const auto& c : children_) {
      if (!c->eval(s, x)) return false;
    }
    return true;
  }

 private:
  std::vector<PredicateNodePtr> children_;
};

class OrNode final : public PredicateNode {
 public:
  explicit OrNode(std::vector<PredicateNodePtr> c) : children_(std::move(c)) {}
  bool eval(FieldSource& s, EvalScratch& x) const override {
    for (const auto& c : children_) {
      if (c->eval(s, x)) return true;
    }
    return false;
  }

 private:
  std::vector<PredicateNodePtr> children_;
};

class NotNode final : public PredicateNode {
 public:
  explicit NotNode(PredicateNodePtr c) : child_(std::move(c)) {}
  bool eval(FieldSource& s, EvalScratch& x) const override { return !child_->eval(s, x); }

 private:
  PredicateNodePtr child_;
};

class ExistsNode final : public PredicateNode {
 public:
  explicit ExistsNode(OperandPtr f) : field_(std::move(f)) {}
  bool eval(FieldSource& s, EvalScratch& x) const override { return field_->eval(s, x) != nullptr; }

 private:
  OperandPtr field_;
};

class SharedResultNode final : public PredicateNode {
 public:
  SharedResultNode(PredicateNodePtr c, uint32_t id) : child_(std::move(c)), id_(id) {}
  bool eval(FieldSource& s, EvalScratch& x) const override {
    if (x.event_generation == 0) return child_->eval(s, x);
    EvalScratch::SharedResult& r = x.shared[id_];
    if (r.generation != x.event_generation) {
      r.value = child_->eval(s, x);  // may itself fill other shared results: `r` stays valid,
      r.generation = x.event_generation;  // as ensure() sized the vector before evaluation
    }
    return r.value;
  }

 private:
  PredicateNodePtr child_;
  uint32_t id_;
};

// Large string sets use a hash set; small ones are scanned (cheaper for a handful of items).
constexpr size_t kHashSetThreshold = 8;

// A check against constants: `lhs op value`, `lhs in (a, b)`, `lhs op anyof (a, b)`.
class ConstantCheck final : public PredicateNode {
 public:
  ConstantCheck(OperandPtr lhs, CmpOp op, Modifier modifier, ConstantRhs rhs)
      : lhs_(std::move(lhs)), op_(op), modifier_(modifier), rhs_(std::move(rhs)) {
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

  bool eval(FieldSource& s, EvalScratch& x) const override {
    const FieldValues* values = lhs_->eval(s, x);
    if (!values) return false;
    if (string_equality_) {
      std::string_view want = rhs_.values[0].value.str;
      bool equal_wanted = op_ == CmpOp::kEq;
      for (const FieldValue& v : *values) {
        if ((v.str == want) == equal_wanted) return true;
      }
      return false;
    }
    if (modifier_ != Modifier::kNone) return eval_modifier(*values);
    if (op_ == CmpOp::kIn && lhs_->list) {
      for (const FieldValue& v : *values) {
        if (!in_set(v)) return false;
      }
      return true;
    }
    for (const FieldValue& v : *values) {
      if (matches_one(v)) return true;
    }
    return false;
  }

 private:
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
  std::unordered_set<std::string_view> set_;
  bool string_equality_ = false;
};

// A check whose right side is computed per event: `lhs op val(field)` or a transformer.
class OperandCheck final : public PredicateNode {
 public:
  OperandCheck(OperandPtr lhs, CmpOp op, OperandPtr rhs)
      : lhs_(std::move(lhs)), op_(op), rhs_(std::move(rhs)) {}

  bool eval(FieldSource& s, EvalScratch& x) const override {
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
  return std::make_unique<AndNode>(std::move(children));
}
PredicateNodePtr make_or(std::vector<PredicateNodePtr> children) {
  return std::make_unique<OrNode>(std::move(children));
}
PredicateNodePtr make_not(PredicateNodePtr child) { return std::make_unique<NotNode>(std::move(child)); }
PredicateNodePtr make_exists(OperandPtr field) { return std::make_unique<ExistsNode>(std::move(field)); }
PredicateNodePtr make_shared_result(PredicateNodePtr child, uint32_t shared_id) {
  return std::make_unique<SharedResultNode>(std::move(child), shared_id);
}

PredicateNodePtr make_constant_check(OperandPtr lhs, CmpOp op, Modifier modifier, ConstantRhs rhs) {
  return std::make_unique<ConstantCheck>(std::move(lhs), op, modifier, std::move(rhs));
}

PredicateNodePtr make_operand_check(OperandPtr lhs, CmpOp op, OperandPtr rhs) {
  return std::make_unique<OperandCheck>(std::move(lhs), op, std::move(rhs));
}

}  // namespace lanner::lang
