// required_engine_version and required_plugin_versions (falco-language.md 1.2).
#include <gtest/gtest.h>

#include "rules/test_helpers.h"
#include "rules/versions.h"

namespace lanner::rules {
namespace {

using testing::codes_and_messages;
using testing::load;

TEST(Versions, ParseSemver) {
  EXPECT_EQ(parse_semver("0.57.0"), (Semver{0, 57, 0}));
  EXPECT_EQ(parse_semver("1.2.3-rc1"), (Semver{1, 2, 3}));
  EXPECT_EQ(parse_semver("1.2"), std::nullopt);
  EXPECT_EQ(parse_semver("a.b.c"), std::nullopt);
  EXPECT_EQ(parse_semver(""), std::nullopt);
  EXPECT_EQ(engine_version(), (Semver{0, 62, 0}));
}

TEST(Versions, Compatibility) {
  EXPECT_TRUE(compatible({0, 62, 0}, {0, 57, 0}));
  EXPECT_TRUE(compatible({0, 62, 0}, {0, 62, 0}));
  EXPECT_FALSE(compatible({0, 62, 0}, {0, 63, 0}));
  EXPECT_FALSE(compatible({0, 62, 0}, {1, 0, 0}));
}

TEST(EngineVersion, IntegerMeansZeroNZero) {
  auto r = load("- required_engine_version: 5\n");
  EXPECT_EQ(r.diags.items().size(), 0u);
  EXPECT_EQ(r.doc.required_engine_version, "0.5.0");
}

TEST(EngineVersion, HighestRequirementIsKept) {
  auto r = load(std::vector<std::string>{"- required_engine_version: 0.57.0\n", "- required_engine_version: 30\n",
                                         "- required_engine_version: 0.60.1\n"});
  EXPECT_EQ(r.diags.items().size(), 0u) << render_text(r.diags);
  EXPECT_EQ(r.doc.required_engine_version, "0.60.1");
}

TEST(EngineVersion, NewerThanLannerIsAnError) {
  auto r = load("- required_engine_version: 0.63.0\n- list: after\n  items: []\n");
  EXPECT_EQ(codes_and_messages(r.diags),
            (std::vector<std::string>{"LOAD_ERR_VALIDATE: Rules require engine version 0.63.0, but engine version is "
                                      "0.62.0"}));
  EXPECT_EQ(r.diags.items()[0].span.line, 1u);
  EXPECT_EQ(r.diags.items()[0].span.column, 28u);
  EXPECT_TRUE(r.doc.lists.empty());
}

TEST(EngineVersion, DifferentMajorIsAnError) {
  auto r = load("- required_engine_version: 1.0.0\n");
  EXPECT_EQ(codes_and_messages(r.diags),
            (std::vector<std::string>{"LOAD_ERR_VALIDATE: Rules require engine version 1.0.0, but engine version is "
                                      "0.62.0"}));
  auto integer = load("- required_engine_version: 63\n");
  EXPECT_EQ(codes_and_messages(integer.diags),
            (std::vector<std::string>{"LOAD_ERR_VALIDATE: Rules require engine version 0.63.0, but engine version is "
                                      "0.62.0"}));
}

TEST(PluginVersions, BuiltInContainerPluginSatisfiesUpstreamRequirement) {
  auto r = load("- required_plugin_versions:\n  - name: container\n    version: 0.4.0\n");
  EXPECT_EQ(r.diags.items().size(), 0u) << render_text(r.diags);
  auto older = load("- required_plugin_versions:\n  - name: container\n    version: 0.2.1\n");
  EXPECT_EQ(older.diags.items().size(), 0u);
}

TEST(PluginVersions, AlternativeSatisfiedByContainer) {
  auto r = load(R"(
- required_plugin_versions:
  - name: k8saudit
    version: 0.1.0
    alternatives:
      - name: container
        version: 0.3.0
)");
  EXPECT_EQ(r.diags.items().size(), 0u) << render_text(r.diags);
}

TEST(PluginVersions, UnknownPluginIsAnErrorListingAlternatives) {
  auto r = load(R"(
- required_plugin_versions:
  - name: k8saudit
    version: 0.1.0
    alternatives:
      - name: k8saudit-eks
        version: 0.2.0
)");
  EXPECT_EQ(codes_and_messages(r.diags),
            (std::vector<std::string>{"LOAD_ERR_VALIDATE: Plugin requirement not satisfied, must load one of: "
                                      "k8saudit (>= 0.1.0), k8saudit-eks (>= 0.2.0)"}));
  EXPECT_EQ(r.diags.items()[0].span.line, 3u);
}

TEST(PluginVersions, NewerContainerIsNotCompatible) {
  auto r = load("- required_plugin_versions:\n  - name: container\n    version: 0.5.0\n");
  EXPECT_EQ(codes_and_messages(r.diags),
            (std::vector<std::string>{"LOAD_ERR_VALIDATE: Plugin 'container' version '0.4.0' is not compatible with "
                                      "required plugin version '0.5.0'"}));
}

TEST(PluginVersions, InvalidVersionAndDuplicateAlternative) {
  auto bad = load("- required_plugin_versions:\n  - name: container\n    version: latest\n");
  EXPECT_EQ(codes_and_messages(bad.diags),
            (std::vector<std::string>{"LOAD_ERR_VALIDATE: Invalid required version 'latest' for plugin 'container'"}));
  auto dup = load(
      "- required_plugin_versions:\n  - name: a\n    version: 1.0.0\n    alternatives:\n      - name: a\n"
      "        version: 2.0.0\n");
  EXPECT_EQ(codes_and_messages(dup.diags),
            (std::vector<std::string>{"LOAD_ERR_VALIDATE: Defined multiple alternative version requirements for "
                                      "plugin 'a'"}));
}

}  // namespace
}  // namespace lanner::rules
