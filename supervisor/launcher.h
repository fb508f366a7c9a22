#pragma once
// Starts the target program under the seccomp filter and hands its listener to the supervisor.
//
// Child, between fork and exec (async-signal-safe calls only, everything prepared before fork):
// own process group (and the terminal's foreground, if lanner had it, so job control and ^C act
// on the target as they would natively), PR_SET_PDEATHSIG(SIGKILL), no_new_privs, seccomp
// filter with NEW_LISTENER|WAIT_KILLABLE_RECV, listener to the parent, wait for "go", exec.
// The parent receives the listener, sets SYNC_WAKE_UP on it and sends "go".
#include <signal.h>
#include <sys/types.h>

#include <string>
#include <vector>

#include "supervisor/seccomp_filter.h"
#include "supervisor/unique_fd.h"

namespace lanner::supervisor {

struct LaunchSpec {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH like execvp
  std::vector<std::string> event_types;  // evt.type names to trap (expanded by trap_set_for)
  bool trap_all_event_types = false;     // ignore event_types, trap the whole syscall table
  bool no_new_privs = true;   // required unless lanner has CAP_SYS_ADMIN; breaks setuid binaries
  bool deny_io_uring = false;
};

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
};

// Launches spec.argv. On failure returns pid -1 and a message in `error`. `inherited` is the
// state captured before lanner changed its own signal mask/dispositions.
LaunchedTarget launch(const LaunchSpec& spec, const FilterProgram& program,
                      const InheritedSignals& inherited, std::string& error);

// After the target exited: the exec error the child reported (e.g. "No such file or
// directory"), or "" if exec succeeded.
std::string read_exec_error(const LaunchedTarget& target);

}  // namespace lanner::supervisor
