// `lanner validate [-r FILE|DIR]...` (Falco's `-V FILE`): loads and compiles the rule files and
// reports per file, as `falco -V` does: `FILE: Ok`, `FILE: Ok, with warnings` (listed), or
// `FILE: Invalid` with each problem (file:line:col, code, source line, caret). Exit 1 on any error.
// With `-o json_output=true` (or --json) prints Falco's {"falco_load_results": [...]}.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/rules_loading.h"

namespace lanner::cli {
namespace {

struct FileReport {
  std::string name;
  std::string_view content;
  std::vector<Diagnostic> diagnostics;
  bool has_errors() const {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::kError; });
  }
};

// Groups diagnostics by the file they point into. A diagnostic with no file (e.g. a whole-load
// problem) goes to the last file, the one whose loading completed the set, as in Falco.
std::vector<FileReport> group_by_file(const LoadedRules& loaded) {
  std::vector<FileReport> reports;
  for (const auto& f : loaded.files) reports.push_back({f.name, f.content, {}});
  for (const auto& d : loaded.result.diagnostics.items()) {
    auto it = std::find_if(reports.begin(), reports.end(), [&](const FileReport& r) { return r.name == d.span.file; });
    if (it == reports.end() && !d.span.file.empty()) {
      reports.push_back({d.span.file, {}, {}});  // e.g. a path that could not be read
      it = reports.end() - 1;
    } else if (it == reports.end()) {
      if (reports.empty()) reports.push_back({"<rules>", {}, {}});
      it = reports.end() - 1;
    }
    it->diagnostics.push_back(d);
  }
  return reports;
}

void print_text(const std::vector<FileReport>& reports) {
  for (const auto& r : reports) {
    if (r.has_errors()) {
      std::cout << r.name << ": Invalid\n";
    } else if (!r.diagnostics.empty()) {
      std::cout << r.name << ": Ok, with warnings\n";
    } else {
      std::cout << r.name << ": Ok\n";
    }
    for (const auto& d : r.diagnostics) std::cout << render_text(d);
  }
}

void print_json(const std::vector<FileReport>& reports) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& r : reports) results.push_back(falco_load_result_json(r.name, r.diagnostics, r.content));
  std::cout << nlohmann::json{{"falco_load_results", results}}.dump() << "\n";
}

int run_validate(const CommonOptions& common, bool json_flag) {
  LoadedRules loaded = load_rules_for_cli(common);
  if (loaded.config_diagnostics.has_errors()) {
    std::cerr << render_text(loaded.config_diagnostics);
    return 1;
  }
  std::vector<FileReport> reports = group_by_file(loaded);
  if (reports.empty()) {
    std::cerr << "lanner: no rules files found to validate (directories contribute only .yaml/.yml files)\n";
    return 1;
  }
  if (json_flag || loaded.json_output) {
    print_json(reports);
  } else {
    print_text(reports);
  }
  return loaded.result.diagnostics.has_errors() ? 1 : 0;
}

}  // namespace

void register_validate(CLI::App& app, CommonOptions& common, int& exit_code) {
  auto* cmd = app.add_subcommand("validate", "Check rule files like `falco -V`: load, compile, report per file");
  add_common_options(*cmd, common);
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print Falco's falco_load_results JSON (same as -o json_output=true)");
  cmd->callback([&common, &exit_code, json] { exit_code = run_validate(common, *json); });
}

}  // namespace lanner::cli
