#include "lang/checks.h"

#include <re2/re2.h>

#include <string_view>
#include <tuple>
#include <utility>

#include "lang/operands.h"
#include "lang/string_set.h"

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

  Structure structure() const override {
    return {kAnd ? Structure::Kind::kAnd : Structure::Kind::kOr, children_};
  }

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
  Structure structure() const override { return {Structure::Kind::kNot, {&child_, 1}}; }

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
  int leaf_cost() const override { return field_->costly ? 2 : 1; }
  void add_fields(std::vector<const FieldRef*>& out) const override { field_->add_fields(out); }

 private:
  OperandPtr field_;
};

bool is_string_type(FieldType t) { return t == FieldType::kString || t == FieldType::kBytes; }

// The comparisons the upstream rules make most often get their own code in ConstantCheck,
// without compare_value's dispatch on type and operator per value.
enum class Shape : uint8_t {
  kGeneric,     // compare_value per value and constant
  kStrEq,       // string = text
  kStrNe,       // string != text
  kStrSet,      // string in / intersects (texts)
  kStartsWith,  // string startswith / bstartswith text
  kEndsWith,    // string endswith text
  kContains,    // string contains / bcontains text
  kSigned,      // signed number = != < <= > >= number
  kUnsigned,    // unsigned number = != < <= > >= number
  kBool,        // bool = / != true|false
};

Shape string_shape(CmpOp op, size_t constants) {
  switch (op) {
    case CmpOp::kIn: case CmpOp::kIntersects: return Shape::kStrSet;
    default: break;
  }
  if (constants != 1) return Shape::kGeneric;
  switch (op) {
    case CmpOp::kEq: return Shape::kStrEq;
    case CmpOp::kNe: return Shape::kStrNe;
    case CmpOp::kStartsWith: case CmpOp::kBStartsWith: return Shape::kStartsWith;
    case CmpOp::kEndsWith: return Shape::kEndsWith;
    case CmpOp::kContains: case CmpOp::kBContains: return Shape::kContains;
    default: return Shape::kGeneric;
  }
}

Shape choose_shape(FieldType type, CmpOp op, Modifier modifier, size_t constants) {
  if (modifier != Modifier::kNone || constants == 0) return Shape::kGeneric;
  if (is_string_type(type)) return string_shape(op, constants);
  bool ordered_op = op == CmpOp::kEq || op == CmpOp::kNe || op == CmpOp::kLt || op == CmpOp::kLe ||
                    op == CmpOp::kGt || op == CmpOp::kGe;
  if (!ordered_op || constants != 1) return Shape::kGeneric;
  switch (type) {
    case FieldType::kSigned: return Shape::kSigned;
    case FieldType::kUnsigned: return Shape::kUnsigned;
    case FieldType::kBool: return op == CmpOp::kEq || op == CmpOp::kNe ? Shape::kBool : Shape::kGeneric;
    default: return Shape::kGeneric;
  }
}

// True if `pred` holds for any value (scalar fields have exactly one).
// Always inlined: GCC kept the string shapes' loops out of line, a call per check.
template <typename Pred>
[[gnu::always_inline]] inline bool any_value(const FieldValues& values, Pred pred) {
  for (const FieldValue& v : values) {
    if (pred(v)) return true;
  }
  return false;
}

// A check against constants: `lhs op value`, `lhs in (a, b)`, `lhs op anyof (a, b)`.
class ConstantCheck final : public PredicateNode {
 public:
  ConstantCheck(OperandPtr lhs, CmpOp op, Modifier modifier, ConstantRhs rhs, bool event_type_lhs,
                CheckDispatch dispatch)
      : lhs_(std::move(lhs)), op_(op), modifier_(modifier), rhs_(std::move(rhs)),
        event_type_lhs_(event_type_lhs), shared_(shared_field_of(*lhs_)) {
    Shape shape = dispatch == CheckDispatch::kGeneric
                      ? Shape::kGeneric
                      : choose_shape(lhs_->type, op_, modifier_, rhs_.values.size());
    std::tie(test_, direct_) = functions_for(shape, shared_.ref != nullptr);
    if (shape == Shape::kGeneric) return;
    want_ = rhs_.values[0].value;
    all_in_set_ = op_ == CmpOp::kIn && lhs_->list;
    if (shape == Shape::kStrSet) {
      std::vector<std::string_view> texts;
      texts.reserve(rhs_.values.size());
      for (const RhsValue& v : rhs_.values) texts.push_back(v.value.str);
      set_ = StringSet(texts);
    }
  }

