// Falco's textual list substitution and one-level list-in-list expansion (falco-language.md 1.5).
#include <gtest/gtest.h>

#include "rules/list_expansion.h"
#include "rules/list_substituter.h"
#include "rules/test_helpers.h"

namespace lanner::rules {
namespace {

using testing::find_list;
using testing::find_macro;
using testing::find_rule;
using testing::load;

std::string substituted(std::string condition, const std::string& name, const std::vector<std::string>& items) {
  substitute_list(condition, name, items);
  return condition;
}

TEST(ListSubstitution, InsideParenthesesAfterIn) {
  EXPECT_EQ(substituted("proc.name in (shells)", "shells", {"bash", "sh"}), "proc.name in ( bash, sh )");
}

TEST(ListSubstitution, EveryDelimitedOccurrenceNotOnlyAfterIn) {
  EXPECT_EQ(substituted("shells or x=shells or (shells)", "shells", {"a"}), "a or x= a or ( a )");
}

TEST(ListSubstitution, ListUsedWithoutInOrParens) {
  // `x in mylist` only parses for a one-item list; substitution itself adds no parentheses.
  EXPECT_EQ(substituted("proc.name in shells", "shells", {"bash"}), "proc.name in bash ");
  EXPECT_EQ(substituted("proc.name in shells", "shells", {"bash", "sh"}), "proc.name in bash, sh ");
  EXPECT_EQ(substituted("proc.name = one_item", "one_item", {"x"}), "proc.name = x ");
}

TEST(ListSubstitution, NamesInsideOtherWordsAreLeftAlone) {
  EXPECT_EQ(substituted("proc.name in (my_shells, shells_x, shells.y)", "shells", {"a"}),
            "proc.name in (my_shells, shells_x, shells.y)");
}

TEST(ListSubstitution, ItemsWithSpacesAreQuotedUnlessAlreadyQuoted) {
  EXPECT_EQ(substituted("a in (l)", "l", {"two words", "\"sh -c uname\"", "'x y'", "plain"}),
            "a in ( \"two words\", \"sh -c uname\", 'x y', plain )");
}

TEST(ListSubstitution, EmptyListRemovesOneAdjacentComma) {
  EXPECT_EQ(substituted("a in (x, empty)", "empty", {}), "a in (x  )");
  EXPECT_EQ(substituted("a in (empty, x)", "empty", {}), "a in (   x)");
  EXPECT_EQ(substituted("a in (empty)", "empty", {}), "a in (  )");
  EXPECT_EQ(substituted("a in (x, empty, y)", "empty", {}), "a in (x  , y)");
}

TEST(ListSubstitution, AtStartAndEndOfCondition) {
  EXPECT_EQ(substituted("l", "l", {"a"}), "a ");
  EXPECT_EQ(substituted("x = l", "l", {"a", "b"}), "x = a, b ");
  EXPECT_EQ(substituted("l and x", "l", {"a"}), "a and x");
}

TEST(ListSubstitution, ReturnsWhetherUsed) {
  std::string c = "proc.name = bash";
  EXPECT_EQ(substitute_list(c, "shells", {"a"}), Substitution::kUnchanged);
  EXPECT_EQ(c, "proc.name = bash");
  EXPECT_EQ(substitute_list(c, "", {"a"}), Substitution::kUnchanged);
  EXPECT_EQ(substitute_list(c, "bash", {"sh"}), Substitution::kSubstituted);
  EXPECT_EQ(c, "proc.name = sh ");
}

TEST(ListSubstitution, TooLongLeavesConditionUnchanged) {
  std::string c = "a in (l) or b in (l)";
  EXPECT_EQ(substitute_list(c, "l", {"xxxxxxxxxx"}, 30), Substitution::kTooLong);
  EXPECT_EQ(c, "a in (l) or b in (l)");
  EXPECT_EQ(substitute_list(c, "l", {"xxxxxxxxxx"}, 60), Substitution::kSubstituted);
}

TEST(ListSubstitution, FalcoQuirks) {
  // After a match at the very start Falco resumes one character late, so `l l` keeps the second.
  EXPECT_EQ(substituted("l l", "l", {"x"}), "x l");
  EXPECT_EQ(substituted("l,l", "l", {"x"}), "x , x ");
  EXPECT_EQ(substituted("(l l)", "l", {"x"}), "( x x )");
  // Blank eating and comma removal reach back into text produced by the previous replacement.
  EXPECT_EQ(substituted("(e, e)", "e", {}), "(  )");
  EXPECT_EQ(substituted("a in (x, e, e)", "e", {}), "a in (x    )");
  EXPECT_EQ(substituted("x=l\tand y", "l", {"1"}), "x= 1 and y");
}

// Falco's algorithm as documented (rewrite the whole string per occurrence), for differential
// testing of the one-pass implementation.
std::string reference_substitute(std::string cnd, const std::string& name, const std::vector<std::string>& items) {
  const std::string blanks = " \t\n\r";
  const std::string delims = blanks + "(),=";
  std::string sub;
  for (const auto& v : items) sub += (sub.empty() ? "" : ", ") + quote_item(v);
  size_t start = cnd.find(name);
  while (start != std::string::npos) {
    size_t end = start + name.size();
    bool left = start == 0 || delims.find(cnd[start - 1]) != std::string::npos;
    bool right = end >= cnd.size() || delims.find(cnd[end]) != std::string::npos;
    if (left && right) {
      while (start > 0 && blanks.find(cnd[start - 1]) != std::string::npos) --start;
      while (end < cnd.size() && blanks.find(cnd[end]) != std::string::npos) ++end;
      if (sub.empty()) {
        if (start > 0 && cnd[start - 1] == ',') {
          --start;
        } else if (end < cnd.size() && cnd[end] == ',') {
          ++end;
        }
      }
      std::string next = start > 0 ? cnd.substr(0, start) + " " : "";
      next += sub + " " + cnd.substr(end);
      cnd = next;
      start += sub.size() + 1;
    }
    start = cnd.find(name, start + 1);
  }
  return cnd;
}

TEST(ListSubstitution, MatchesFalcosAlgorithmOnRandomInputs) {
  const std::string alphabet = "ll ,()=a\t";
  uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
  };
  const std::vector<std::vector<std::string>> lists{{}, {"x"}, {"x", "y z"}};
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    size_t length = next() % 14;
    for (size_t i = 0; i < length; ++i) text += alphabet[next() % alphabet.size()];
    const auto& items = lists[next() % lists.size()];
    std::string name = next() % 4 == 0 ? "la" : "l";
    ASSERT_EQ(substituted(text, name, items), reference_substitute(text, name, items))
        << "text='" << text << "' name=" << name << " items=" << items.size();
  }
}

