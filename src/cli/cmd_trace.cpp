// `lanner trace [-r RULES] [-o trace.fields=a,b] [--output FILE] -- COMMAND...`: runs COMMAND
// under the supervisor and prints every trapped syscall as one JSON line of Falco fields, to
// stderr by default so the command's stdout stays byte-identical.
// Trap set: the event types the rules need (-r), else every syscall of lanner's table.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "engine/load.h"
#include "event/field_registry.h"
#include "supervisor/seccomp_filter.h"
#include "supervisor/supervise.h"
#include "supervisor/trace_printer.h"

namespace lanner::cli {
namespace {

struct TraceOptions {
  std::vector<std::string> command;
  std::string output;  // "" = stderr
};

// "trace.fields=a,b" among the -o overrides; false (with a message) on an unknown field.
bool chosen_fields(const std::vector<std::string>& overrides, std::vector<lang::FieldRef>& out) {
  const auto& catalog = event::field_catalog();
  out = supervisor::default_trace_fields(catalog);
  for (const auto& override_text : overrides) {
    if (!override_text.starts_with("trace.fields=")) continue;
    out.clear();
    std::string list = override_text.substr(13);
    for (size_t pos = 0; pos <= list.size();) {
      size_t comma = std::min(list.find(',', pos), list.size());
      std::string name = list.substr(pos, comma - pos);
      pos = comma + 1;
      if (name.empty()) continue;
      auto ref = supervisor::parse_field_ref(catalog, name);
      if (!ref) {
        std::cerr << "lanner: unknown field '" << name << "' in trace.fields\n";
        return false;
      }
      out.push_back(*ref);
    }
  }
  return true;
}

// Event types to trap for the rules in `paths`; false (diagnostics printed) if they do not load.
bool event_types_from_rules(const std::vector<std::string>& paths, supervisor::LaunchSpec& spec) {
  auto loaded = engine::load_rule_files(paths, event::field_catalog());
  if (!loaded.ruleset) {
    std::cerr << render_text(loaded.diagnostics);
    return false;
  }
  spec.event_types = supervisor::event_types_needed(loaded.ruleset->event_types());
  return true;
}

int run_trace(const CommonOptions& common, const TraceOptions& options) {
  supervisor::LaunchSpec spec;
  spec.argv = options.command;
  if (common.rules_paths.empty()) {
    spec.trap_all_event_types = true;
  } else if (!event_types_from_rules(common.rules_paths, spec)) {
    return 1;
  }
  std::vector<lang::FieldRef> fields;
  if (!chosen_fields(common.overrides, fields)) return 2;
  std::FILE* out = stderr;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
  if (!options.output.empty()) {
    file.reset(std::fopen(options.output.c_str(), "we"));
    if (!file) {
      std::perror(("lanner: " + options.output).c_str());
      return 2;
    }
    out = file.get();
  }
  supervisor::TracePrinter printer(std::move(fields), out);
  int code = supervisor::run_supervised(spec, printer);
  printer.finish();
  return code;
}

}  // namespace

void register_trace(CLI::App& app, CommonOptions& common, int& exit_code) {
  auto* cmd = app.add_subcommand("trace", "Run a command and print its syscalls as JSON lines of Falco fields");
  add_common_options(*cmd, common);
  auto options = std::make_shared<TraceOptions>();
  cmd->add_option("--output", options->output, "Write the JSON lines to FILE instead of stderr")
      ->type_name("FILE");
  cmd->add_option("command", options->command, "The command to run and its arguments (after --)")
      ->required()
      ->expected(-1);
  cmd->callback([&exit_code, &common, options] { exit_code = run_trace(common, *options); });
}

}  // namespace lanner::cli
