#pragma once
// Substitutes every list of a document into condition texts, in list definition order, with the
// same result as calling substitute_list for each list in turn. Faster for many conditions: a
// list is only tried when its name is a word of the condition (a delimited occurrence of a name
// without delimiter characters is exactly such a word), and each list is joined once.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/list_expansion.h"
#include "rules/rule_document.h"

namespace lanner::rules {

class ListSubstituter {
 public:
  // `lists` must outlive the substituter; substitutions mark the lists they use.
  explicit ListSubstituter(std::vector<ListItem>& lists);

  // Applies every list to `condition`. kTooLong as soon as one substitution would make the text
  // longer than `max_length` (the text is then partly substituted and must be dropped).
  Substitution apply(std::string& condition, size_t max_length);

 private:
  // The lowest list position >= `from` that may occur in `condition`, or npos.
  size_t next_candidate(std::string_view condition, size_t from) const;
  const std::string& replacement(size_t list);

  std::vector<ListItem>& lists_;
  std::unordered_map<std::string_view, size_t> by_name_;  // first list of each plain name
  std::vector<size_t> always_tried_;  // names with delimiters, empty names and repeated names
  std::vector<std::optional<std::string>> replacements_;  // join_quoted(items), made on first use
};

}  // namespace lanner::rules
