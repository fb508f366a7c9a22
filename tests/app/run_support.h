#pragma once
// Runs the built `lanner` binary as a user would and captures what it printed.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace lanner::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `shell_command` through /bin/sh with stdout and stderr captured separately.
inline CommandResult run_shell(const std::string& shell_command) {
  char out_template[] = "/tmp/lanner-e2e-out-XXXXXX";
  char err_template[] = "/tmp/lanner-e2e-err-XXXXXX";
  int out_fd = mkstemp(out_template);
  int err_fd = mkstemp(err_template);
  close(out_fd);
  close(err_fd);
  std::string full = "(" + shell_command + ") >" + out_template + " 2>" + err_template + " </dev/null";
  int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_all(out_template);
  r.err = read_all(err_template);
  unlink(out_template);
  unlink(err_template);
  return r;
}

inline std::string lanner_binary() { return std::string(LANNER_BINARY_DIR) + "/lanner"; }

inline std::string upstream(const std::string& file) {
  return std::string(LANNER_UPSTREAM_RULES_DIR) + "/" + file;
}

inline bool have_upstream_rules() {
  return std::filesystem::exists(upstream("falco_rules.yaml"));
}

inline std::string upstream_rule_flags() {
  return " -r " + upstream("falco_rules.yaml") + " -r " + upstream("falco-incubating_rules.yaml") +
         " -r " + upstream("falco-sandbox_rules.yaml");
}

// JSON alert lines (objects with a "rule" key) among the lines of `text`.
inline std::vector<nlohmann::json> json_alerts(const std::string& text) {
  std::vector<nlohmann::json> alerts;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '{') continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_discarded() && j.contains("rule")) alerts.push_back(j);
  }
  return alerts;
}

// falcosidekick's acceptance checks for a posted alert.
inline void expect_falcosidekick_accepts(const nlohmann::json& alert) {
  ASSERT_TRUE(alert.contains("priority") && alert["priority"].is_string());
  EXPECT_FALSE(alert["priority"].get<std::string>().empty());
  ASSERT_TRUE(alert.contains("rule") && alert["rule"].is_string());
  EXPECT_FALSE(alert["rule"].get<std::string>().empty());
  ASSERT_TRUE(alert.contains("time") && alert["time"].is_string());
  // RFC 3339 with nanoseconds, UTC: 2026-11-28T09:43:12.248723187Z
  EXPECT_TRUE(std::regex_match(alert["time"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z)")))
      << alert["time"];
  ASSERT_TRUE(alert.contains("output_fields") && alert["output_fields"].is_object());
  EXPECT_FALSE(alert["output_fields"].empty());
  EXPECT_TRUE(alert["output_fields"].contains("evt.time"));
}

}  // namespace lanner::testing
