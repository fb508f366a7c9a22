#include <gtest/gtest.h>

#include "lang/event_types.h"
#include "lang/parser.h"

namespace lanner::lang {
namespace {

std::string types_of(const std::string& text) {
  ParseResult r = parse_condition(text);
  EXPECT_TRUE(r.ok()) << text;
  return r.ok() ? event_types_of(*r.ast).to_string() : "<parse error>";
}

TEST(EventTypes, PositiveSets) {
  EXPECT_EQ(types_of("evt.type = open"), "{open}");
  EXPECT_EQ(types_of("evt.type in (open, openat) and proc.name = cat"), "{open, openat}");
  EXPECT_EQ(types_of("evt.type = open or evt.type = execve"), "{execve, open}");
  EXPECT_EQ(types_of("evt.type in (open, openat) and evt.type in (openat, execve)"), "{openat}");
  EXPECT_EQ(types_of("proc.name = cat"), "all");
}

TEST(EventTypes, NegationIsPushedToTheLeaves) {
  EXPECT_EQ(types_of("not evt.type = open"), "all except {open}");
  EXPECT_EQ(types_of("evt.type != open"), "all except {open}");
  EXPECT_EQ(types_of("not evt.type != open"), "{open}");
  EXPECT_EQ(types_of("not (evt.type != open and evt.type != close)"), "{close, open}");
  EXPECT_EQ(types_of("evt.type = open and not proc.name = x"), "{open}");
  EXPECT_EQ(types_of("not (evt.type = open and proc.name = x)"), "all");
  EXPECT_EQ(types_of("evt.type in (open, close) and not evt.type = close"), "{open}");
}

TEST(EventTypes, NeverTrueAndOtherOperators) {
  EXPECT_EQ(types_of("evt.num = 0"), "{}");
  EXPECT_EQ(types_of("evt.type = open and evt.num = 0"), "{}");
  EXPECT_EQ(types_of("evt.type = open or evt.num = 0"), "{open}");
  EXPECT_EQ(types_of("not evt.num = 0"), "all");
  EXPECT_EQ(types_of("evt.type startswith open"), "all");
  EXPECT_EQ(types_of("evt.type = open or proc.name = x"), "all");
}

TEST(EventTypes, SetAlgebra) {
  auto a = EventTypeSet::of({"a", "b"});
  auto notb = EventTypeSet::all_except({"b", "c"});
  EXPECT_EQ(a.unite(notb).to_string(), "all except {c}");
  EXPECT_EQ(a.intersect(notb).to_string(), "{a}");
  EXPECT_TRUE(notb.contains("zzz"));
  EXPECT_FALSE(notb.contains("b"));
  EXPECT_TRUE(EventTypeSet::none().empty());
}

}  // namespace
}  // namespace lanner::lang
