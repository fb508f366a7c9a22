#include <gtest/gtest.h>

#include "lang/ast_print.h"
#include "lang/macro_resolver.h"
#include "lang/parser.h"

namespace lanner::lang {
namespace {

NodePtr parse(const std::string& text) {
  ParseResult r = parse_condition(text);
  EXPECT_TRUE(r.ok()) << text;
  return std::move(r.ast);
}

void define(MacroResolver& resolver, const std::string& name, const std::string& text,
            uint32_t index, uint32_t visibility) {
  resolver.define(MacroDefinition{name, parse(text), index, visibility});
}

std::string resolved(MacroResolver& resolver, const std::string& text,
                     uint32_t visibility = kSeeAllMacros) {
  NodePtr ast = parse(text);
  auto err = resolver.resolve(ast, visibility);
  if (err) return "error: " + err->message;
  return to_string(*ast);
}

TEST(MacroResolver, ReplacesReferencesWithTheMacroAst) {
  MacroResolver r;
  define(r, "open_read", "evt.type in (open, openat) and fd.num >= 0", 0, 0);
  define(r, "shell", "proc.name in (sh, bash) or proc.name = zsh", 1, 1);
  EXPECT_EQ(resolved(r, "open_read and shell"),
            "((evt.type in (open, openat) and fd.num >= 0) and (proc.name in (sh, bash) or proc.name = zsh))");
  EXPECT_EQ(resolved(r, "not shell"), "not (proc.name in (sh, bash) or proc.name = zsh)");
  EXPECT_TRUE(r.used().count("open_read"));
}

TEST(MacroResolver, NestedMacrosRespectVisibility) {
  MacroResolver r;
  define(r, "a", "proc.name = a", 0, 0);
  define(r, "b", "a or proc.name = b", 1, 1);       // may use a (index 0 < 1)
  define(r, "c", "d", 2, 2);                        // forward reference to d (index 3): error
  define(r, "d", "proc.name = d", 3, 3);
  define(r, "e", "f", 4, 6);                        // redefined later (visibility 6): sees f
  define(r, "f", "proc.name = f", 5, 5);
  EXPECT_EQ(resolved(r, "b", 2), "(proc.name = a or proc.name = b)");
  EXPECT_EQ(resolved(r, "c"), "error: Undefined macro 'd' used in filter");
  EXPECT_EQ(resolved(r, "e"), "proc.name = f");
  // Rules see every macro; a macro at visibility 1 sees only index 0.
  EXPECT_EQ(resolved(r, "d"), "proc.name = d");
  EXPECT_EQ(resolved(r, "d", 1), "error: Undefined macro 'd' used in filter");
}

TEST(MacroResolver, UndefinedAndLoops) {
  MacroResolver r;
  define(r, "x", "y", 0, 5);
  define(r, "y", "x", 1, 5);
  define(r, "self", "self and proc.name = a", 2, 5);
  EXPECT_EQ(resolved(r, "missing and proc.name = a"), "error: Undefined macro 'missing' used in filter");
  EXPECT_EQ(resolved(r, "x"), "error: reference loop in macro 'x': x -> y -> x");
  EXPECT_EQ(resolved(r, "self"), "error: reference loop in macro 'self': self -> self");
}

TEST(MacroResolver, ErrorSpanIsTheReferenceInTheResolvedText) {
  MacroResolver r;
  define(r, "outer", "inner_missing", 0, 1);
  std::string text = "proc.name = a and outer";
  NodePtr ast = parse(text);
  auto err = r.resolve(ast);
  ASSERT_TRUE(err);
  EXPECT_EQ(text.substr(err->span.offset, err->span.length), "outer");
}

TEST(MacroResolver, ExponentialExpansionIsBounded) {
  MacroResolver r(ResolveLimits{64, 10000});
  define(r, "m0", "proc.name = a", 0, 0);
  for (uint32_t i = 1; i < 30; ++i) {
    std::string prev = "m" + std::to_string(i - 1);
    define(r, "m" + std::to_string(i), prev + " and " + prev, i, i);
  }
  EXPECT_EQ(resolved(r, "m29"), "error: macro expansion exceeds 10000 nodes");
  EXPECT_EQ(resolved(r, "m2"),
            "((proc.name = a and proc.name = a) and (proc.name = a and proc.name = a))");
}

TEST(MacroResolver, DeepNestingIsBounded) {
  MacroResolver r(ResolveLimits{8, 1u << 20});
  define(r, "n0", "proc.name = a", 0, 0);
  for (uint32_t i = 1; i < 20; ++i) define(r, "n" + std::to_string(i), "n" + std::to_string(i - 1), i, i);
  EXPECT_EQ(resolved(r, "n5"), "proc.name = a");
  EXPECT_EQ(resolved(r, "n19"), "error: macro nesting deeper than 8 levels");
}

}  // namespace
}  // namespace lanner::lang
