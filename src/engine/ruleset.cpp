#include "engine/ruleset.h"

#include <algorithm>

#include "lang/string_match.h"

namespace lanner::engine {

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
  auto it = buckets_.find(evt_type);
  return it != buckets_.end() ? std::span<const CompiledRule* const>(it->second)
                              : std::span<const CompiledRule* const>(other_types_);
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
  buckets_.clear();
  other_types_.clear();
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
      if (r->event_types.contains(type)) bucket.push_back(r);
    }
  }
  for (const CompiledRule* r : active_) {
    if (!r->event_types.is_finite()) other_types_.push_back(r);
  }
}

}  // namespace lanner::engine
