#include <iostream>

#include "cli/commands.h"
#include "cli/version.h"

namespace lanner::cli {

void register_version(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("version", "Print lanner's version and the Falco engine version it implements");
  cmd->callback([&exit_code] {
    std::cout << "lanner version: " << kLannerVersion << "\n"
              << "Falco engine version: " << kFalcoEngineVersion << "\n";
    exit_code = 0;
  });
}

}  // namespace lanner::cli
