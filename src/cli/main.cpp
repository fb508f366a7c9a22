// lanner: a userspace, Falco-compatible runtime-security monitor.
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "supervisor/launcher.h"

int main(int argc, char** argv) {
  using namespace lanner::cli;
  CommonOptions common;
  // Before anything is opened: what lanner itself opens (config, logs, sockets) must never reach
  // the monitored program.
  common.inherited_fds = lanner::supervisor::open_fds();
  std::vector<std::string> args(argv + 1, argv + argc);
  args = translate_falco_flags(args);

  CLI::App app{"lanner: run programs under Falco rules, from userspace", "lanner"};
  app.require_subcommand(1);
  app.fallthrough(false);
  int exit_code = 0;
  register_version(app, exit_code);
  register_validate(app, common, exit_code);
  register_rules(app, common, exit_code);
  register_fields(app, common, exit_code);
  register_run(app, common, exit_code);
  register_trace(app, common, exit_code);

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
