#include "rules/list_substituter.h"

#include <algorithm>

namespace lanner::rules {

namespace {

bool has_delimiter(std::string_view name) {
  return std::any_of(name.begin(), name.end(), is_list_name_delimiter);
}

}  // namespace

ListSubstituter::ListSubstituter(std::vector<ListItem>& lists) : lists_(lists), replacements_(lists.size()) {
  for (size_t i = 0; i < lists.size(); ++i) {
    const std::string& name = lists[i].name;
    bool plain = !name.empty() && !has_delimiter(name);
    if (!plain || !by_name_.emplace(name, i).second) always_tried_.push_back(i);
  }
}

size_t ListSubstituter::next_candidate(std::string_view condition, size_t from) const {
  size_t best = std::string_view::npos;
  for (size_t i : always_tried_) {
    if (i >= from) {
      best = i;
      break;
    }
  }
  size_t pos = 0;
  while (pos < condition.size()) {
    if (is_list_name_delimiter(condition[pos])) {
      ++pos;
      continue;
    }
    size_t end = pos;
    while (end < condition.size() && !is_list_name_delimiter(condition[end])) ++end;
    auto it = by_name_.find(condition.substr(pos, end - pos));
    if (it != by_name_.end() && it->second >= from && it->second < best) best = it->second;
    pos = end;
  }
  return best;
}

const std::string& ListSubstituter::replacement(size_t list) {
  auto& cached = replacements_[list];
  if (!cached) cached = join_quoted(lists_[list].items);
  return *cached;
}

Substitution ListSubstituter::apply(std::string& condition, size_t max_length) {
  Substitution result = Substitution::kUnchanged;
  for (size_t i = next_candidate(condition, 0); i != std::string_view::npos; i = next_candidate(condition, i + 1)) {
    switch (substitute_list_text(condition, lists_[i].name, replacement(i), max_length)) {
      case Substitution::kSubstituted:
        lists_[i].used = true;
        result = Substitution::kSubstituted;
        break;
      case Substitution::kTooLong:
        return Substitution::kTooLong;
      case Substitution::kUnchanged:
        break;
    }
  }
  return result;
}

}  // namespace lanner::rules