TEST(ListSubstitution, QuotedStringsAreNotProtected) {
  EXPECT_EQ(substituted("proc.cmdline = \"run l now\"", "l", {"x"}), "proc.cmdline = \"run x now\"");
}

TEST(ListInList, OneLevelOnlyByIndex) {
  auto r = load(R"(
- list: inner
  items: [a, b]
- list: middle
  items: [inner, c]
- list: outer
  items: [middle, d]
- list: forward
  items: [later, e]
- list: later
  items: [f]
)");
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(find_list(r.doc, "middle")->items, (std::vector<std::string>{"a", "b", "c"}));
  // outer copies middle's raw items, so `inner` stays a literal string.
  EXPECT_EQ(find_list(r.doc, "outer")->items, (std::vector<std::string>{"inner", "c", "d"}));
  // A list defined later is not expanded.
  EXPECT_EQ(find_list(r.doc, "forward")->items, (std::vector<std::string>{"later", "e"}));
  EXPECT_TRUE(find_list(r.doc, "inner")->used);
  EXPECT_TRUE(find_list(r.doc, "middle")->used);
  EXPECT_FALSE(find_list(r.doc, "outer")->used);
  EXPECT_FALSE(find_list(r.doc, "later")->used);
}

TEST(ListInList, RedefinedListSeesListsDefinedBeforeItsRedefinition) {
  auto r = load(R"(
- list: a
  items: [x]
- list: b
  items: [y]
- list: a
  items: [b, z]
)");
  ASSERT_FALSE(r.diags.has_errors());
  EXPECT_EQ(find_list(r.doc, "a")->items, (std::vector<std::string>{"y", "z"}));
}

