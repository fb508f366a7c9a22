#pragma once
// Shared pieces of the kernel tests: a handler that records what the supervisor decoded, and a
// skip when seccomp user notification is unavailable.
#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "supervisor/supervise.h"

namespace lanner::supervisor::testing {

struct Recorded {
  std::string type;
  int64_t tid = 0, pid = 0, ppid = 0;
  std::string comm, pname, exepath;
  std::string path, abs_path;  // first path argument
  std::vector<std::string> argv;
  bool has_fd = false;
  event::FdInfo fd;
  bool exe_from_memfd = false;
};

class RecordingHandler final : public EventHandler {
 public:
  Response on_event(event::SyscallEvent& event) noexcept override {
    Recorded r;
    r.type = event.syscall != nullptr ? std::string(event.syscall->name) : "?";
    r.tid = event.tid;
    if (event.process) {
      r.pid = event.process->pid;
      r.ppid = event.process->ppid;
      r.comm = event.process->comm;
      r.exepath = event.process->exepath;
      r.exe_from_memfd = event.process->exe_from_memfd;
      if (event.process->parent) r.pname = event.process->parent->comm;
    }
    for (size_t i = 0; i < 6; ++i) {
      if (event.syscall != nullptr && event.syscall->args[i] == event::ArgRole::kPath) {
        r.path = event.data[i];
        r.abs_path = event.abs_path[i];
        break;
      }
    }
    r.argv = event.argv;
    r.has_fd = event.has_fd;
    r.fd = event.fd;
    std::lock_guard lock(mutex_);
    events_.push_back(std::move(r));
    return Response::allow();
  }
  std::vector<Recorded> events() {
    std::lock_guard lock(mutex_);
    return events_;
  }

 private:
  std::mutex mutex_;
  std::vector<Recorded> events_;
};

#define LANNER_REQUIRE_UNOTIFY()                                                   \
  do {                                                                             \
    if (!::lanner::supervisor::unotify_available())                                \
      GTEST_SKIP() << "seccomp user notification is not available here";          \
  } while (0)

inline std::string helper(const char* name) { return std::string(LANNER_HELPERS_DIR) + "/" + name; }

}  // namespace lanner::supervisor::testing
