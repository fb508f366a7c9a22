#pragma once
// Substitutes every list of a document into condition texts, in list definition order, with the
// same result as calling substitute_list for each list in turn. Faster for many conditions: a
// list is only tried when its name is a word of the condition (a delimited occurrence of a name
// without delimiter characters is exactly such a word), and each list is joined once. The words
// are found in one scan of the condition; a substitution only adds the words of the list it
// inserted, so those (known per list) join the lists still to try.
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
  // Adds to `out` the position of each list named by a word of `text` (first definition only).
  void add_named_lists(std::string_view text, std::vector<size_t>& out) const;
  const std::string& replacement(size_t list);
  // Lists named by the words of replacement(list), made with it.
  const std::vector<size_t>& lists_in_replacement(size_t list);

  std::vector<ListItem>& lists_;
  std::unordered_map<std::string_view, size_t> by_name_;  // first list of each plain name
  std::vector<size_t> always_tried_;  // names with delimiters, empty names and repeated names
  std::vector<std::optional<std::string>> replacements_;  // join_quoted(items), made on first use
  std::vector<std::vector<size_t>> replacement_lists_;    // lists_in_replacement, with replacements_
};

}  // namespace lanner::rules
