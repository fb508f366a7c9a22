#pragma once
// The one entry point `lanner run` and `lanner trace` call: start the command under the filter,
// feed every trapped syscall to `handler`, forward signals, and return the command's exit
// status as a shell would see it (exit code, or 128+signal), so lanner is transparent.
//
// Threads: the calling thread launches the target, then waits for signals (signalfd: SIGCHLD
// and the forwarded SIGINT/SIGTERM/SIGHUP/SIGQUIT/SIGUSR1/SIGUSR2); one notification thread
// runs the MonitorLoop and calls `handler`. When the target exits, remaining descendants are
// killed (fail-closed) and the loop stops.
//
// Hardening (spec.hardening, docs/threat-model.md): lanner makes itself non-dumpable for the
// run (restored afterwards, so an embedding process is left as it was), the filter also traps
// what Hardening needs, and the loop refuses those calls before any rule sees them.
#include <atomic>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "supervisor/event_handler.h"
#include "supervisor/launcher.h"
#include "supervisor/monitor_loop.h"

namespace lanner::supervisor {

// Exit codes when lanner itself fails, following env(1)/docker conventions.
inline constexpr int kExitSupervisorFailure = 125;
inline constexpr int kExitCannotExecute = 126;
inline constexpr int kExitNotFound = 127;
// The monitor failed while the command ran (the seccomp listener returned an error): nothing
// could answer the target's trapped calls any more, so lanner killed the whole target tree.
// Distinct from every code the command can cause through lanner (its own exit code, 128+signal).
inline constexpr int kExitMonitorFailure = 122;

struct SuperviseReport {
  int exit_code = 0;
  LoopStats loop;
  bool sync_wake_up = false;
  bool monitor_failed = false;  // the listener failed; exit_code is kExitMonitorFailure
  size_t trapped_syscalls = 0;
  std::string error;  // why lanner could not run the command, "" if it could
};

// A NotificationSource that notices when the one it wraps fails (kError) and then runs
// `on_failure` once (run_supervised: kill the target tree). Exposed for tests.
class FailureWatch final : public NotificationSource {
 public:
  FailureWatch(NotificationSource& inner, std::function<void()> on_failure)
      : inner_(inner), on_failure_(std::move(on_failure)) {}
  ReceiveStatus receive(RawNotification& out) override;
  bool still_valid(uint64_t id) override { return inner_.still_valid(id); }
  bool respond(uint64_t id, const Response& response) override { return inner_.respond(id, response); }
  bool failed() const { return failed_.load(std::memory_order_acquire); }

 private:
  NotificationSource& inner_;
  std::function<void()> on_failure_;
  std::atomic<bool> failed_{false};
};

// Runs spec.argv under supervision. Errors are printed to stderr as "lanner: ..." and turned
// into kExitSupervisorFailure / kExitNotFound / kExitCannotExecute.
int run_supervised(const LaunchSpec& spec, EventHandler& handler);
SuperviseReport run_supervised_report(const LaunchSpec& spec, EventHandler& handler);

// True if this kernel lets us use seccomp user notification (for tests that must skip).
bool unotify_available();

}  // namespace lanner::supervisor
