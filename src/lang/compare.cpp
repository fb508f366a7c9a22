#include "lang/compare.h"

#include <re2/re2.h>

#include <array>
#include <cstring>
#include <utility>

#include "lang/string_match.h"

namespace lanner::lang {

namespace {

constexpr std::array<std::pair<std::string_view, CmpOp>, 20> kOperators{{
    {"=", CmpOp::kEq}, {"==", CmpOp::kEq}, {"!=", CmpOp::kNe}, {"<", CmpOp::kLt},
    {"<=", CmpOp::kLe}, {">", CmpOp::kGt}, {">=", CmpOp::kGe}, {"contains", CmpOp::kContains},
    {"icontains", CmpOp::kIContains}, {"bcontains", CmpOp::kBContains},
    {"startswith", CmpOp::kStartsWith}, {"bstartswith", CmpOp::kBStartsWith},
    {"endswith", CmpOp::kEndsWith}, {"glob", CmpOp::kGlob}, {"iglob", CmpOp::kIGlob},
    {"regex", CmpOp::kRegex}, {"pmatch", CmpOp::kPmatch}, {"in", CmpOp::kIn},
    {"intersects", CmpOp::kIntersects}, {"exists", CmpOp::kExists},
}};

bool compare_string(std::string_view a, CmpOp op, const RhsValue& rhs) {
  std::string_view b = rhs.value.str;
  switch (op) {
    case CmpOp::kEq: return a == b;
    case CmpOp::kNe: return a != b;
    case CmpOp::kLt: case CmpOp::kLe: case CmpOp::kGt: case CmpOp::kGe:
      return compare_ordered(a.compare(b), op, 0);
    case CmpOp::kContains: case CmpOp::kBContains: return a.find(b) != std::string_view::npos;
    case CmpOp::kIContains: return icontains(a, b);
    case CmpOp::kStartsWith: case CmpOp::kBStartsWith: return a.substr(0, b.size()) == b;
    case CmpOp::kEndsWith: return a.size() >= b.size() && a.substr(a.size() - b.size()) == b;
    case CmpOp::kGlob: return glob_match(b, a, false);
    case CmpOp::kIGlob: return glob_match(b, a, true);
    case CmpOp::kPmatch: return path_prefix_match(b, a);
    case CmpOp::kRegex:
      return rhs.regex && RE2::FullMatch(re2::StringPiece(a.data(), a.size()), *rhs.regex);
    default: return false;
  }
}

bool compare_ip(const FieldValue& a, CmpOp op, const RhsValue& rhs) {
  bool inside;
  if (rhs.value.type == FieldType::kIpAddr || rhs.value.type == FieldType::kIpNet) {
    inside = ip_in_network(a, rhs.net);
  } else {
    // val(other_ip_field): exact address equality.
    inside = a.ipv6 == rhs.value.ipv6 && std::memcmp(a.ip, rhs.value.ip, a.ipv6 ? 16 : 4) == 0;
  }
  if (op == CmpOp::kEq) return inside;
  if (op == CmpOp::kNe) return !inside;
  return false;
}

}  // namespace

std::optional<CmpOp> parse_operator(std::string_view op) {
  for (const auto& [text, value] : kOperators) {
    if (text == op) return value;
  }
  return std::nullopt;
}

std::string_view operator_text(CmpOp op) {
  for (const auto& [text, value] : kOperators) {
    if (value == op) return text;
  }
  return "?";
}

bool is_list_operator(CmpOp op) {
  return op == CmpOp::kIn || op == CmpOp::kIntersects || op == CmpOp::kPmatch;
}

bool operator_allowed(CmpOp op, FieldType type) {
  switch (op) {
    case CmpOp::kEq: case CmpOp::kNe: case CmpOp::kIn: case CmpOp::kIntersects:
    case CmpOp::kExists:
      return true;
    case CmpOp::kLt: case CmpOp::kLe: case CmpOp::kGt: case CmpOp::kGe:
      return type == FieldType::kSigned || type == FieldType::kUnsigned || type == FieldType::kString;
    case CmpOp::kContains: case CmpOp::kStartsWith: case CmpOp::kEndsWith:
      return type == FieldType::kString || type == FieldType::kBytes;
    case CmpOp::kBContains: case CmpOp::kBStartsWith:
      return type == FieldType::kBytes;
    case CmpOp::kIContains: case CmpOp::kGlob: case CmpOp::kIGlob: case CmpOp::kRegex:
    case CmpOp::kPmatch:
      return type == FieldType::kString;
  }
  return false;
}

bool compare_value(FieldType type, const FieldValue& lhs, CmpOp op, const RhsValue& rhs) {
  switch (type) {
    case FieldType::kString:
    case FieldType::kBytes:
      return compare_string(lhs.str, op, rhs);
    case FieldType::kSigned:
      return compare_ordered(lhs.num, op, rhs.value.num);
    case FieldType::kUnsigned:
      return compare_ordered(lhs.unsigned_num(), op, rhs.value.unsigned_num());
    case FieldType::kBool:
      return compare_ordered(lhs.num != 0, op, rhs.value.num != 0);
    case FieldType::kIpAddr:
    case FieldType::kIpNet:
      return compare_ip(lhs, op, rhs);
  }
  return false;
}

}  // namespace lanner::lang
