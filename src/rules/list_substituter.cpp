#include "rules/list_substituter.h"

#include <algorithm>
#include <functional>

namespace lanner::rules {

namespace {

bool has_delimiter(std::string_view name) {
  return std::any_of(name.begin(), name.end(), is_list_name_delimiter);
}

}  // namespace

ListSubstituter::ListSubstituter(std::vector<ListItem>& lists)
    : lists_(lists), replacements_(lists.size()), replacement_lists_(lists.size()) {
  for (size_t i = 0; i < lists.size(); ++i) {
    const std::string& name = lists[i].name;
    bool plain = !name.empty() && !has_delimiter(name);
    if (!plain || !by_name_.emplace(name, i).second) always_tried_.push_back(i);
  }
}

void ListSubstituter::add_named_lists(std::string_view text, std::vector<size_t>& out) const {
  size_t pos = 0;
  while (pos < text.size()) {
    if (is_list_name_delimiter(text[pos])) {
      ++pos;
      continue;
    }
    size_t end = pos;
    while (end < text.size() && !is_list_name_delimiter(text[end])) ++end;
    auto it = by_name_.find(text.substr(pos, end - pos));
    if (it != by_name_.end()) out.push_back(it->second);
    pos = end;
  }
}

const std::string& ListSubstituter::replacement(size_t list) {
  auto& cached = replacements_[list];
  if (!cached) {
    cached = join_quoted(lists_[list].items);
    add_named_lists(*cached, replacement_lists_[list]);
  }
  return *cached;
}

const std::vector<size_t>& ListSubstituter::lists_in_replacement(size_t list) {
  replacement(list);
  return replacement_lists_[list];
}

Substitution ListSubstituter::apply(std::string& condition, size_t max_length) {
  // A min-heap of list positions to try; a position may be in it more than once.
  std::vector<size_t> pending = always_tried_;
  add_named_lists(condition, pending);
  std::make_heap(pending.begin(), pending.end(), std::greater<>());
  Substitution result = Substitution::kUnchanged;
  size_t tried = 0;  // positions below this are done: list i is only tried once, in order
  while (!pending.empty()) {
    std::pop_heap(pending.begin(), pending.end(), std::greater<>());
    size_t i = pending.back();
    pending.pop_back();
    if (i < tried) continue;
    tried = i + 1;
    switch (substitute_list_text(condition, lists_[i].name, replacement(i), max_length)) {
      case Substitution::kSubstituted:
        lists_[i].used = true;
        result = Substitution::kSubstituted;
        for (size_t named : lists_in_replacement(i)) {
          if (named <= i) continue;  // earlier lists are not substituted again, as in Falco
          pending.push_back(named);
          std::push_heap(pending.begin(), pending.end(), std::greater<>());
        }
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
