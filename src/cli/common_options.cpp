#include <algorithm>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace lanner::cli {

void add_common_options(CLI::App& command, CommonOptions& common) {
  command.add_option("-r,--rules", common.rules_paths,
                     "Rules file or directory (.yaml/.yml loaded alphabetically); repeatable")
      ->type_name("FILE|DIR")
      ->allow_extra_args(false);
  command.add_option("-c,--config", common.config_path, "Configuration file (falco.yaml keys)")
      ->type_name("FILE");
  command.add_option("-o,--option", common.overrides, "Override a configuration key; repeatable")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);  // one value per -o, so `--` still ends lanner's options
}

std::vector<std::string> translate_falco_flags(const std::vector<std::string>& args) {
  static const std::vector<std::string> kSubcommands{"run", "trace", "validate", "rules", "fields",
                                                     "version", "help"};
  // Already a subcommand invocation (possibly after global flags like --help): leave as is.
  for (const auto& a : args) {
    if (std::find(kSubcommands.begin(), kSubcommands.end(), a) != kSubcommands.end()) return args;
    if (a == "--") break;
  }
  std::vector<std::string> rest;
  std::string subcommand;
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "-V" || a == "--validate") {
      subcommand = "validate";
      if (i + 1 < args.size()) {
        rest.push_back("-r");
        rest.push_back(args[++i]);
      }
    } else if (a.starts_with("--validate=")) {
      subcommand = "validate";
      rest.push_back("-r");
      rest.push_back(a.substr(11));
    } else if (a == "-L") {
      subcommand = "rules";
    } else if (a == "-l") {
      subcommand = "rules";
      rest.push_back("-l");
      if (i + 1 < args.size()) rest.push_back(args[++i]);
    } else if (a == "--list") {
      subcommand = "fields";
    } else if (a == "--version") {
      subcommand = "version";
    } else {
      rest.push_back(a);
    }
  }
  if (subcommand.empty()) return args;
  rest.insert(rest.begin(), subcommand);
  return rest;
}

}  // namespace lanner::cli
