#pragma once
// A small rule file for the enforcement unit tests, and a Monitor that writes JSON alerts to a
// file the test reads back.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/monitor.h"

namespace lanner::testing {

inline constexpr const char* kEnforceTestRules = R"yaml(
- rule: Read shadow
  desc: reads of the shadow file
  condition: evt.type in (open, openat, openat2) and fd.name = /etc/shadow and fd.num >= 0
  output: "shadow read (file=%fd.name proc=%proc.name)"
  priority: CRITICAL
  tags: [filesystem, secrets]
- rule: Open anything below tmp
  desc: an alert-only rule that also matches
  condition: evt.type in (open, openat, openat2) and fd.name startswith /tmp/
  output: "tmp open (file=%fd.name)"
  priority: NOTICE
  tags: [filesystem]
- rule: Shell spawned
  desc: a shell starts
  condition: evt.type in (execve, execveat) and proc.name in (sh, dash, bash)
  output: "shell (cmdline=%proc.cmdline)"
  priority: WARNING
  tags: [shell]
)yaml";

class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/lanner-enforce-XXXXXX";
    path_ = mkdtemp(name);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::string write_file(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

// JSON alerts (one per line) from a file_output file.
inline std::vector<nlohmann::json> read_json_alerts(const std::string& path) {
  std::vector<nlohmann::json> alerts;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_discarded()) alerts.push_back(j);
  }
  return alerts;
}

inline app::MonitorOptions options_for(const TempDir& dir, std::vector<config::EnforceEntry> enforce) {
  app::MonitorOptions options;
  options.rules_paths = {write_file(dir.path() + "/rules.yaml", kEnforceTestRules)};
  options.overrides = {"stdout_output.enabled=false", "file_output.enabled=true",
                       "file_output.filename=" + dir.path() + "/alerts.json", "json_output=true"};
  options.enforce = std::move(enforce);
  return options;
}

inline config::EnforceEntry entry(const std::string& selector, const std::string& action = "deny") {
  std::string error;
  return {*config::parse_enforce_selector(selector, error), *config::parse_enforce_action(action, error)};
}

}  // namespace lanner::testing
