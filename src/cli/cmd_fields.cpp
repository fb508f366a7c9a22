// Placeholder until the fields command lands; replaced by its owner.
#include <iostream>

#include "cli/commands.h"

namespace lanner::cli {

void register_fields(CLI::App& app, [[maybe_unused]] CommonOptions& common, int& exit_code) {
  auto* cmd = app.add_subcommand("fields", "(not yet available)");
  cmd->allow_extras();
  cmd->callback([&exit_code] {
    std::cerr << "lanner: 'fields' is not available in this build\n";
    exit_code = 2;
  });
}

}  // namespace lanner::cli
