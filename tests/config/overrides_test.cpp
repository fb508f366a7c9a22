#include "config/overrides.h"

#include <gtest/gtest.h>

namespace lanner::config {
namespace {

std::string dump(const YAML::Node& n) {
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << n;
  return e.c_str();
}

TEST(OverridesTest, CreatesNestedMapsAndLists) {
  YAML::Node root;
  EXPECT_TRUE(apply_override(root, "a.b.c=1").ok);
  EXPECT_TRUE(apply_override(root, "list[0].x=y").ok);
  EXPECT_TRUE(apply_override(root, "list[1]=[p, q]").ok);
  OverrideResult r = apply_override(root, "list[0].z=true");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.path, "list[0].z");
  EXPECT_EQ(dump(root), "{a: {b: {c: 1}}, list: [{x: y, z: true}, [p, q]]}");
}

TEST(OverridesTest, ReplacesScalarsAndKeepsSiblings) {
  YAML::Node root = YAML::Load("a: {b: 1, c: 2}\nd: x\n");
  EXPECT_TRUE(apply_override(root, "a.b=5").ok);
  OverrideResult r = apply_override(root, "d.e=f");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "'d' is not a mapping");
  EXPECT_TRUE(apply_override(root, "d=[1]").ok);  // replacing a whole value is fine
  EXPECT_EQ(dump(root), "{a: {b: 5, c: 2}, d: [1]}");
}

TEST(OverridesTest, EmptyValueIsEmptyString) {
  YAML::Node root;
  EXPECT_TRUE(apply_override(root, "k=").ok);
  EXPECT_TRUE(root["k"].IsScalar());
  EXPECT_EQ(root["k"].Scalar(), "");
}

TEST(OverridesTest, IndexIntoNonList) {
  YAML::Node root = YAML::Load("a: {b: 1}\n");
  OverrideResult r = apply_override(root, "a[0]=1");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "'a' is not a list");
}

}  // namespace
}  // namespace lanner::config
