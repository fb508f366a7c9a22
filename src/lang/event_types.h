#pragma once
// Which evt.type values a condition can match (libsinsp ppm_codes semantics, falco-language.md
// 1.7): and = intersection, or = union, negation pushed to the leaves (De Morgan), checks that
// do not constrain evt.type = every type, `evt.num = 0` = no type. The universe of types is
// open-ended, so a set is stored either as a finite set or as "everything except" a finite set.
#include <set>
#include <string>
#include <string_view>

#include "lang/ast.h"

namespace lanner::lang {

class EventTypeSet {
 public:
  static EventTypeSet all() { return EventTypeSet(true, {}); }
  static EventTypeSet none() { return EventTypeSet(false, {}); }
  static EventTypeSet of(std::set<std::string> names) { return EventTypeSet(false, std::move(names)); }
  static EventTypeSet all_except(std::set<std::string> names) { return EventTypeSet(true, std::move(names)); }

  bool contains(std::string_view type) const;
  bool is_finite() const { return !complement_; }  // false: matches every type but a few
  bool empty() const { return !complement_ && names_.empty(); }
  // The named types (when finite) or the excluded ones (when not).
  const std::set<std::string>& names() const { return names_; }

  EventTypeSet unite(const EventTypeSet& other) const;
  EventTypeSet intersect(const EventTypeSet& other) const;
  EventTypeSet complement() const { return EventTypeSet(!complement_, names_); }

  std::string to_string() const;  // "{open, openat}" or "all except {open}" / "all"
  bool operator==(const EventTypeSet&) const = default;

 private:
  EventTypeSet(bool complement, std::set<std::string> names)
      : complement_(complement), names_(std::move(names)) {}
  bool complement_;
  std::set<std::string> names_;
};

// Analyses a macro-resolved AST.
EventTypeSet event_types_of(const Node& ast);

}  // namespace lanner::lang
