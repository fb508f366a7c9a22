#pragma once
// Fail-closed for the process tree: whatever happens to lanner, the target's programs do not
// outlive it. PR_SET_PDEATHSIG covers the direct child; this covers its descendants.
//  - A watchdog process (forked before any thread exists) blocks on a pipe whose write end only
//    lanner holds; when lanner exits or is SIGKILLed the pipe reads EOF and the watchdog
//    SIGKILLs the target's process group. Descendants that left the group (setsid/setpgid)
//    escape the watchdog (documented limitation; a pid namespace or cgroup would close it).
//  - At a normal exit lanner also SIGKILLs every descendant it can see in /proc; as a child
//    subreaper, orphaned descendants are re-parented to it and stay visible.
#include <sys/types.h>

#include "supervisor/unique_fd.h"

namespace lanner::supervisor {

class TreeGuard {
 public:
  TreeGuard() = default;
  // Starts the watchdog for process group `pgid`. Call before creating threads.
  static TreeGuard start(pid_t pgid);
  // Fires the watchdog now (kills the group) and forgets it; it exits by itself.
  void fire();
  pid_t watchdog() const { return watchdog_; }

 private:
  UniqueFd alive_;  // write end; closing it fires the watchdog
  pid_t watchdog_ = -1;
};

// SIGKILLs every process whose parent chain (per /proc/PID/stat) leads to `ancestor`, except
// `spare`. Returns how many were signalled.
int kill_descendants(pid_t ancestor, pid_t spare);

}  // namespace lanner::supervisor
