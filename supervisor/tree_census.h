#pragma once
// Is the caller the only task of the monitored tree? Then nothing under lanner can rewrite its
// memory (no other thread, no CLONE_VM sibling, no process to use process_vm_writev or ptrace)
// or swap a symlink between lanner's check of a call and the kernel's use of its arguments, so
// a decision lanner takes on what it read stays true while the caller waits (it cannot act).
// Enforce mode uses this to skip emulating opens where no race is possible.
//
// The tree is the target process, its threads and descendants, and orphans re-parented to
// lanner (a child subreaper). Sole task = the caller is the target's main thread, the target
// has one thread and no children, and lanner's only children are the target and its own
// watchdog. Read from /proc with fstat/pread on files opened once (no open() per call). Anything
// unreadable answers "not sole": the caller then pays for emulation, never for a wrong answer.
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

  bool is_sole_task(int64_t tid);

 private:
  bool target_is_alone();
  bool supervisor_has_only_expected_children();

  pid_t target_;
  pid_t spare_;
  UniqueFd target_tasks_;  // /proc/TARGET/task
  UniqueFd target_children_;
  UniqueFd supervisor_children_;
  std::string buffer_;
};

}  // namespace lanner::supervisor
