#pragma once
// The one entry point `lanner run` and `lanner trace` call: start the command under the filter,
// feed every trapped syscall to `handler`, forward signals, and return the command's exit
// status as a shell would see it (exit code, or 128+signal), so lanner is transparent.
//
// Threads: the calling thread launches the target, then waits for signals (signalfd: SIGCHLD
// and the forwarded SIGINT/SIGTERM/SIGHUP/SIGQUIT/SIGUSR1/SIGUSR2); one notification thread
// runs the MonitorLoop and calls `handler`. When the target exits, remaining descendants are
// killed (fail-closed) and the loop stops.
#include <string>
#include <vector>

#include "supervisor/event_handler.h"
#include "supervisor/launcher.h"
#include "supervisor/monitor_loop.h"

namespace lanner::supervisor {

// Exit codes when lanner itself fails, following env(1)/docker conventions.
inline constexpr int kExitSupervisorFailure = 125;
inline constexpr int kExitCannotExecute = 126;
inline constexpr int kExitNotFound = 127;

struct SuperviseReport {
  int exit_code = 0;
  LoopStats loop;
  bool sync_wake_up = false;
  size_t trapped_syscalls = 0;
  std::string error;  // why lanner could not run the command, "" if it could
};

// Runs spec.argv under supervision. Errors are printed to stderr as "lanner: ..." and turned
// into kExitSupervisorFailure / kExitNotFound / kExitCannotExecute.
int run_supervised(const LaunchSpec& spec, EventHandler& handler);
SuperviseReport run_supervised_report(const LaunchSpec& spec, EventHandler& handler);

// True if this kernel lets us use seccomp user notification (for tests that must skip).
bool unotify_available();

}  // namespace lanner::supervisor
