#include "lang/event_types.h"

#include <algorithm>
#include <iterator>

namespace lanner::lang {

namespace {

using Names = std::set<std::string>;

Names set_union(const Names& a, const Names& b) {
  Names out = a;
  out.insert(b.begin(), b.end());
  return out;
}
Names set_intersection(const Names& a, const Names& b) {
  Names out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}
Names set_difference(const Names& a, const Names& b) {
  Names out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

bool is_plain_field(const Node& n, std::string_view name) {
  return n.kind == NodeKind::kField && n.text == name && !n.has_arg;
}

Names values_of(const Node& rhs) {
  Names out;
  if (rhs.kind == NodeKind::kValue) out.insert(rhs.text);
  if (rhs.kind == NodeKind::kList) {
    for (const auto& c : rhs.children) out.insert(c->text);
  }
  return out;
}

// The types a check matches, before any negation.
EventTypeSet check_types(const Node& check, bool& negatable) {
  negatable = false;
  const Node& lhs = *check.children[0];
  bool has_constant_rhs = check.children.size() > 1 &&
                          (check.children[1]->kind == NodeKind::kValue ||
                           check.children[1]->kind == NodeKind::kList);
  if (!has_constant_rhs || !check.modifier.empty()) return EventTypeSet::all();
  const Node& rhs = *check.children[1];
  if (is_plain_field(lhs, "evt.type")) {
    const std::string& op = check.op;
    if (op == "=" || op == "==" || op == "in" || op == "intersects") {
      negatable = true;
      return EventTypeSet::of(values_of(rhs));
    }
    if (op == "!=") {
      negatable = true;
      return EventTypeSet::all_except(values_of(rhs));
    }
  }
  if (is_plain_field(lhs, "evt.num") && (check.op == "=" || check.op == "==") &&
      rhs.kind == NodeKind::kValue && (rhs.text == "0" || rhs.text == "0x0")) {
    return EventTypeSet::none();  // negated: still "all" (not negatable)
  }
  return EventTypeSet::all();
}

EventTypeSet analyse(const Node& n, bool negated) {
  switch (n.kind) {
    case NodeKind::kNot:
      return analyse(*n.children[0], !negated);
    case NodeKind::kAnd:
    case NodeKind::kOr: {
      // De Morgan: a negated "and" is an "or" of negated children, and vice versa.
      bool as_and = (n.kind == NodeKind::kAnd) != negated;
      EventTypeSet acc = analyse(*n.children[0], negated);
      for (size_t i = 1; i < n.children.size(); ++i) {
        EventTypeSet next = analyse(*n.children[i], negated);
        acc = as_and ? acc.intersect(next) : acc.unite(next);
      }
      return acc;
    }
    case NodeKind::kCheck: {
      bool negatable = false;
      EventTypeSet s = check_types(n, negatable);
      if (!negated) return s;
      return negatable ? s.complement() : EventTypeSet::all();
    }
    default:
      return EventTypeSet::all();
  }
}

}  // namespace

bool EventTypeSet::contains(std::string_view type) const {
  bool listed = names_.find(std::string(type)) != names_.end();
  return complement_ ? !listed : listed;
}

EventTypeSet EventTypeSet::unite(const EventTypeSet& o) const {
  if (!complement_ && !o.complement_) return of(set_union(names_, o.names_));
  if (complement_ && o.complement_) return all_except(set_intersection(names_, o.names_));
  const EventTypeSet& finite = complement_ ? o : *this;
  const EventTypeSet& cofinite = complement_ ? *this : o;
  return all_except(set_difference(cofinite.names_, finite.names_));
}

EventTypeSet EventTypeSet::intersect(const EventTypeSet& o) const {
  if (!complement_ && !o.complement_) return of(set_intersection(names_, o.names_));
  if (complement_ && o.complement_) return all_except(set_union(names_, o.names_));
  const EventTypeSet& finite = complement_ ? o : *this;
  const EventTypeSet& cofinite = complement_ ? *this : o;
  return of(set_difference(finite.names_, cofinite.names_));
}

std::string EventTypeSet::to_string() const {
  std::string list;
  for (const auto& n : names_) list += (list.empty() ? "" : ", ") + n;
  if (!complement_) return "{" + list + "}";
  return names_.empty() ? "all" : "all except {" + list + "}";
}

EventTypeSet event_types_of(const Node& ast) { return analyse(ast, false); }

}  // namespace lanner::lang
