// Placeholder until the run command lands; replaced by its owner.
#include <iostream>

#include "cli/commands.h"

namespace lanner::cli {

void register_run(CLI::App& app, [[maybe_unused]] CommonOptions& common, int& exit_code) {
  auto* cmd = app.add_subcommand("run", "(not yet available)");
  cmd->allow_extras();
  cmd->callback([&exit_code] {
    std::cerr << "lanner: 'run' is not available in this build\n";
    exit_code = 2;
  });
}

}  // namespace lanner::cli
