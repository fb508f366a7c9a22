// map_value must behave exactly like yaml-cpp's const operator[] (hits, misses, errors).
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "rules/yaml_access.h"

namespace lanner::rules {
namespace {

std::string error_of(const std::function<void()>& use) {
  try {
    use();
  } catch (const YAML::Exception& e) {
    return e.what();
  }
  return "no error";
}

TEST(MapValue, FindsTheFirstEntryWithTheScalarKeyLikeOperatorIndex) {
  const YAML::Node map = YAML::Load("{[k]: seq, k: first, k: second, other: x}");
  const YAML::Node expected = map["k"];
  const YAML::Node actual = map_value(map, "k");
  EXPECT_TRUE(actual.is(expected));
  EXPECT_EQ(actual.Scalar(), "first");
}

TEST(MapValue, MissingKeyIsTheSameInvalidNodeAsOperatorIndex) {
  const YAML::Node map = YAML::Load("{a: 1}");
  const YAML::Node expected = map["missing"];
  const YAML::Node actual = map_value(map, "missing");
  EXPECT_FALSE(actual.IsDefined());
  EXPECT_EQ(error_of([&] { (void)actual.Mark(); }), error_of([&] { (void)expected.Mark(); }));
  EXPECT_NE(error_of([&] { (void)actual.IsNull(); }).find("missing"), std::string::npos);
}

TEST(MapValue, NonMapsBehaveLikeOperatorIndex) {
  const YAML::Node scalar = YAML::Load("text");
  EXPECT_EQ(error_of([&] { (void)map_value(scalar, "k"); }), error_of([&] { (void)scalar["k"]; }));
  EXPECT_NE(error_of([&] { (void)map_value(scalar, "k"); }), "no error");
  const YAML::Node sequence = YAML::Load("[a, b]");
  EXPECT_FALSE(map_value(sequence, "a").IsDefined());
  const YAML::Node null = YAML::Load("~");
  EXPECT_FALSE(map_value(null, "a").IsDefined());
}

}  // namespace
}  // namespace lanner::rules
