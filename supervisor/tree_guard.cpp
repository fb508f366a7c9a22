#include "supervisor/tree_guard.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

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

[[noreturn]] void run_watchdog(int pipe_read, pid_t pgid) {
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_IGN);
  }
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  setpgid(0, 0);  // signals to lanner's group are not for us
  if (dup2(pipe_read, STDIN_FILENO) < 0) _exit(1);
  syscall(SYS_close_range, 1U, UINT_MAX, 0U);  // drop the listener and everything else
  char byte;
  while (read(STDIN_FILENO, &byte, 1) < 0 && errno == EINTR) {
  }
  kill(-pgid, SIGKILL);
  _exit(0);
}

}  // namespace

TreeGuard TreeGuard::start(pid_t pgid) {
  TreeGuard guard;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return guard;
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  pid_t pid = fork();
  if (pid < 0) return guard;
  if (pid == 0) run_watchdog(read_end.get(), pgid);
  guard.alive_ = std::move(write_end);
  guard.watchdog_ = pid;
  return guard;
}

void TreeGuard::fire() { alive_.reset(); }

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
