// End-to-end: the built `lanner` binary validating upstream and broken rule files (label e2e).
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace {

const std::string kLanner = std::string(LANNER_BINARY_DIR) + "/lanner";
const std::string kUpstream = LANNER_UPSTREAM_RULES_DIR;
const std::string kGolden = std::string(LANNER_SOURCE_DIR) + "/tests/rules/golden";

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout only
};

RunResult run(const std::string& args) {
  RunResult r;
  std::string command = kLanner + " " + args + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.out.append(buffer.data(), n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// True if some line of `text` starts with `prefix`.
bool starts_line(const std::string& text, const std::string& prefix) {
  for (size_t pos = 0; pos < text.size();) {
    if (text.compare(pos, prefix.size(), prefix) == 0) return true;
    size_t next = text.find('\n', pos);
    if (next == std::string::npos) break;
    pos = next + 1;
  }
  return false;
}

#define REQUIRE_BINARY()                                                               \
  if (!std::filesystem::exists(kLanner)) GTEST_SKIP() << "lanner binary not built: " << kLanner

TEST(CliValidate, UpstreamCurrentFilesAreOk) {
  REQUIRE_BINARY();
  if (!std::filesystem::exists(kUpstream + "/falco_rules.yaml")) GTEST_SKIP() << "no upstream rules";
  auto r = run("validate -r " + kUpstream + "/falco_rules.yaml -r " + kUpstream + "/falco-incubating_rules.yaml -r " +
               kUpstream + "/falco-sandbox_rules.yaml");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  // "FILE: Ok" or "FILE: Ok, with warnings" (e.g. fields lanner cannot supply), never an error.
  for (const char* name : {"/falco_rules.yaml: Ok", "/falco-incubating_rules.yaml: Ok", "/falco-sandbox_rules.yaml: Ok"}) {
    EXPECT_TRUE(starts_line(r.out, kUpstream + name)) << name << "\n" << r.out;
  }
  EXPECT_EQ(r.out.find(": error: "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Invalid"), std::string::npos) << r.out;
}

TEST(CliValidate, FalcoDashVSpellingWorks) {
  REQUIRE_BINARY();
  if (!std::filesystem::exists(kUpstream + "/falco_rules.yaml")) GTEST_SKIP() << "no upstream rules";
  auto r = run("-V " + kUpstream + "/falco_rules.yaml");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.rfind(kUpstream + "/falco_rules.yaml: Ok", 0), 0u) << r.out;
  EXPECT_EQ(r.out.find(": error: "), std::string::npos) << r.out;
}

TEST(CliValidate, Falco0221FilesAreOkWithWarnings) {
  REQUIRE_BINARY();
  if (!std::filesystem::exists(kUpstream + "/falco-0.22.1/falco_rules.yaml")) GTEST_SKIP() << "no upstream rules";
  auto r = run("validate -r " + kUpstream + "/falco-0.22.1/falco_rules.yaml -r " + kUpstream +
               "/falco-0.22.1/falco_rules.local.yaml");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find(kUpstream + "/falco-0.22.1/falco_rules.yaml: Ok"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(kUpstream + "/falco-0.22.1/falco_rules.local.yaml: Ok\n"), std::string::npos) << r.out;
}

TEST(CliValidate, BrokenFileExitsOneWithExactDiagnostic) {
  REQUIRE_BINARY();
  auto r = run("validate -r " + kGolden + "/invalid_priority.yaml");
  EXPECT_EQ(r.exit_code, 1);
  const std::string file = kGolden + "/invalid_priority.yaml";
  EXPECT_EQ(r.out, file + ": Invalid\n" + file +
                       ":5:13: error: rule 'Bad priority': Invalid priority [LOAD_ERR_YAML_VALIDATE]\n"
                       "    priority: URGENT\n"
                       "              ^^^^^^\n");
}

TEST(CliValidate, JsonOutputHasFalcosShape) {
  REQUIRE_BINARY();
  auto r = run("validate -o json_output=true -r " + kGolden + "/invalid_priority.yaml");
  EXPECT_EQ(r.exit_code, 1);
  auto json = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << r.out;
  const auto& result = json.at("falco_load_results").at(0);
  EXPECT_EQ(result.at("name"), kGolden + "/invalid_priority.yaml");
  EXPECT_EQ(result.at("successful"), false);
  const auto& error = result.at("errors").at(0);
  EXPECT_EQ(error.at("code"), "LOAD_ERR_YAML_VALIDATE");
  EXPECT_EQ(error.at("codedesc"), "Error validating internal structure of YAML file");
  EXPECT_EQ(error.at("message"), "Invalid priority");
  const auto& location = error.at("context").at("locations").at(1);
  EXPECT_EQ(location.at("item_type"), "rule");
  EXPECT_EQ(location.at("item_name"), "Bad priority");
  EXPECT_EQ(location.at("position").at("line"), 5);
  EXPECT_EQ(location.at("position").at("column"), 13);
  EXPECT_EQ(location.at("position").at("offset"), 100);
  EXPECT_TRUE(result.at("warnings").empty());
}

TEST(CliValidate, MissingFileIsAnError) {
  REQUIRE_BINARY();
  auto r = run("validate -r /nonexistent/rules.yaml");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "/nonexistent/rules.yaml: Invalid\n/nonexistent/rules.yaml: error: Rules file or directory not "
                   "found [LOAD_ERR_FILE_NOT_FOUND]\n");
}

TEST(CliRules, ListsAndDescribesUpstreamRules) {
  REQUIRE_BINARY();
  if (!std::filesystem::exists(kUpstream + "/falco_rules.yaml")) GTEST_SKIP() << "no upstream rules";
  auto list = run("rules --json -r " + kUpstream + "/falco_rules.yaml");
  ASSERT_EQ(list.exit_code, 0);
  auto json = nlohmann::json::parse(list.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded());
  EXPECT_EQ(json.at("rules").size(), 25u);
  auto one = run("-l 'Terminal shell in container' -r " + kUpstream + "/falco_rules.yaml");
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_NE(one.out.find("Rule: Terminal shell in container\n"), std::string::npos) << one.out;
  EXPECT_NE(one.out.find("Priority: Notice\n"), std::string::npos) << one.out;
  auto missing = run("rules -l 'No such rule' -r " + kUpstream + "/falco_rules.yaml");
  EXPECT_EQ(missing.exit_code, 1);
}

}  // namespace
