#pragma once
// Shared pieces of the kernel tests: a handler that records what the supervisor decoded, and a
// skip when seccomp user notification is unavailable.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
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
    event.complete_paths();  // records every path, as a rule reading fd.name would
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

// Records what lanner's hardening refused (on_hardening) and lets every other call run.
struct Refusal {
  std::string rule;
  int error = 0;
  int64_t tid = 0;
  std::string type;  // "?" when the call was not decoded (foreign ABI)
};

class HardeningRecorder final : public EventHandler {
 public:
  Response on_event(event::SyscallEvent&) noexcept override { return Response::allow(); }
  void on_hardening(const event::SyscallEvent& event, const HardeningVerdict& verdict) noexcept override {
    std::lock_guard lock(mutex_);
    refusals_.push_back({std::string(verdict.rule), verdict.error, event.tid,
                         event.syscall != nullptr ? std::string(event.syscall->name) : "?"});
  }
  std::vector<Refusal> refusals() {
    std::lock_guard lock(mutex_);
    return refusals_;
  }

 private:
  std::mutex mutex_;
  std::vector<Refusal> refusals_;
};

// Sends this process's stdout (fd 1, which the target inherits) to a file while alive; text()
// returns what was written. For tests that run the supervisor in-process.
class StdoutCapture {
 public:
  StdoutCapture() {
    std::fflush(stdout);
    char path[] = "/tmp/lanner-capture-XXXXXX";
    file_ = mkstemp(path);
    unlink(path);
    saved_ = dup(1);
    dup2(file_, 1);
  }
  ~StdoutCapture() {
    restore();
    if (file_ >= 0) close(file_);
  }
  StdoutCapture(const StdoutCapture&) = delete;
  StdoutCapture& operator=(const StdoutCapture&) = delete;
  std::string text() {
    restore();
    std::string out;
    char buf[4096];
    ssize_t n;
    for (off_t at = 0; (n = pread(file_, buf, sizeof buf, at)) > 0; at += n) out.append(buf, static_cast<size_t>(n));
    return out;
  }

 private:
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stdout);
    dup2(saved_, 1);
    close(saved_);
    saved_ = -1;
  }
  int file_ = -1;
  int saved_ = -1;
};

struct Outcome {
  std::string out, err;
  int exit_code = -1;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Runs argv natively or under run_supervised (every event type trapped) in a forked process
// with files as stdio: the "same test, with and without the monitor" pattern.
inline Outcome run(const std::vector<std::string>& argv, const std::string& input, bool supervised) {
  char dir_template[] = "/tmp/lanner-fidelity-XXXXXX";
  std::string dir = mkdtemp(dir_template);
  std::string in_path = dir + "/in", out_path = dir + "/out", err_path = dir + "/err";
  std::ofstream(in_path, std::ios::binary) << input;
  pid_t pid = fork();
  if (pid == 0) {
    int in = open(in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (supervised) {
      LaunchSpec spec;
      spec.argv = argv;
      spec.trap_all_event_types = true;
      AllowAll handler;
      _exit(run_supervised(spec, handler));
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Outcome outcome{slurp(out_path), slurp(err_path), -1};
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  for (const auto& p : {in_path, out_path, err_path}) unlink(p.c_str());
  rmdir(dir.c_str());
  return outcome;
}

#define LANNER_REQUIRE_UNOTIFY()                                                   \
  do {                                                                             \
    if (!::lanner::supervisor::unotify_available())                                \
      GTEST_SKIP() << "seccomp user notification is not available here";          \
  } while (0)

inline std::string helper(const char* name) { return std::string(LANNER_HELPERS_DIR) + "/" + name; }

}  // namespace lanner::supervisor::testing
