#pragma once
// The supervisor's view of the target's processes: one immutable event::ProcessInfo per thread
// group, built from /proc the first time the pid shows up, with the parent chain linked through
// shared_ptr. Owned and used by the notification thread only (not thread-safe).
//
// Lifetime: an entry is rebuilt after execve (invalidate) and dropped when lanner reaps the pid
// (forget). A pid reused by a process lanner did not reap could show the previous owner's data
// until it execs (documented limitation).
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "event/event.h"
#include "supervisor/proc_fs.h"

namespace lanner::supervisor {

class ProcTable {
 public:
  // `self_pid`: lanner's own pid; the target's parent chain skips it so that proc.pname of the
  // top program is the shell that started lanner, as if lanner were not there.
  ProcTable(ProcFs& fs, int64_t self_pid);

  // Thread group id of `tid` (cached; tid itself if /proc does not say).
  int64_t tgid_of(int64_t tid);
  // Process info for thread group `pid`; a minimal entry (pid only) if /proc has nothing.
  std::shared_ptr<const event::ProcessInfo> get(int64_t pid);
  // The process changed image (execve): rebuild from /proc at its next event.
  void invalidate(int64_t pid);
  // The pid was reaped: drop it and its threads.
  void forget(int64_t pid);
  // Current working directory, read now (chdir is not trapped, so the cached one may be old).
  bool current_cwd(int64_t pid, std::string& out);

  // The program an execve is starting, as Falco's execve exit event shows it: the caller's
  // identity (pid, ids, cwd, parent) with the new image's comm/exe/exepath/args.
  struct ExecImage {
    std::string exepath;              // absolute path of the file being executed
    std::vector<std::string> argv;    // full argv including argv[0]
    bool from_memfd = false;
  };
  std::shared_ptr<const event::ProcessInfo> exec_image(const event::ProcessInfo& caller,
                                                       const ExecImage& image);

 private:
  std::shared_ptr<const event::ProcessInfo> build(int64_t pid, int depth);
  std::shared_ptr<const event::ProcessInfo> parent_of(int64_t ppid, int depth);
  void fill_identity(event::ProcessInfo& info);
  void fill_exe(event::ProcessInfo& info);
  const std::string& id_db(int64_t pid, const char* file);

  ProcFs& fs_;
  int64_t self_pid_;
  uint64_t boot_epoch_ns_;
  std::unordered_map<int64_t, std::shared_ptr<const event::ProcessInfo>> processes_;
  std::unordered_map<int64_t, int64_t> tgid_by_tid_;
  std::unordered_map<std::string, std::string> id_dbs_;  // "<mntns><root>:<file>" -> contents
  std::string scratch_;
};

// Final path component, truncated to the 15 characters of a task comm.
std::string comm_from_path(const std::string& path);

}  // namespace lanner::supervisor
