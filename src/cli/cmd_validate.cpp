// Placeholder until the validate command lands; replaced by its owner.
#include <iostream>

#include "cli/commands.h"

namespace lanner::cli {

void register_validate(CLI::App& app, [[maybe_unused]] CommonOptions& common, int& exit_code) {
  auto* cmd = app.add_subcommand("validate", "(not yet available)");
  cmd->allow_extras();
  cmd->callback([&exit_code] {
    std::cerr << "lanner: 'validate' is not available in this build\n";
    exit_code = 2;
  });
}

}  // namespace lanner::cli
