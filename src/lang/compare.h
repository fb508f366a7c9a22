#pragma once
// Operators and the one-value comparison at the heart of every check.
#include <optional>
#include <string_view>

#include "lang/field_catalog.h"
#include "lang/value.h"

namespace re2 {
class RE2;
}

namespace lanner::lang {

enum class CmpOp : uint8_t {
  kEq, kNe, kLt, kLe, kGt, kGe,
  kContains, kIContains, kBContains, kStartsWith, kBStartsWith, kEndsWith,
  kGlob, kIGlob, kRegex, kPmatch,
  kIn, kIntersects, kExists,
};

std::optional<CmpOp> parse_operator(std::string_view op);
std::string_view operator_text(CmpOp op);
bool is_list_operator(CmpOp op);  // in, intersects, pmatch

// True if `op` may be applied to a field of type `type` (falco-language.md 2.3 type rules).
bool operator_allowed(CmpOp op, FieldType type);

// A right-hand side constant: the typed value, plus a network for IP types and a compiled
// regex for `regex`.
struct RhsValue {
  FieldValue value;
  IpNetwork net;                 // kIpAddr / kIpNet
  const re2::RE2* regex = nullptr;
};

// `a op b` for the ordering operators (= != < <= > >=); false for any other operator.
template <typename T>
bool compare_ordered(T a, CmpOp op, T b) {
  switch (op) {
    case CmpOp::kEq: return a == b;
    case CmpOp::kNe: return a != b;
    case CmpOp::kLt: return a < b;
    case CmpOp::kLe: return a <= b;
    case CmpOp::kGt: return a > b;
    case CmpOp::kGe: return a >= b;
    default: return false;
  }
}

// `lhs op rhs` for one LHS value of the LHS operand's declared `type` (op is never kIn/kIntersects/kExists here: set operators are
// evaluated by the caller as a sequence of kEq/kPmatch tests).
bool compare_value(FieldType type, const FieldValue& lhs, CmpOp op, const RhsValue& rhs);

}  // namespace lanner::lang
