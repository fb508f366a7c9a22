#include "engine/ruleset.h"

#include <algorithm>
#include <bit>

#include "lang/string_match.h"

namespace lanner::engine {

namespace {

// The plan's conditions compiled to one program, memoizing only the shared sub-conditions that
// occur more than once among them (the only ones an event of this type can look up again).
lang::Program compile_program(const std::vector<RuleForType>& plan) {
  std::vector<uint32_t> uses;
  std::vector<const lang::PredicateNode*> roots;
  for (const RuleForType& entry : plan) {
    lang::count_shared_uses(*entry.condition, uses);
    roots.push_back(entry.condition);
  }
  return lang::Program(roots, uses);
}

}  // namespace

RuleSet::RuleSet(std::vector<CompiledRule> rules) : rules_(std::move(rules)) {
  std::stable_sort(rules_.begin(), rules_.end(),
                   [](const CompiledRule& a, const CompiledRule& b) { return a.index < b.index; });
  rebuild();
}

const CompiledRule* RuleSet::find(std::string_view name) const {
  for (const auto& r : rules_) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

std::span<const CompiledRule* const> RuleSet::rules_for(std::string_view evt_type) const {
  return bucket_for(evt_type).rules;
}

const RuleSet::Bucket& RuleSet::bucket_for(std::string_view evt_type) const {
  if (type_index_.empty()) return other_types_;
  for (uint64_t at = lang::StringSet::hash(evt_type) & type_mask_; type_index_[at].bucket;
       at = (at + 1) & type_mask_) {
    if (type_index_[at].type == evt_type) return *type_index_[at].bucket;
  }
  return other_types_;
}

void RuleSet::index_types() {
  type_index_.clear();
  type_mask_ = 0;
  if (buckets_.empty()) return;
  size_t slots = std::bit_ceil(buckets_.size() * 2);
  type_index_.assign(slots, TypeSlot{});
  type_mask_ = slots - 1;
  for (const auto& [type, bucket] : buckets_) {
    uint64_t at = lang::StringSet::hash(type) & type_mask_;
    while (type_index_[at].bucket) at = (at + 1) & type_mask_;
    type_index_[at] = {type, &bucket};
  }
}

std::span<const RuleForType> RuleSet::plan_for(std::string_view evt_type) const {
  return bucket_for(evt_type).plan;
}

TypePlan RuleSet::type_plan(std::string_view evt_type) const {
  const Bucket& bucket = bucket_for(evt_type);
  return {bucket.plan, &bucket.program};
}

size_t RuleSet::set_enabled(std::string_view name, bool enabled) {
  size_t n = 0;
  for (auto& r : rules_) {
    if (r.name == name || lang::glob_match(name, r.name)) {
      r.enabled = enabled;
      ++n;
    }
  }
  rebuild();
  return n;
}

size_t RuleSet::set_enabled_by_tag(std::string_view tag, bool enabled) {
  size_t n = 0;
  for (auto& r : rules_) {
    if (r.tags.count(std::string(tag))) {
      r.enabled = enabled;
      ++n;
    }
  }
  rebuild();
  return n;
}

void RuleSet::set_min_priority(rules::Priority min) {
  min_priority_ = min;
  rebuild();
}

void RuleSet::rebuild() {
  active_.clear();
  type_index_.clear();  // views into buckets_' keys
  buckets_.clear();
  other_types_ = Bucket{};
  folded_nodes_.clear();
  needed_ = lang::EventTypeSet::none();
  for (const auto& r : rules_) {
    if (!active(r)) continue;
    active_.push_back(&r);
    needed_ = needed_.unite(r.event_types);
  }
  // Every type some active rule names (positively or as an exclusion) gets its own bucket;
  // all other types behave alike: only rules matching "all except ..." apply to them.
  std::set<std::string> named;
  for (const CompiledRule* r : active_) named.insert(r->event_types.names().begin(), r->event_types.names().end());
  for (const std::string& type : named) {
    auto& bucket = buckets_[type];
    for (const CompiledRule* r : active_) {
      if (!r->event_types.contains(type)) continue;
      bucket.rules.push_back(r);
      add_to_plan(bucket, *r, type);
    }
    bucket.program = compile_program(bucket.plan);
  }
  for (const CompiledRule* r : active_) {
    if (!r->event_types.is_finite()) {
      other_types_.rules.push_back(r);
      if (r->predicate) other_types_.plan.push_back({r, &r->predicate->root()});
    }
  }
  other_types_.program = compile_program(other_types_.plan);
  index_types();
}

// Every event of a named bucket has that evt.type, so its `evt.type` checks are constants:
// folding them removes a check and a connective or two from most upstream rules (the
// open_read, spawned_process... macros start with one) and drops the rules whose other
// branches are for other types.
void RuleSet::add_to_plan(Bucket& bucket, const CompiledRule& rule, std::string_view type) {
  if (!rule.predicate) return;
  lang::FoldResult folded = rule.predicate->for_event_type(type, folded_nodes_);
  switch (folded.kind) {
    case lang::FoldResult::Kind::kFalse: return;
    case lang::FoldResult::Kind::kTrue: bucket.plan.push_back({&rule, &rule.predicate->root()}); return;
    case lang::FoldResult::Kind::kNode: bucket.plan.push_back({&rule, folded.node}); return;
  }
}

}  // namespace lanner::engine
