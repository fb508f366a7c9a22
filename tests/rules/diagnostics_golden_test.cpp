// Exact diagnostic text (file:line:col, message, code, source line, caret) for broken rule files.
// Each tests/rules/golden/NAME.yaml is loaded as "NAME.yaml" and compared with NAME.err.
// Set LANNER_UPDATE_GOLDEN=1 to rewrite the .err files after an intended change.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "rules/test_helpers.h"

namespace lanner::rules {
namespace {

const std::filesystem::path kGoldenDir = std::filesystem::path(LANNER_SOURCE_DIR) / "tests/rules/golden";

class GoldenDiagnostics : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenDiagnostics, MatchesTheErrFile) {
  const std::string name = GetParam();
  std::string yaml = testing::read_file((kGoldenDir / (name + ".yaml")).string());
  ASSERT_FALSE(yaml.empty()) << "missing golden input " << name << ".yaml";
  Diagnostics diags;
  load_document({{name + ".yaml", yaml}}, diags);
  std::string actual = render_text(diags);
  auto expected_path = kGoldenDir / (name + ".err");
  if (std::getenv("LANNER_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(expected_path, std::ios::binary) << actual;
  }
  EXPECT_EQ(actual, testing::read_file(expected_path.string()));
  EXPECT_FALSE(actual.empty());
}

INSTANTIATE_TEST_SUITE_P(Files, GoldenDiagnostics,
                         ::testing::Values("missing_output", "invalid_priority", "yaml_syntax", "unknown_keys",
                                           "no_previous_macro", "engine_version", "exception_mismatch",
                                           "override_without_key", "deprecated_append"));

}  // namespace
}  // namespace lanner::rules
