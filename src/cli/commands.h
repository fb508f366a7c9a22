#pragma once
// Each subcommand lives in its own cmd_<name>.cpp and registers itself on the CLI11 app.
// The callback stores the process exit code in `exit_code`.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace lanner::cli {

// Flags Falco users know, shared by the commands that load rules (-r, -c, -o).
struct CommonOptions {
  std::vector<std::string> rules_paths;  // -r FILE|DIR, repeatable, in order
  std::string config_path;               // -c lanner.yaml (falco.yaml keys)
  std::vector<std::string> overrides;    // -o key=value, applied after the config file
  // The fds lanner was started with (taken first thing in main, before lanner opens anything):
  // the only ones a monitored program inherits.
  std::vector<int> inherited_fds;
};

// Adds -r/-c/-o to a subcommand, binding them to `common`.
void add_common_options(CLI::App& command, CommonOptions& common);

void register_version(CLI::App& app, int& exit_code);
void register_validate(CLI::App& app, CommonOptions& common, int& exit_code);
void register_rules(CLI::App& app, CommonOptions& common, int& exit_code);
void register_fields(CLI::App& app, CommonOptions& common, int& exit_code);
void register_run(CLI::App& app, CommonOptions& common, int& exit_code);
void register_trace(CLI::App& app, CommonOptions& common, int& exit_code);

// Rewrites Falco's top-level spellings into subcommands, e.g. `-V f` -> `validate -r f`,
// `-L` -> `rules`, `-l NAME` -> `rules -l NAME`, `--list` -> `fields`. Pure, for tests.
std::vector<std::string> translate_falco_flags(const std::vector<std::string>& args);

}  // namespace lanner::cli
