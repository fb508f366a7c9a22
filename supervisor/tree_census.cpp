#include "supervisor/tree_census.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <charconv>
#include <csignal>
#include <string_view>

namespace lanner::supervisor {
namespace {

std::string proc_path(pid_t pid, std::string_view rest) {
  return "/proc/" + std::to_string(pid) + std::string(rest);
}

UniqueFd open_proc(pid_t pid, std::string_view rest, int flags = 0) {
  return UniqueFd(open(proc_path(pid, rest).c_str(), O_RDONLY | O_CLOEXEC | flags));
}

// The whole file into `out` (seq_file regenerates it at offset 0). False on error or if the
// file is larger than we ever expect here.
bool read_from_start(const UniqueFd& fd, std::string& out) {
  if (!fd.valid()) return false;
  out.resize(4096);
  ssize_t n = pread(fd.get(), out.data(), out.size(), 0);
  if (n < 0 || static_cast<size_t>(n) >= out.size()) return false;
  out.resize(static_cast<size_t>(n));
  return true;
}

// Calls `on_word` for each space- or newline-separated word; stops early when it returns false.
template <typename OnWord>
bool for_each_word(std::string_view text, OnWord on_word) {
  while (!text.empty()) {
    size_t end = text.find_first_of(" \n");
    std::string_view word = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!word.empty() && !on_word(word)) return false;
  }
  return true;
}

template <typename Number>
bool parse_number(std::string_view text, Number& out, int base = 10) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return error == std::errc() && end == text.data() + text.size();
}

// /proc/PID/task/PID/children lists exactly `pid` (or nothing, when pid is -1).
bool children_are(std::string_view listing, pid_t pid) {
  int seen = 0;
  bool only = for_each_word(listing, [&](std::string_view word) {
    pid_t child = 0;
    ++seen;
    return parse_number(word, child) && child == pid;
  });
  return only && seen == (pid < 0 ? 0 : 1);
}

// /proc/PID/syscall of a task blocked in a wait for children ("running" when it is not blocked).
bool blocked_in_wait(std::string_view syscall_line) {
  std::string_view number = syscall_line.substr(0, syscall_line.find(' '));
  long nr = -1;
  return parse_number(number, nr) && (nr == SYS_wait4 || nr == SYS_waitid);
}

// The value after `key` (a line start, "\nSigCgt:\t") up to the end of its line, in `base`.
bool number_after(std::string_view text, std::string_view key, uint64_t& out, int base) {
  size_t at = text.find(key);
  if (at == std::string_view::npos) return false;
  std::string_view value = text.substr(at + key.size());
  return parse_number(value.substr(0, value.find('\n')), out, base);
}

// /proc/PID/status: SIGALRM is not caught (an alarm or interval timer, invisible in /proc,
// could run its handler at any time; uncaught, it can only kill the process).
bool no_alarm_handler(std::string_view status) {
  uint64_t caught = 0;
  return number_after(status, "\nSigCgt:\t", caught, 16) &&
         (caught & (uint64_t{1} << (SIGALRM - 1))) == 0;
}

// No file of `pid` raises signals on I/O readiness (O_ASYNC): data from outside the tree, a
// remote peer say, could then wake it at a moment of the sender's choosing.
bool no_async_files(pid_t pid, std::string& buffer) {
  DIR* dir = opendir(proc_path(pid, "/fdinfo").c_str());
  if (dir == nullptr) return false;
  bool quiet = true;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    UniqueFd info(openat(dirfd(dir), entry->d_name, O_RDONLY | O_CLOEXEC));
    uint64_t flags = 0;
    if (!info.valid()) continue;  // closed meanwhile
    if (!read_from_start(info, buffer) || !number_after(buffer, "\nflags:\t", flags, 8) ||
        (flags & O_ASYNC) != 0) {
      quiet = false;
      break;
    }
  }
  closedir(dir);
  return quiet;
}

// The run count (third field) of /proc/PID/schedstat; 0 where the kernel does not keep it.
uint64_t run_count(std::string_view schedstat) {
  uint64_t runs = 0;
  int field = 0;
  for_each_word(schedstat, [&](std::string_view word) {
    if (++field < 3) return true;
    if (!parse_number(word, runs)) runs = 0;
    return false;
  });
  return runs;
}

}  // namespace

