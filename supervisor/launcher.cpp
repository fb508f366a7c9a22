#include "supervisor/launcher.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/seccomp.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "supervisor/fd_passing.h"

#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

namespace lanner::supervisor {
namespace {

// What the child reports to the parent. stage != kReady means that step failed with `error`.
enum Stage : int32_t { kReady = 0, kFilter = 1, kHandOff = 2, kExec = 3, kParent = 4 };
struct ChildReport {
  int32_t stage = kReady;
  int32_t value = 0;  // kReady: the listener's fd number in the child; else errno
};

// Everything the child needs, prepared before fork so the child does not allocate.
struct ChildPlan {
  std::vector<char*> argv;
  std::vector<char*> envp;       // lanner's environment minus LaunchSpec::remove_env
  std::vector<int> keep_fds;     // sorted; empty: close nothing
  bool drop_ptrace_capability = false;
  sock_fprog prog{};
  int sock = -1;
  pid_t parent = -1;
  bool pass_with_scm_rights = true;
  bool take_terminal = false;
  bool no_new_privs = true;
  const InheritedSignals* inherited = nullptr;
};

[[noreturn]] void child_fail(int sock, int32_t stage, int err) {
  ChildReport report{stage, err};
  (void)!write(sock, &report, sizeof report);
  _exit(127);
}

void child_take_terminal() {
  sigset_t ttou, old;
  sigemptyset(&ttou);
  sigaddset(&ttou, SIGTTOU);
  sigprocmask(SIG_BLOCK, &ttou, &old);  // a background group calling tcsetpgrp gets SIGTTOU
  tcsetpgrp(STDIN_FILENO, getpid());
  sigprocmask(SIG_SETMASK, &old, nullptr);
}

int child_install_filter(const ChildPlan& plan) {
  unsigned long flags = SECCOMP_FILTER_FLAG_NEW_LISTENER | SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
  long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &plan.prog);
  if (fd < 0 && errno == EINVAL) {  // kernel < 5.19: no killable wait
    fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &plan.prog);
  }
  return static_cast<int>(fd);
}

// Closes every fd >= 3 that is not in the sorted `keep` list, with close_range over the gaps.
void child_close_unpassed_fds(const std::vector<int>& keep) {
  unsigned low = 3;
  for (int fd : keep) {
    if (fd < 0 || static_cast<unsigned>(fd) < low) continue;
    if (static_cast<unsigned>(fd) > low) syscall(SYS_close_range, low, static_cast<unsigned>(fd) - 1, 0U);
    low = static_cast<unsigned>(fd) + 1;
  }
  syscall(SYS_close_range, low, ~0U, 0U);
}

// Last steps before exec that concern what the target may reach of lanner.
void child_seal(const ChildPlan& plan) {
  // A root target keeps CAP_SYS_PTRACE otherwise, and with it /proc/<lanner>/mem despite
  // lanner being non-dumpable. Needs CAP_SETPCAP: without it lanner is not root, nor the target.
  if (plan.drop_ptrace_capability) prctl(PR_CAPBSET_DROP, CAP_SYS_PTRACE, 0, 0, 0);
  if (!plan.keep_fds.empty()) child_close_unpassed_fds(plan.keep_fds);
}

[[noreturn]] void run_child(const ChildPlan& plan) {
  setpgid(0, 0);
  if (plan.take_terminal) child_take_terminal();
  sigaction(SIGPIPE, &plan.inherited->sigpipe, nullptr);
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != plan.parent) _exit(127);
  // lanner is not dumpable and fork copied that; the parent's pidfd_getfd hand-off needs ptrace
  // rights over us, and the program should start as it would natively (exec resets it anyway).
  prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
  if (plan.no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    child_fail(plan.sock, kFilter, errno);
  }
  int listener = child_install_filter(plan);
  if (listener < 0) child_fail(plan.sock, kFilter, errno);
  ChildReport ready{kReady, listener};
  // sendmsg may be trapped: then the parent pulls the fd with pidfd_getfd instead.
  bool sent = plan.pass_with_scm_rights ? send_fd(plan.sock, listener, &ready, sizeof ready)
                                        : write(plan.sock, &ready, sizeof ready) == sizeof ready;
  if (!sent) _exit(127);
  char go = 0;
  if (read(plan.sock, &go, 1) != 1) _exit(127);  // parent gone or refused
  close(listener);  // never let the target answer its own notifications
  child_seal(plan);
  if (plan.inherited->shielded) {
    for (int sig = 1; sig < NSIG; ++sig) {
      if (is_shielded_signal(sig)) sigaction(sig, &plan.inherited->dispositions[static_cast<size_t>(sig)], nullptr);
    }
  }
  sigprocmask(SIG_SETMASK, &plan.inherited->mask, nullptr);
  execvpe(plan.argv[0], plan.argv.data(), plan.envp.data());
  child_fail(plan.sock, kExec, errno);
}

std::string describe_failure(const ChildReport& report) {
  const char* what = report.stage == kFilter ? "cannot install the seccomp filter: "
                     : report.stage == kExec ? "cannot execute: "
                                             : "cannot hand over the seccomp listener: ";
  return what + std::string(std::strerror(report.value));
}

