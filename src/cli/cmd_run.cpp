// `lanner run [-r RULES] -- COMMAND...`: runs COMMAND under the supervisor. The command's
// stdin/stdout/stderr, terminal, environment and exit status are exactly as without lanner.
//
// Integration seam: rule evaluation plugs in as a supervisor::EventHandler passed to
// supervisor::run_supervised() (replace AllowAll below with an adapter around
// app::AlertPipeline::on_event). The trap set already comes from the rules: with -r, only the
// event types the loaded rules can match (supervisor::event_types_needed); without -r, every
// syscall of the table.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "engine/load.h"
#include "event/field_registry.h"
#include "supervisor/seccomp_filter.h"
#include "supervisor/supervise.h"

namespace lanner::cli {
namespace {

// Names of the syscalls the filter would notify, comma-separated (for benchmarks and --explain).
void print_trap_set(const supervisor::LaunchSpec& spec) {
  auto set = supervisor::trap_set_for(spec.trap_all_event_types ? supervisor::all_event_types()
                                                                : spec.event_types);
  std::string line;
  for (int nr : set) {
    if (const auto* info = event::syscall_by_nr(nr)) line += (line.empty() ? "" : ",") + std::string(info->name);
  }
  std::cout << line << "\n";
}

int run_command(const CommonOptions& common, const std::vector<std::string>& command,
                bool only_print_trap_set) {
  supervisor::LaunchSpec spec;
  spec.argv = command;
  if (common.rules_paths.empty()) {
    spec.trap_all_event_types = true;
  } else {
    auto loaded = engine::load_rule_files(common.rules_paths, event::field_catalog());
    if (!loaded.ruleset) {
      std::cerr << render_text(loaded.diagnostics);
      return 1;
    }
    spec.event_types = supervisor::event_types_needed(loaded.ruleset->event_types());
  }
  if (only_print_trap_set) {
    print_trap_set(spec);
    return 0;
  }
  supervisor::AllowAll handler;  // the rule engine's handler goes here
  return supervisor::run_supervised(spec, handler);
}

}  // namespace

void register_run(CLI::App& app, CommonOptions& common, int& exit_code) {
  auto* cmd = app.add_subcommand("run", "Run a command under lanner's syscall monitor");
  add_common_options(*cmd, common);
  auto command = std::make_shared<std::vector<std::string>>();
  auto print_traps = std::make_shared<bool>(false);
  cmd->add_flag("--print-trap-set", *print_traps,
                "Print the syscalls that would be trapped (comma-separated) and exit");
  cmd->add_option("command", *command, "The command to run and its arguments (after --)")
      ->expected(-1);
  cmd->callback([&exit_code, &common, command, print_traps] {
    if (command->empty() && !*print_traps) {
      std::cerr << "lanner run: a command to run is required (lanner run [-r RULES] -- COMMAND...)\n";
      exit_code = 2;
      return;
    }
    exit_code = run_command(common, *command, *print_traps);
  });
}

}  // namespace lanner::cli