TreeCensus::TreeCensus(pid_t supervisor, pid_t target, pid_t spare)
    : target_(target),
      spare_(spare),
      target_syscall_(open_proc(target, "/syscall")),
      target_schedstat_(open_proc(target, "/schedstat")),
      target_status_(open_proc(target, "/status")),
      target_timers_(open_proc(target, "/timers")),
      supervisor_children_(open_proc(supervisor, "/task/" + std::to_string(supervisor) + "/children")) {
  target_files_.pid = target;
  target_files_.tasks = open_proc(target, "/task", O_DIRECTORY);
  target_files_.children = open_proc(target, "/task/" + std::to_string(target) + "/children");
}

bool TreeCensus::is_unraceable(int64_t tid) {
  if (tid <= 0 || !supervisor_has_only_expected_children()) return false;
  if (tid == target_) return alone(target_files_);
  return waited_for_by_target(static_cast<pid_t>(tid));
}

// One thread and no children. A dead process's task directory counts no threads, so a cached
// entry whose pid now names another process fails here.
bool TreeCensus::alone(const ProcessFiles& process) {
  struct stat tasks {};
  if (!process.tasks.valid() || fstat(process.tasks.get(), &tasks) != 0 || tasks.st_nlink != 3) {
    return false;
  }
  return read_from_start(process.children, buffer_) && children_are(buffer_, -1);
}

bool TreeCensus::waited_for_by_target(pid_t caller) {
  if (!alone(files_of_caller(caller))) {
    caller_files_.pid = -1;  // perhaps files of an earlier process with this pid: retry once
    if (!alone(files_of_caller(caller))) return false;
  }
  return target_only_waits_for(caller);
}

TreeCensus::ProcessFiles& TreeCensus::files_of_caller(pid_t caller) {
  if (caller_files_.pid != caller) {
    caller_files_.pid = caller;
    caller_files_.tasks = open_proc(caller, "/task", O_DIRECTORY);
    caller_files_.children = open_proc(caller, "/task/" + std::to_string(caller) + "/children");
  }
  return caller_files_;
}

// The target has one thread and `caller` as its only child, and sleeps in wait4/waitid with
// nothing of its own to wake it: no POSIX timer, no alarm handler, no O_ASYNC file. Then only
// its child (parked) or something outside the tree can wake it. Its sleep is checked at every
// call (a signal may have woken it without it having run yet); the rest only after it ran
// (its run count changed), since a process that did not run changed none of it.
bool TreeCensus::target_only_waits_for(pid_t caller) {
  if (!read_from_start(target_schedstat_, buffer_)) return false;
  const uint64_t runs = run_count(buffer_);  // read before the checks: a run during them shows
  if (!read_from_start(target_syscall_, buffer_) || !blocked_in_wait(buffer_)) return false;
  if (runs != 0 && verified_child_ == caller && runs == verified_runs_) return true;
  verified_child_ = -1;
  struct stat tasks {};
  if (!target_files_.tasks.valid() || fstat(target_files_.tasks.get(), &tasks) != 0 ||
      tasks.st_nlink != 3) {
    return false;
  }
  if (!read_from_start(target_files_.children, buffer_) || !children_are(buffer_, caller)) return false;
  if (!read_from_start(target_status_, buffer_) || !no_alarm_handler(buffer_)) return false;
  if (!read_from_start(target_timers_, buffer_) || !buffer_.empty()) return false;
  if (!no_async_files(target_, buffer_)) return false;
  if (runs != 0) {  // 0: the kernel keeps no run count, so every call verifies again
    verified_child_ = caller;
    verified_runs_ = runs;
  }
  return true;
}

bool TreeCensus::supervisor_has_only_expected_children() {
  if (!read_from_start(supervisor_children_, buffer_)) return false;
  return for_each_word(buffer_, [&](std::string_view word) {
    pid_t pid = 0;
    return parse_number(word, pid) && (pid == target_ || pid == spare_);  // else an orphan lives on
  });
}

}  // namespace lanner::supervisor