UniqueFd receive_listener(const ChildPlan& plan, pid_t child, int sock, std::string& error) {
  ChildReport report{kParent, 0};
  bool ok = false;
  UniqueFd listener = receive_fd(sock, &report, sizeof report, ok);
  if (!ok) {
    error = "the target process died before installing the seccomp filter";
    return UniqueFd{};
  }
  if (report.stage != kReady) {
    error = describe_failure(report);
    return UniqueFd{};
  }
  if (!plan.pass_with_scm_rights) listener = borrow_fd(child, report.value);
  if (!listener.valid()) error = "cannot take the seccomp listener: " + std::string(std::strerror(errno));
  return listener;
}

bool is_removed(const char* entry, const std::vector<std::string>& names) {
  std::string_view text(entry);
  std::string_view name = text.substr(0, text.find('='));
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<char*> environment_without(const std::vector<std::string>& names) {
  std::vector<char*> out;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    if (!is_removed(*entry, names)) out.push_back(*entry);
  }
  out.push_back(nullptr);
  return out;
}

std::vector<int> fds_to_keep(const std::optional<std::vector<int>>& pass, int control_sock) {
  if (!pass) return {};
  std::vector<int> keep = *pass;
  for (int fd : {0, 1, 2, control_sock}) keep.push_back(fd);  // control: CLOEXEC, reports exec errors
  std::sort(keep.begin(), keep.end());
  keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
  return keep;
}

bool lanner_owns_terminal() {
  return isatty(STDIN_FILENO) && tcgetpgrp(STDIN_FILENO) == getpgrp();
}

}  // namespace

LaunchedTarget launch(const LaunchSpec& spec, const FilterProgram& program,
                      const InheritedSignals& inherited, std::string& error) {
  LaunchedTarget target;
  if (spec.argv.empty()) {
    error = "no command to run";
    return target;
  }
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    error = "socketpair: " + std::string(std::strerror(errno));
    return target;
  }
  UniqueFd ours(pair[0]), theirs(pair[1]);
  ChildPlan plan;
  for (const auto& arg : spec.argv) plan.argv.push_back(const_cast<char*>(arg.c_str()));
  plan.argv.push_back(nullptr);
  plan.prog.len = static_cast<unsigned short>(program.instructions.size());
  plan.prog.filter = const_cast<sock_filter*>(program.instructions.data());
  plan.sock = theirs.get();
  plan.parent = getpid();
  plan.pass_with_scm_rights =
      std::find(program.notify.begin(), program.notify.end(), SYS_sendmsg) == program.notify.end();
  plan.take_terminal = lanner_owns_terminal();
  plan.no_new_privs = spec.no_new_privs;
  plan.inherited = &inherited;
  plan.envp = environment_without(spec.remove_env);
  plan.keep_fds = fds_to_keep(spec.pass_fds, plan.sock);
  plan.drop_ptrace_capability = spec.hardening.protect_supervisor;

  pid_t child = fork();
  if (child < 0) {
    error = "fork: " + std::string(std::strerror(errno));
    return target;
  }
  if (child == 0) run_child(plan);
  setpgid(child, child);  // both sides set it: no race with a signal to the group
  theirs.reset();
  target.pid = child;
  target.owns_terminal = plan.take_terminal;
  target.listener = receive_listener(plan, child, ours.get(), error);
  if (!target.listener.valid()) return target;  // caller reaps the child (it exits 127)
  __u64 flags = SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP;
  target.sync_wake_up = ioctl(target.listener.get(), SECCOMP_IOCTL_NOTIF_SET_FLAGS, flags) == 0;
  char go = 'G';
  if (write(ours.get(), &go, 1) != 1) {
    error = "cannot start the target";
    target.listener.reset();
    return target;
  }
  target.control = std::move(ours);
  return target;
}

std::string read_exec_error(const LaunchedTarget& target) {
  if (!target.control.valid()) return "";
  ChildReport report;
  ssize_t n = recv(target.control.get(), &report, sizeof report, MSG_DONTWAIT);
  if (n != sizeof report || report.stage == kReady) return "";
  return std::strerror(report.value);
}

bool is_shielded_signal(int sig) {
  switch (sig) {
    case SIGKILL: case SIGSTOP:                     // cannot be ignored (F_SETSIG is refused)
    case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:  // harmless by default
    case SIGINT: case SIGTERM: case SIGHUP: case SIGQUIT: case SIGUSR1: case SIGUSR2:
    case SIGTTOU:                                   // blocked by lanner, read or dropped
    case SIGPIPE:                                   // ignored by lanner already
      return false;
    default:
      return sig > 0 && sig < NSIG && (sig < 32 || sig >= SIGRTMIN);  // glibc keeps 32 and 33
  }
}

std::vector<int> open_fds() {
  std::vector<int> out;
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return out;
  const int own = dirfd(dir);
  while (dirent* entry = readdir(dir)) {
    char* end = nullptr;
    long fd = std::strtol(entry->d_name, &end, 10);
    if (*end == '\0' && end != entry->d_name && fd != own) out.push_back(static_cast<int>(fd));
  }
  closedir(dir);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace lanner::supervisor
