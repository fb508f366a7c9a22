// `lanner run [-r RULES] [-c CONFIG] [-o key=value] -- COMMAND...`: runs COMMAND under the
// supervisor, evaluates every trapped syscall against the rules and emits Falco-format alerts.
// The command's stdin/stdout/stderr, terminal, environment and exit status are exactly as
// without lanner; lanner's own messages go to stderr, alerts to the configured sinks.
//
// Exit status: the command's (or 128+signal), except when alerts could not all be delivered
// and `lanner.fail_on_dropped_alerts` is on (the default): then kExitAlertsLost if the command
// itself succeeded. Startup problems (bad rules, bad config): 2.
#include <csignal>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/monitor.h"
#include "app/pipeline_handler.h"
#include "config/enforce_spec.h"
#include "cli/commands.h"
#include "event/field_registry.h"
#include "supervisor/seccomp_filter.h"
#include "supervisor/supervise.h"

namespace lanner::cli {
namespace {

constexpr int kExitStartupError = 2;
constexpr int kExitAlertsLost = 121;

// `--enforce SELECTOR` (repeatable) and `--enforce-action ACTION` (for all of them).
struct EnforceOptions {
  std::vector<std::string> selectors;
  std::string action = "deny:EPERM";
};

// The --enforce entries, or nullopt after printing which flag was wrong.
std::optional<std::vector<config::EnforceEntry>> parse_enforce(const EnforceOptions& options) {
  std::string error;
  auto action = config::parse_enforce_action(options.action, error);
  if (!action) {
    std::cerr << "lanner run: --enforce-action: " << error << "\n";
    return std::nullopt;
  }
  std::vector<config::EnforceEntry> entries;
  for (const auto& text : options.selectors) {
    auto selector = config::parse_enforce_selector(text, error);
    if (!selector) {
      std::cerr << "lanner run: --enforce " << text << ": " << error << "\n";
      return std::nullopt;
    }
    entries.push_back({*selector, *action});
  }
  return entries;
}

// Names of the syscalls the filter would notify, comma-separated (benchmarks, --print-trap-set).
void print_trap_set(const std::vector<std::string>& event_types) {
  std::string line;
  for (int nr : supervisor::trap_set_for(event_types)) {
    if (const auto* info = event::syscall_by_nr(nr)) {
      line += (line.empty() ? "" : ",") + std::string(info->name);
    }
  }
  std::cout << line << "\n";
}

// Hardening from lanner.hardening, secrets and fds kept from the target, fail-closed decoding
// in enforce mode. Says at startup what a turned-off hardening leaves unmonitored.
void configure_protection(const config::Config& config, bool enforcing, const CommonOptions& common,
                          supervisor::LaunchSpec& spec) {
  spec.hardening.deny_io_uring = config.lanner.deny_io_uring;
  spec.hardening.protect_supervisor = config.lanner.protect_supervisor;
  spec.hardening.deny_foreign_abi = config.lanner.deny_foreign_abi;
  if (!config.lanner.deny_io_uring) {
    std::cerr << "lanner: warning: io_uring is allowed: io_uring operations are unmonitored\n";
  }
  if (!config.lanner.deny_foreign_abi) {
    std::cerr << "lanner: warning: i386 and x32 system calls are allowed and unmonitored\n";
  }
  if (!config.lanner.protect_supervisor) {
    std::cerr << "lanner: warning: the monitored program may signal, trace or read lanner\n";
  }
  spec.remove_env = config.expanded_env_vars;
  spec.pass_fds = common.inherited_fds;
  spec.fail_closed = enforcing;
}

int report_delivery(const app::Monitor& monitor, const output::ShutdownReport& report,
                    int target_exit_code) {
  const uint64_t lost = report.stats.not_delivered();
  if (lost == 0) return target_exit_code;
  std::cerr << "lanner: " << lost << " alert(s) could not be delivered\n"
            << report.stats.summary();
  if (!monitor.config.lanner.fail_on_dropped_alerts) return target_exit_code;
  return target_exit_code == 0 ? kExitAlertsLost : target_exit_code;
}

int run_command(const CommonOptions& common, const EnforceOptions& enforce_options,
                const std::vector<std::string>& command, bool only_print_trap_set) {
  auto enforce = parse_enforce(enforce_options);
  if (!enforce) return kExitStartupError;
  Diagnostics diags;
  app::MonitorOptions options{common.rules_paths, common.config_path, common.overrides, {},
                              std::move(*enforce)};
  auto monitor = app::prepare_monitor(options, diags);
  if (!monitor) {
    std::cerr << render_text(diags);
    return kExitStartupError;
  }
  if (monitor->config.log_level == "debug") std::cerr << render_text(diags);

  supervisor::LaunchSpec spec;
  spec.argv = command;
  configure_protection(monitor->config, monitor->policy.active(), common, spec);
  spec.event_types = supervisor::event_types_needed(monitor->ruleset->event_types());
  if (only_print_trap_set) {
    print_trap_set(spec.event_types);
    return 0;
  }
  if (monitor->policy.active()) {
    std::cerr << "lanner: enforce mode: " << monitor->policy.enforced_rules()
              << " rule(s) block matching calls\n";
  }
  // As Falco does on SIGUSR1 (and lanner also on SIGHUP, which it forwards): reopen the file
  // and program outputs, e.g. after logrotate moved the file.
  spec.on_signal = [dispatcher = monitor->dispatcher.get()](int sig) {
    if (sig == SIGUSR1 || sig == SIGHUP) dispatcher->request_reopen();
  };
  app::AlertPipeline pipeline(*monitor);
  app::PipelineHandler handler(pipeline);
  const int exit_code = supervisor::run_supervised(spec, handler);
  auto report = monitor->dispatcher->shutdown(
      std::chrono::milliseconds(monitor->config.lanner.output_shutdown_timeout_ms));
  if (pipeline.failures() > 0) {
    std::cerr << "lanner: " << pipeline.failures() << " event(s) could not be evaluated\n";
  }
  return report_delivery(*monitor, report, exit_code);
}

}  // namespace

void register_run(CLI::App& app, CommonOptions& common, int& exit_code) {
  auto* cmd = app.add_subcommand("run", "Run a command under lanner's syscall monitor and alert on rule matches");
  add_common_options(*cmd, common);
  auto command = std::make_shared<std::vector<std::string>>();
  auto print_traps = std::make_shared<bool>(false);
  auto enforce = std::make_shared<EnforceOptions>();
  cmd->add_option("--enforce", enforce->selectors,
                  "Block calls matched by these rules (rule:NAME, tag:TAG or priority>=LEVEL); "
                  "repeatable. Without it lanner only alerts")
      ->type_name("SELECTOR")
      ->allow_extra_args(false);
  cmd->add_option("--enforce-action", enforce->action,
                  "What a block does: deny[:ERRNO] (default deny:EPERM), kill or kill-tree")
      ->type_name("ACTION");
  cmd->add_flag("--print-trap-set,--dry-run", *print_traps,
                "Load everything, print the syscalls that would be trapped (comma-separated) "
                "and exit");
  cmd->add_option("command", *command, "The command to run and its arguments (after --)")
      ->expected(-1);
  cmd->callback([&exit_code, &common, command, print_traps, enforce] {
    if (command->empty() && !*print_traps) {
      std::cerr << "lanner run: a command to run is required (lanner run [-r RULES] -- COMMAND...)\n";
      exit_code = kExitStartupError;
      return;
    }
    exit_code = run_command(common, *enforce, *command, *print_traps);
  });
}

}  // namespace lanner::cli