TEST(ListsInConditions, SubstitutedInListOrderIntoMacrosAndRules) {
  auto r = load(R"(
- macro: is_shell
  condition: proc.name in (shell_binaries)
- list: shell_binaries
  items: [bash, zsh]
- list: empty_hook
  items: []
- list: spaced
  items: ["my app", "'quoted one'"]
- rule: r
  desc: d
  condition: is_shell and not proc.pname in (spaced, empty_hook) and fd.name=unknown_list
  output: o
  priority: info
)");
  ASSERT_FALSE(r.diags.has_errors()) << render_text(r.diags);
  EXPECT_EQ(find_macro(r.doc, "is_shell")->condition.text, "proc.name in ( bash, zsh )");
  EXPECT_EQ(find_macro(r.doc, "is_shell")->condition.original, "proc.name in (shell_binaries)");
  EXPECT_EQ(find_rule(r.doc, "r")->condition.text,
            "is_shell and not proc.pname in ( \"my app\", 'quoted one' ) and fd.name=unknown_list");
  EXPECT_TRUE(find_list(r.doc, "empty_hook")->used);
  EXPECT_TRUE(find_list(r.doc, "spaced")->used);
}

TEST(ListsInConditions, UnusedListIsMarkedUnused) {
  auto r = load("- list: lonely\n  items: [a]\n- macro: m\n  condition: evt.type = open\n");
  EXPECT_FALSE(find_list(r.doc, "lonely")->used);
}

TEST(ListsInConditions, ListNameSubstitutedTextCanBeSubstitutedByALaterList) {
  // Falco substitutes list by list over the text, so an item naming a later list expands too.
  auto r = load(R"(
- list: first
  items: [second]
- list: second
  items: [x, y]
- macro: m
  condition: a in (first)
)");
  EXPECT_EQ(find_macro(r.doc, "m")->condition.text, "a in ( x, y )");
}

// The word-indexed substituter must give exactly the text of substituting each list in turn.
std::string substituted_one_by_one(std::string condition, const std::vector<ListItem>& lists) {
  for (const auto& list : lists) substitute_list(condition, list.name, list.items);
  return condition;
}

std::vector<ListItem> tricky_lists() {
  std::vector<ListItem> lists;
  lists.push_back({"first", {"second", "a b"}, 0, {}, false});
  lists.push_back({"second", {"x", "y"}, 1, {}, false});
  lists.push_back({"with space", {"s"}, 2, {}, false});
  lists.push_back({"empty", {}, 3, {}, false});
  lists.push_back({"second", {"late"}, 4, {}, false});
  lists.push_back({"", {"never"}, 5, {}, false});
  lists.push_back({"unused", {"u"}, 6, {}, false});
  return lists;
}

TEST(ListSubstituter, SameTextAsSubstitutingEachListInTurn) {
  const std::vector<std::string> conditions = {
      "a in (first)",       "a in (with space, second)", "x=second or (empty, a)", "first",
      "firstly or afirst",  "a in (empty)",              "",                       "(second)=second",
      "b in (with space)",  "nothing here",
  };
  for (const auto& c : conditions) {
    std::vector<ListItem> lists = tricky_lists();
    ListSubstituter substituter(lists);
    std::string text = c;
    EXPECT_NE(substituter.apply(text, 1000), Substitution::kTooLong);
    EXPECT_EQ(text, substituted_one_by_one(c, tricky_lists())) << "condition: " << c;
  }
}

TEST(ListSubstituter, MarksOnlyTheListsItSubstituted) {
  std::vector<ListItem> lists = tricky_lists();
  ListSubstituter substituter(lists);
  std::string text = "a in (first) and b in (with space)";
  EXPECT_EQ(substituter.apply(text, 1000), Substitution::kSubstituted);
  EXPECT_TRUE(lists[0].used);
  EXPECT_TRUE(lists[1].used);  // "second" came in with first's items
  EXPECT_TRUE(lists[2].used);
  EXPECT_FALSE(lists[3].used);
  EXPECT_FALSE(lists[6].used);
}

TEST(ListSubstituter, ReportsTooLongAtTheLimit) {
  std::vector<ListItem> lists = tricky_lists();
  ListSubstituter substituter(lists);
  std::string text = "a in (second) or b in (second)";
  EXPECT_EQ(substituter.apply(text, 20), Substitution::kTooLong);
}

}  // namespace
}  // namespace lanner::rules
