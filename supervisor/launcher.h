#pragma once
// Starts the target program under the seccomp filter and hands its listener to the supervisor.
//
// Child, between fork and exec (async-signal-safe calls only, everything prepared before fork):
// own process group (and the terminal's foreground, if lanner had it, so job control and ^C act
// on the target as they would natively), PR_SET_PDEATHSIG(SIGKILL), dumpable again (lanner is
// not), no_new_privs, seccomp filter with NEW_LISTENER|WAIT_KILLABLE_RECV, listener to the
// parent, wait for "go", drop CAP_SYS_PTRACE from the bounding set (protect_supervisor), close
// every fd not passed on, exec with the scrubbed environment.
// The parent receives the listener, sets SYNC_WAKE_UP on it and sends "go".
#include <signal.h>
#include <sys/types.h>

#include <array>
#include <optional>
#include <functional>
#include <string>
#include <vector>

#include "supervisor/hardening.h"
#include "supervisor/seccomp_filter.h"
#include "supervisor/unique_fd.h"

namespace lanner::supervisor {

struct LaunchSpec {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH like execvp
  std::vector<std::string> event_types;  // evt.type names to trap (expanded by trap_set_for)
  bool trap_all_event_types = false;     // ignore event_types, trap the whole syscall table
  bool no_new_privs = true;   // required unless lanner has CAP_SYS_ADMIN; breaks setuid binaries
  // Default hardening (hardening.h). run_supervised fills in the pids; the filter traps what it
  // needs. With protect_supervisor the target also starts without CAP_SYS_PTRACE (bounding set),
  // so even a root target cannot open /proc/<lanner>/mem of the non-dumpable supervisor.
  HardeningOptions hardening;
  // Environment variables the target must not inherit (secrets lanner used, e.g. every ${VAR}
  // its config expanded). Names only; absent names are ignored.
  std::vector<std::string> remove_env;
  // When set: the only fds the target inherits (0, 1 and 2 are always kept), everything else
  // lanner has open is closed before exec. Take it with open_fds() before lanner opens anything
  // (config, logs, sockets). Unset: fds lanner opened without O_CLOEXEC would reach the target.
  std::optional<std::vector<int>> pass_fds;
  // Enforce mode: a call lanner fails to decode is refused (EPERM), never let through.
  bool fail_closed = false;
  // Called (on the waiting thread) after each signal lanner forwarded to the command, e.g. so
  // that SIGHUP/SIGUSR1 also reopen lanner's file outputs, as with Falco.
  std::function<void(int)> on_signal;
};

// The fds this process has open now (from /proc/self/fd), sorted: call first thing in main and
// give the result to LaunchSpec::pass_fds, so the target inherits what lanner inherited.
std::vector<int> open_fds();

struct LaunchedTarget {
  pid_t pid = -1;
  UniqueFd listener;   // the seccomp notification fd (O_CLOEXEC)
  UniqueFd control;    // socket to the child: after exec it reads EOF, exec errors arrive here
  bool owns_terminal = false;  // the target's group was made the terminal's foreground group
  bool sync_wake_up = false;
};

// Signal state the target must inherit as if lanner were not there.
struct InheritedSignals {
  sigset_t mask;
  struct sigaction sigpipe;
  // Every disposition as lanner found it; the child restores those of is_shielded_signal()
  // (ignored dispositions survive exec, and lanner ignores them while it protects itself).
  std::array<struct sigaction, NSIG> dispositions{};
  bool shielded = false;  // lanner ignored the shielded signals for this run
};

// Signals whose default action would end or stop lanner and that it neither handles nor
// blocks. While lanner protects itself it ignores them: the target can aim SIGIO at lanner
// through owners lanner cannot check without a race (F_SETOWN_EX, FIOSETOWN take a pointer), and
// hardening refuses only F_SETSIG with SIGKILL/SIGSTOP, the signals that cannot be ignored. A
// real fault still kills lanner (the kernel resets an ignored handler for a synchronous fault).
bool is_shielded_signal(int sig);

// Launches spec.argv. On failure returns pid -1 and a message in `error`. `inherited` is the
// state captured before lanner changed its own signal mask/dispositions.
LaunchedTarget launch(const LaunchSpec& spec, const FilterProgram& program,
                      const InheritedSignals& inherited, std::string& error);

// After the target exited: the exec error the child reported (e.g. "No such file or
// directory"), or "" if exec succeeded.
std::string read_exec_error(const LaunchedTarget& target);

}  // namespace lanner::supervisor
