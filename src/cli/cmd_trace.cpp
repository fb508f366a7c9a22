// Placeholder until the trace command lands; replaced by its owner.
#include <iostream>

#include "cli/commands.h"

namespace lanner::cli {

void register_trace(CLI::App& app, [[maybe_unused]] CommonOptions& common, int& exit_code) {
  auto* cmd = app.add_subcommand("trace", "(not yet available)");
  cmd->allow_extras();
  cmd->callback([&exit_code] {
    std::cerr << "lanner: 'trace' is not available in this build\n";
    exit_code = 2;
  });
}

}  // namespace lanner::cli
