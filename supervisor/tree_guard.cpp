#include "supervisor/tree_guard.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "supervisor/proc_fs.h"
#include "supervisor/proc_parse.h"

namespace lanner::supervisor {
namespace {

constexpr int kSweepIntervalMs = 50;  // ~100 us per sweep of a small tree: ~0.2% of a CPU
constexpr size_t kMaxTracked = 8192;   // also bounded by RLIMIT_NOFILE (one pidfd each)
constexpr int kFinalRounds = 16;      // stop-and-sweep rounds before the final SIGKILL

// Pids listed in /proc/PID/task/*/children (every thread's children).
std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> out;
  std::string dir_path = "/proc/" + std::to_string(pid) + "/task";
  DIR* dir = opendir(dir_path.c_str());
  if (dir == nullptr) return out;
  RealProcFs fs;
  std::string text;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    std::string path = dir_path + "/" + entry->d_name + "/children";
    if (!fs.read_file(path.c_str(), 1 << 16, text)) continue;
    const char* cursor = text.c_str();
    char* end = nullptr;
    for (long child = std::strtol(cursor, &end, 10); end != cursor; child = std::strtol(cursor, &end, 10)) {
      if (child > 0) out.push_back(static_cast<pid_t>(child));
      cursor = end;
    }
  }
  closedir(dir);
  return out;
}

// The watchdog's view of the tree: a pidfd per process seen below lanner, so the final kill
// cannot hit a recycled pid.
class TrackedTree {
 public:
  TrackedTree(pid_t supervisor, pid_t self, size_t capacity)
      : supervisor_(supervisor), self_(self), capacity_(capacity) {}

  // Walks down from lanner and tracks every process not tracked yet.
  void sweep() { walk_from({supervisor_}, false); }

  // Closes the pidfds of processes that have exited.
  void drop_exited() {
    std::vector<pollfd> fds;
    for (const auto& [pid, fd] : tracked_) fds.push_back({fd.get(), POLLIN, 0});
    if (fds.empty() || poll(fds.data(), fds.size(), 0) <= 0) return;
    for (const auto& p : fds) {
      if ((p.revents & POLLIN) == 0) continue;
      std::erase_if(tracked_, [&](const auto& item) { return item.second.get() == p.fd; });
    }
  }

  // lanner is gone: freeze what is known, find what they forked meanwhile, kill everything.
  void stop_and_kill() {
    for (int round = 0; round < kFinalRounds; ++round) {
      signal_all(SIGSTOP);
      std::vector<pid_t> known;
      for (const auto& [pid, fd] : tracked_) known.push_back(pid);
      if (!walk_from(known, true)) break;  // nothing new: the tree is complete and frozen
    }
    signal_all(SIGKILL);
  }

 private:
  // Tracks every descendant of `roots`; returns true if any was new. `stop_new` freezes them.
  bool walk_from(std::vector<pid_t> frontier, bool stop_new) {
    bool found = false;
    for (size_t visits = 0; !frontier.empty() && visits < 4 * kMaxTracked; ++visits) {
      pid_t pid = frontier.back();
      frontier.pop_back();
      for (pid_t child : children_of(pid)) {
        if (child == self_) continue;
        if (!tracked_.contains(child) && track(child, stop_new)) found = true;
        frontier.push_back(child);
      }
    }
    return found;
  }

  bool track(pid_t pid, bool stop_now) {
    if (tracked_.size() >= capacity_) return false;
    UniqueFd fd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
    if (!fd.valid()) return false;
    if (stop_now) syscall(SYS_pidfd_send_signal, fd.get(), SIGSTOP, nullptr, 0U);
    tracked_.emplace(pid, std::move(fd));
    return true;
  }

  void signal_all(int sig) {
    for (const auto& [pid, fd] : tracked_) syscall(SYS_pidfd_send_signal, fd.get(), sig, nullptr, 0U);
  }

  pid_t supervisor_;
  pid_t self_;
  size_t capacity_;
  std::unordered_map<pid_t, UniqueFd> tracked_;
};

size_t raise_fd_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 64;
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  getrlimit(RLIMIT_NOFILE, &limit);
  return std::min<size_t>(kMaxTracked, limit.rlim_cur > 16 ? limit.rlim_cur - 16 : 0);
}

// Returns when lanner closed its end of the pipe (exit, crash or fire()).
void watch_until_lanner_is_gone(TrackedTree& tree) {
  for (;;) {
    pollfd alive{STDIN_FILENO, POLLIN, 0};
    int ready = poll(&alive, 1, kSweepIntervalMs);
    if (ready > 0) return;  // EOF (POLLHUP/POLLIN): the only writer is gone
    if (ready < 0 && errno != EINTR) return;
    tree.sweep();
    tree.drop_exited();
  }
}

[[noreturn]] void run_watchdog(int pipe_read, pid_t pgid, pid_t supervisor) {
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_IGN);
  }
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  setpgid(0, 0);  // signals to lanner's group are not for us
  if (dup2(pipe_read, STDIN_FILENO) < 0) _exit(1);
  syscall(SYS_close_range, 1U, UINT_MAX, 0U);  // drop the listener and everything else
  TrackedTree tree(supervisor, getpid(), raise_fd_limit());
  watch_until_lanner_is_gone(tree);
  // Stop before kill: a killed parent's untracked children would be re-parented out of reach.
  kill(-pgid, SIGSTOP);
  tree.stop_and_kill();
  kill(-pgid, SIGKILL);
  _exit(0);
}

}  // namespace

TreeGuard TreeGuard::start(pid_t pgid) {
  TreeGuard guard;
  guard.group_ = pgid;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return guard;
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  const pid_t supervisor = getpid();
  pid_t pid = fork();
  if (pid < 0) return guard;
  if (pid == 0) run_watchdog(read_end.get(), pgid, supervisor);
  guard.alive_ = std::move(write_end);
  guard.watchdog_ = pid;
  return guard;
}

void TreeGuard::fire() { alive_.reset(); }

void TreeGuard::kill_tree() const {
  if (group_ > 0) kill(-group_, SIGKILL);
  // Twice: a process may fork between the /proc walk and its kill.
  for (int pass = 0; pass < 2; ++pass) kill_descendants(getpid(), watchdog_);
}

int kill_descendants(pid_t ancestor, pid_t spare) {
  std::unordered_map<pid_t, pid_t> parent_of;
  DIR* dir = opendir("/proc");
  if (dir == nullptr) return 0;
  RealProcFs fs;
  std::string text;
  while (dirent* entry = readdir(dir)) {
    char* end = nullptr;
    long pid = std::strtol(entry->d_name, &end, 10);
    if (*end != '\0' || pid <= 0) continue;
    std::string path = std::string("/proc/") + entry->d_name + "/stat";
    if (!fs.read_file(path.c_str(), 4096, text)) continue;
    if (auto stat = parse_proc_stat(text)) parent_of[static_cast<pid_t>(pid)] = static_cast<pid_t>(stat->ppid);
  }
  closedir(dir);
  int killed = 0;
  for (const auto& [pid, ppid] : parent_of) {
    pid_t cursor = ppid;
    for (int depth = 0; depth < 4096 && cursor > 1 && cursor != ancestor; ++depth) {
      auto it = parent_of.find(cursor);
      cursor = it == parent_of.end() ? 0 : it->second;
    }
    if (cursor == ancestor && pid != spare && kill(pid, SIGKILL) == 0) ++killed;
  }
  return killed;
}

}  // namespace lanner::supervisor
