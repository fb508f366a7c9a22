#pragma once
// Can anything under lanner act while the caller's call waits? If not, nothing under lanner can
// rewrite the caller's memory (no other thread, no CLONE_VM sibling, no process to use
// process_vm_writev, ptrace or a shared mapping) or swap a symlink between lanner's check of a
// call and the kernel's use of its arguments, so a decision lanner takes on what it read stays
// true while the caller waits (it cannot act either). Enforce mode uses this to skip emulating
// opens where no race is possible.
//
// The tree is the target process, its threads and descendants, and orphans re-parented to
// lanner (a child subreaper). The caller is unraceable in two shapes:
//  - sole task: the caller is the target's main thread, the target has one thread and no
//    children, and lanner's only children are the target and its own watchdog;
//  - waited-for child (`sh -c CMD`, an entrypoint script running one command): the caller is a
//    single-threaded process with no children whose parent is the target, and the target has
//    one thread, no other child, and sleeps in wait4/waitid with nothing of its own that could
//    wake it: no POSIX timer, no SIGALRM handler (alarms are invisible in /proc), no file with
//    O_ASYNC (data from a remote peer would raise a signal when the peer chooses). Such a
//    parent wakes only when its one child (parked by lanner) changes state or when a process
//    outside the tree signals it; outsiders are out of scope (they could change the files
//    themselves). Deeper chains are not accepted: an intermediate process could die of its
//    own timer and wake its parent.
// Read from /proc with fstat/pread on files opened once per process (no open() per call). The
// parent's state is re-verified only after it ran (/proc/PID/schedstat's run count changed).
// Anything unreadable answers "raceable": the caller then pays for emulation, never for a wrong
// answer.
#include <sys/types.h>

#include <cstdint>
#include <string>

#include "supervisor/unique_fd.h"

namespace lanner::supervisor {

class TreeCensus {
 public:
  // `supervisor` is lanner's pid, `target` the launched command's, `spare` lanner's own
  // helper child (the watchdog; -1 if none).
  TreeCensus(pid_t supervisor, pid_t target, pid_t spare);

  // True when no task under lanner but the caller `tid` can run while its call waits.
  bool is_unraceable(int64_t tid);

 private:
  // The /proc files of one single-threaded process the census reads at every call.
  struct ProcessFiles {
    pid_t pid = -1;
    UniqueFd tasks;     // /proc/PID/task: its link count is 2 + the number of threads
    UniqueFd children;  // /proc/PID/task/PID/children
  };

  bool alone(const ProcessFiles& process);
  bool waited_for_by_target(pid_t caller);
  bool target_only_waits_for(pid_t caller);
  bool supervisor_has_only_expected_children();
  ProcessFiles& files_of_caller(pid_t caller);

  pid_t target_;
  pid_t spare_;
  ProcessFiles target_files_;
  ProcessFiles caller_files_;  // the last waited-for child asked about
  UniqueFd target_syscall_;    // /proc/TARGET/syscall: the call it is blocked in
  UniqueFd target_schedstat_;  // /proc/TARGET/schedstat: its run count
  UniqueFd target_status_;     // /proc/TARGET/status: SigCgt
  UniqueFd target_timers_;     // /proc/TARGET/timers: its POSIX timers
  UniqueFd supervisor_children_;
  // The target was verified to only wait for this child at this run count.
  pid_t verified_child_ = -1;
  uint64_t verified_runs_ = 0;
  std::string buffer_;
};

}  // namespace lanner::supervisor
