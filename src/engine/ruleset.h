#pragma once
// The compiled rule set: every rule of the document (disabled ones too, compiled and checked),
// in definition order, plus per-event-type buckets of the enabled rules for fast lookup.
// Thread-safety: read-only use (rules_for, find, ...) is safe from any thread; set_enabled /
// set_min_priority rebuild the buckets and must not run concurrently with readers.
#include <cstdint>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/source_span.h"
#include "lang/event_types.h"
#include "lang/predicate.h"
#include "lang/program.h"
#include "lang/string_set.h"
#include "rules/rule_document.h"

namespace lanner::engine {

struct CompiledRule {
  std::string name;
  std::string desc;
  rules::Priority priority = rules::Priority::kDebug;
  std::string output;
  std::set<std::string> tags;
  std::string source = "syscall";
  bool enabled = true;
  std::shared_ptr<const lang::Predicate> predicate;
  lang::EventTypeSet event_types = lang::EventTypeSet::all();
  uint32_t index = 0;        // definition order = evaluation order
  SourceSpan span;
  std::string condition;     // canonical text of the macro-expanded condition
};

// A candidate rule of an event type, with its condition specialised for that type.
struct RuleForType {
  const CompiledRule* rule = nullptr;
  const lang::PredicateNode* condition = nullptr;  // evaluate on a prepared EvalScratch
};

// What the Engine runs for an event type: the plan (RuleSet::plan_for) and its conditions
// compiled into one lang::Program whose root i is plan[i].condition.
struct TypePlan {
  std::span<const RuleForType> plan;
  const lang::Program* program = nullptr;
};

class RuleSet {
 public:
  explicit RuleSet(std::vector<CompiledRule> rules);

  const std::vector<CompiledRule>& rules() const { return rules_; }
  const CompiledRule* find(std::string_view name) const;

  // Enabled rules (at or above the minimum priority) that can match `evt_type`, in index order.
  std::span<const CompiledRule* const> rules_for(std::string_view evt_type) const;
  // What the Engine evaluates for an event of type `evt_type`: rules_for() with every
  // `evt.type` check folded to its value for that type, minus the rules it makes false
  // (lang::PredicateNode::fold_event_type). Same order as rules_for().
  std::span<const RuleForType> plan_for(std::string_view evt_type) const;
  // plan_for() with its program (one lookup). Valid until the rule set next changes.
  TypePlan type_plan(std::string_view evt_type) const;

  // The event types the enabled rules need (may be "all except ..." when a rule has no
  // positive evt.type restriction).
  const lang::EventTypeSet& event_types() const { return needed_; }

  // Falco's `rules:` selection. `name` may contain glob wildcards ("Read sensitive*").
  // Return how many rules matched.
  size_t set_enabled(std::string_view name, bool enabled);
  size_t set_enabled_by_tag(std::string_view tag, bool enabled);
  // Rules less severe than `min` (numerically greater) are left out of the buckets.
  void set_min_priority(rules::Priority min);

  size_t active_count() const { return active_.size(); }  // enabled and severe enough

 private:
  void rebuild();
  bool active(const CompiledRule& r) const { return r.enabled && r.priority <= min_priority_; }

  // Short syscall names: a hash of fixed-size loads, where std::hash's murmur costs ~70
  // instructions per call.
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return static_cast<size_t>(lang::StringSet::hash(s)); }
  };
  std::vector<CompiledRule> rules_;
  rules::Priority min_priority_ = rules::Priority::kDebug;
  std::vector<const CompiledRule*> active_;
  struct Bucket {
    std::vector<const CompiledRule*> rules;
    std::vector<RuleForType> plan;
    lang::Program program;  // of plan's conditions
  };
  const Bucket& bucket_for(std::string_view evt_type) const;
  void add_to_plan(Bucket& bucket, const CompiledRule& rule, std::string_view type);
  void index_types();

  // buckets_ for the lookup made per event: open addressing on lang::StringSet::hash, at most
  // half full, the key a view of the map's own key (map nodes never move). An unordered_map
  // find with a string_view costs ~95 instructions here (it scans small maps comparing keys).
  struct TypeSlot {
    std::string_view type;
    const Bucket* bucket = nullptr;  // nullptr = empty slot
  };
  std::vector<TypeSlot> type_index_;
  uint64_t type_mask_ = 0;

  // Types named by some active rule -> its bucket; any other type uses other_types_.
  std::unordered_map<std::string, Bucket, StringHash, std::equal_to<>> buckets_;
  Bucket other_types_;   // not specialised: its events have no type known in advance
  lang::NodeArena folded_nodes_;  // nodes of the specialised conditions of the buckets
  lang::EventTypeSet needed_ = lang::EventTypeSet::none();
};

}  // namespace lanner::engine
