#pragma once
// Fail-closed for the process tree: whatever happens to lanner, the target's programs do not
// outlive it (threats.md T24, T32). PR_SET_PDEATHSIG covers the direct child; this covers its
// descendants, including daemons that left the process group with setsid/setpgid.
//  - A watchdog process (forked before lanner's monitoring threads) holds a pidfd for every
//    process of the tree: every 50 ms it walks /proc/<lanner>/task/*/children down
//    (lanner is a child subreaper, so orphaned descendants stay below it while it lives).
//  - It blocks on a pipe whose write end only lanner holds; when lanner exits or is SIGKILLed
//    the pipe reads EOF and the watchdog SIGKILLs the target's process group and, through the
//    pidfds (no pid-reuse mistakes), every process it tracked and their descendants (stopped
//    first so none can fork away). Limit: a process born and detached in the last sweep
//    interval before lanner's death is not known to it (a cgroup would close that gap).
//  - At a normal exit lanner also SIGKILLs every descendant it can see in /proc.
#include <sys/types.h>

#include "supervisor/unique_fd.h"

namespace lanner::supervisor {

class TreeGuard {
 public:
  TreeGuard() = default;
  // Starts the watchdog for process group `pgid` (the target's) below `supervisor` (this
  // process). Call before creating threads.
  static TreeGuard start(pid_t pgid);
  // Fires the watchdog now (kills the tree) and forgets it; it exits by itself.
  void fire();
  pid_t watchdog() const { return watchdog_; }
  pid_t group() const { return group_; }
  // Kills every process of the monitored tree now (SIGKILL: the target's group and every
  // descendant of this process except the watchdog). Thread-safe; the watchdog keeps running.
  void kill_tree() const;

 private:
  UniqueFd alive_;  // write end; closing it fires the watchdog
  pid_t watchdog_ = -1;
  pid_t group_ = -1;
};

// SIGKILLs every process whose parent chain (per /proc/PID/stat) leads to `ancestor`, except
// `spare`. Returns how many were signalled.
int kill_descendants(pid_t ancestor, pid_t spare);

}  // namespace lanner::supervisor