  bool compute(FieldSource& s, EvalScratch& x) const override { return direct_(*this, s, x); }

  // compute() as a plain function (see leaf_function): the shape's test inlined into the read.
  LeafFn direct() const { return direct_; }

  // Only text rendering counts: a pattern match on a field already extracted for other checks
  // is cheaper than a plain check that extracts a new field (measured on the upstream rules).
  int leaf_cost() const override { return lhs_->costly ? 2 : 1; }
  void add_fields(std::vector<const FieldRef*>& out) const override { lhs_->add_fields(out); }

  // `evt.type op constants` is decided by the event type alone.
  FoldResult fold_event_type(std::string_view evt_type, NodeArena&) const override {
    if (!event_type_lhs_) return {Kind::kNode, this};
    FieldValues type(1);
    type[0].str = evt_type;
    return {test(type) ? Kind::kTrue : Kind::kFalse, nullptr};
  }

 private:
  bool test(const FieldValues& values) const { return test_(*this, values); }

  // One small function per shape, chosen once at construction: cheaper per check than a
  // switch inside one large function that must save registers for its costliest case.
  using TestFn = bool (*)(const ConstantCheck&, const FieldValues&);

  template <Shape kShape>
  bool test_as(const FieldValues& vs) const {
    if constexpr (kShape == Shape::kStrEq) {
      return any_value(vs, [&](const FieldValue& v) { return v.str == want_.str; });
    } else if constexpr (kShape == Shape::kStrNe) {
      return any_value(vs, [&](const FieldValue& v) { return v.str != want_.str; });
    } else if constexpr (kShape == Shape::kStrSet) {
      return test_set(vs);
    } else if constexpr (kShape == Shape::kStartsWith) {
      return any_value(vs, [&](const FieldValue& v) { return v.str.starts_with(want_.str); });
    } else if constexpr (kShape == Shape::kEndsWith) {
      return any_value(vs, [&](const FieldValue& v) { return v.str.ends_with(want_.str); });
    } else if constexpr (kShape == Shape::kContains) {
      return any_value(vs, [&](const FieldValue& v) { return v.str.find(want_.str) != std::string_view::npos; });
    } else if constexpr (kShape == Shape::kSigned) {
      return any_value(vs, [&](const FieldValue& v) { return compare_ordered(v.num, op_, want_.num); });
    } else if constexpr (kShape == Shape::kUnsigned) {
      return any_value(vs, [&](const FieldValue& v) {
        return compare_ordered(v.unsigned_num(), op_, want_.unsigned_num());
      });
    } else if constexpr (kShape == Shape::kBool) {
      return any_value(vs, [&](const FieldValue& v) { return compare_ordered(v.num != 0, op_, want_.num != 0); });
    } else {
      return test_generic(vs);
    }
  }

  template <Shape kShape>
  static bool test_fn(const ConstantCheck& c, const FieldValues& vs) {
    return c.test_as<kShape>(vs);
  }

  // The whole check for one shape. kShared: the left side is a shared field, read through the
  // per-event cache here (as lhs_->eval would), without the operand's virtual call, which costs
  // about as much as the check itself.
  template <Shape kShape, bool kShared>
  static bool direct_fn(const PredicateNode& node, FieldSource& s, EvalScratch& x) {
    const auto& c = static_cast<const ConstantCheck&>(node);
    const FieldValues* values = nullptr;
    if constexpr (kShared) {
      values = x.event_generation != 0 ? read_shared_field(*c.shared_.ref, c.shared_.id, s, x)
                                       : c.lhs_->eval(s, x);
    } else {
      values = c.lhs_->eval(s, x);
    }
    return values && c.test_as<kShape>(*values);
  }

