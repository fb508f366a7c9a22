// `lanner run [-r RULES] -- COMMAND...`: runs COMMAND under the supervisor. The command's
// stdin/stdout/stderr, terminal, environment and exit status are exactly as without lanner.
//
// Integration seam: rule evaluation plugs in as a supervisor::EventHandler passed to
// supervisor::run_supervised(); the LaunchSpec's event_types come from the ruleset's event
// types. Until the engine is wired in, every syscall of the table is trapped and answered
// CONTINUE (supervisor::AllowAll).
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "supervisor/supervise.h"

namespace lanner::cli {

void register_run(CLI::App& app, CommonOptions& common, int& exit_code) {
  auto* cmd = app.add_subcommand("run", "Run a command under lanner's syscall monitor");
  add_common_options(*cmd, common);
  auto command = std::make_shared<std::vector<std::string>>();
  cmd->add_option("command", *command, "The command to run and its arguments (after --)")
      ->required()
      ->expected(-1);
  cmd->callback([&exit_code, command] {
    supervisor::LaunchSpec spec;
    spec.argv = *command;
    spec.trap_all_event_types = true;  // until the ruleset tells which event types it needs
    supervisor::AllowAll handler;
    exit_code = supervisor::run_supervised(spec, handler);
  });
}

}  // namespace lanner::cli