  template <Shape kShape>
  static std::pair<TestFn, LeafFn> functions_of(bool shared) {
    LeafFn whole_check = &direct_fn<kShape, false>;
    if (shared) whole_check = &direct_fn<kShape, true>;
    return {&test_fn<kShape>, whole_check};
  }

  static std::pair<TestFn, LeafFn> functions_for(Shape shape, bool shared) {
    switch (shape) {
      case Shape::kGeneric: return functions_of<Shape::kGeneric>(shared);
      case Shape::kStrEq: return functions_of<Shape::kStrEq>(shared);
      case Shape::kStrNe: return functions_of<Shape::kStrNe>(shared);
      case Shape::kStrSet: return functions_of<Shape::kStrSet>(shared);
      case Shape::kStartsWith: return functions_of<Shape::kStartsWith>(shared);
      case Shape::kEndsWith: return functions_of<Shape::kEndsWith>(shared);
      case Shape::kContains: return functions_of<Shape::kContains>(shared);
      case Shape::kSigned: return functions_of<Shape::kSigned>(shared);
      case Shape::kUnsigned: return functions_of<Shape::kUnsigned>(shared);
      case Shape::kBool: return functions_of<Shape::kBool>(shared);
    }
    return functions_of<Shape::kGeneric>(shared);
  }

  // `in` on a list field: every value is in the set; otherwise any value.
  bool test_set(const FieldValues& values) const {
    if (all_in_set_) {
      for (const FieldValue& v : values) {
        if (!set_.contains(v.str)) return false;
      }
      return true;
    }
    return any_value(values, [&](const FieldValue& v) { return set_.contains(v.str); });
  }

  // The reference semantics, for every shape: compare_value on each value and constant.
  bool test_generic(const FieldValues& values) const {
    if (modifier_ != Modifier::kNone) return eval_modifier(values);
    if (op_ == CmpOp::kIn && lhs_->list) {
      for (const FieldValue& v : values) {
        if (!in_list(v)) return false;
      }
      return true;
    }
    return any_value(values, [&](const FieldValue& v) { return matches_one(v); });
  }

  bool in_list(const FieldValue& v) const {
    for (const RhsValue& r : rhs_.values) {
      if (compare_value(lhs_->type, v, CmpOp::kEq, r)) return true;
    }
    return false;
  }

  bool matches_one(const FieldValue& v) const {
    switch (op_) {
      case CmpOp::kIn:
      case CmpOp::kIntersects:
        return in_list(v);
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
  SharedFieldRef shared_;  // shared_field_of(*lhs_): points into lhs_
  TestFn test_ = nullptr;     // set by the constructor, as is direct_
  LeafFn direct_ = nullptr;
  bool all_in_set_ = false;  // kStrSet: `in` on a list field
  FieldValue want_;          // the constant of single-constant shapes
  StringSet set_;            // kStrSet
};

// A check whose right side is computed per event: `lhs op val(field)` or a transformer.
class OperandCheck final : public PredicateNode {
 public:
  OperandCheck(OperandPtr lhs, CmpOp op, OperandPtr rhs)
      : lhs_(std::move(lhs)), op_(op), rhs_(std::move(rhs)) {}

  int leaf_cost() const override { return 2 + (lhs_->costly || rhs_->costly ? 1 : 0); }
  void add_fields(std::vector<const FieldRef*>& out) const override {
    lhs_->add_fields(out);
    rhs_->add_fields(out);
  }

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
                                     bool event_type_lhs, CheckDispatch dispatch) {
  return std::make_unique<ConstantCheck>(std::move(lhs), op, modifier, std::move(rhs), event_type_lhs,
                                         dispatch);
}

PredicateNodePtr make_operand_check(OperandPtr lhs, CmpOp op, OperandPtr rhs) {
  return std::make_unique<OperandCheck>(std::move(lhs), op, std::move(rhs));
}

LeafFn leaf_function(const PredicateNode& leaf) {
  if (const auto* check = dynamic_cast<const ConstantCheck*>(&leaf)) return check->direct();
  return [](const PredicateNode& node, FieldSource& s, EvalScratch& x) { return node.compute_unshared(s, x); };
}

}  // namespace lanner::lang
