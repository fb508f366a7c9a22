#include "supervisor/supervise.h"

#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>

#include "supervisor/decoder.h"
#include "supervisor/hardening.h"
#include "supervisor/proc_fs.h"
#include "supervisor/proc_table.h"
#include "supervisor/socket_inspector.h"
#include "supervisor/target_memory.h"
#include "supervisor/tree_census.h"
#include "supervisor/tree_guard.h"
#include "supervisor/unotify_source.h"

namespace lanner::supervisor {
namespace {

constexpr int kForwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};

// Blocks the signals lanner handles (before any thread exists, so every thread inherits the
// mask) and reads them from a signalfd; restores the caller's state on destruction.
class SignalWatch {
 public:
  explicit SignalWatch(const InheritedSignals& inherited) : inherited_(inherited) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    for (int sig : kForwarded) sigaddset(&set, sig);
    signalfd_ = UniqueFd(signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
    sigaddset(&set, SIGTTOU);  // tcsetpgrp from the background must not stop lanner
    sigprocmask(SIG_BLOCK, &set, nullptr);
    struct sigaction ignore{};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ignore, nullptr);  // a closed trace output must not kill lanner
  }
  ~SignalWatch() {
    signalfd_siginfo info;
    while (read(signalfd_.get(), &info, sizeof info) == sizeof info) {
    }  // discard what arrived after the target exited
    sigaction(SIGPIPE, &inherited_.sigpipe, nullptr);
    sigprocmask(SIG_SETMASK, &inherited_.mask, nullptr);
  }
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;

  // The next signal, or SIGCHLD when `target_pidfd` says the target exited: a thread created
  // before lanner blocked its signals could swallow the real SIGCHLD, the pidfd cannot be lost.
  int next(int target_pidfd) {
    signalfd_siginfo info;
    for (;;) {
      ssize_t n = read(signalfd_.get(), &info, sizeof info);
      if (n == sizeof info) return static_cast<int>(info.ssi_signo);
      if (n < 0 && errno == EAGAIN) {
        pollfd fds[2] = {{signalfd_.get(), POLLIN, 0}, {target_pidfd, POLLIN, 0}};
        if (poll(fds, target_pidfd >= 0 ? 2 : 1, -1) > 0 && fds[1].revents != 0) return SIGCHLD;
      } else if (n < 0 && errno != EINTR) {
        return -1;
      }
    }
  }

 private:
  const InheritedSignals& inherited_;
  UniqueFd signalfd_;
};

InheritedSignals capture_inherited() {
  InheritedSignals inherited;
  sigprocmask(SIG_SETMASK, nullptr, &inherited.mask);
  sigaction(SIGPIPE, nullptr, &inherited.sigpipe);
  for (int sig = 1; sig < NSIG; ++sig) sigaction(sig, nullptr, &inherited.dispositions[static_cast<size_t>(sig)]);
  return inherited;
}

// Ignores the shielded signals (launcher.h) for the run and restores them afterwards, so a
// signal the target routes to lanner through SIGIO cannot end or stop it.
class SignalShield {
 public:
  explicit SignalShield(InheritedSignals& inherited) : inherited_(inherited) {
    struct sigaction ignore{};
    ignore.sa_handler = SIG_IGN;
    for (int sig = 1; sig < NSIG; ++sig) {
      if (is_shielded_signal(sig)) sigaction(sig, &ignore, nullptr);
    }
    inherited_.shielded = true;
  }
  ~SignalShield() {
    for (int sig = 1; sig < NSIG; ++sig) {
      if (is_shielded_signal(sig)) sigaction(sig, &inherited_.dispositions[static_cast<size_t>(sig)], nullptr);
    }
  }
  SignalShield(const SignalShield&) = delete;
  SignalShield& operator=(const SignalShield&) = delete;

 private:
  InheritedSignals& inherited_;
};

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return kExitSupervisorFailure;
}

void set_foreground(pid_t pgid) { tcsetpgrp(STDIN_FILENO, pgid); }

// ^Z stopped the target: stop lanner too so the shell sees the job stopped, then resume both.
void follow_stop(const LaunchedTarget& target) {
  if (!target.owns_terminal) return;
  set_foreground(getpgrp());
  kill(getpid(), SIGSTOP);
  set_foreground(target.pid);
  kill(-target.pid, SIGCONT);
}

// Reaps every child that is ready; returns the target's wait status once it has exited.
std::optional<int> reap(const LaunchedTarget& target, ReapedPids& reaped) {
  std::optional<int> target_status;
  for (;;) {
    int status = 0;
    pid_t pid = waitpid(-1, &status, WNOHANG | WUNTRACED | __WALL);
    if (pid <= 0) return target_status;
    if (pid == target.pid && WIFSTOPPED(status)) {
      follow_stop(target);
      continue;
    }
    if (WIFSTOPPED(status)) continue;
    reaped.push(pid);
    if (pid == target.pid) target_status = status;
  }
}

int wait_for_target(SignalWatch& signals, const LaunchedTarget& target, ReapedPids& reaped,
                    const std::function<void(int)>& on_signal) {
  UniqueFd pidfd(static_cast<int>(syscall(SYS_pidfd_open, target.pid, 0)));
  for (;;) {
    int sig = signals.next(pidfd.get());
    if (sig < 0) return kExitSupervisorFailure;
    if (sig == SIGCHLD) {
      if (auto status = reap(target, reaped)) return exit_code_of(*status);
    } else {
      kill(target.pid, sig);  // lanner is transparent: the signal was meant for the command
      if (on_signal) on_signal(sig);  // ...and lanner may act on it too (reopen outputs)
    }
  }
}

// Kills what is left of the tree and reaps it (bounded), so no target program outlives lanner.
void clean_up_tree(TreeGuard& guard) {
  guard.fire();
  kill_descendants(getpid(), guard.watchdog());
  for (int attempt = 0; attempt < 200; ++attempt) {
    int status;
    pid_t pid = waitpid(-1, &status, WNOHANG | __WALL);
    if (pid < 0 && errno == ECHILD) return;
    if (pid == 0) {
      usleep(10000);
      if (attempt % 20 == 19) kill_descendants(getpid(), guard.watchdog());
    }
  }
}

// The rules' trap set plus what hardening must see (hardening decides on its own).
std::optional<FilterProgram> program_for(const LaunchSpec& spec, std::string& error) {
  FilterOptions options;
  options.notify = spec.trap_all_event_types ? trap_set_for(all_event_types())
                                             : trap_set_for(spec.event_types);
  const Hardening hardening(spec.hardening);
  for (int nr : hardening.syscalls_to_trap()) options.notify.push_back(nr);
  std::sort(options.notify.begin(), options.notify.end());
  options.notify.erase(std::unique(options.notify.begin(), options.notify.end()), options.notify.end());
  for (const auto& trap : hardening.arg_traps()) {
    options.notify_if.push_back({trap.nr, trap.arg, trap.equal, trap.value});
  }
  options.notify_foreign_abi = hardening.traps_foreign_abi();
  return build_filter(options, error);
}

bool is_own_thread(int64_t tid) {
  if (tid <= 0) return false;
  char path[48];
  std::snprintf(path, sizeof path, "/proc/self/task/%lld", static_cast<long long>(tid));
  return access(path, F_OK) == 0;
}

// spec.hardening completed with what only the running supervisor knows.
HardeningOptions hardening_for(const LaunchSpec& spec, const TreeGuard& guard) {
  HardeningOptions options = spec.hardening;
  options.supervisor_pid = getpid();
  options.supervisor_pgid = getpgrp();
  if (guard.watchdog() > 0) options.protected_pids.push_back(guard.watchdog());
  options.is_supervisor_task = is_own_thread;
  return options;
}

// Not dumpable for the run: a process of the same uid cannot ptrace lanner, read or write its
// memory (process_vm_*, /proc/<pid>/mem) or take its fds (pidfd_getfd) without CAP_SYS_PTRACE.
// Restores the previous value so an embedding process (tests) is left as it was.
class NotDumpable {
 public:
  NotDumpable() : previous_(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0)) { prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); }
  ~NotDumpable() {
    if (previous_ >= 0) prctl(PR_SET_DUMPABLE, previous_, 0, 0, 0);
  }
  NotDumpable(const NotDumpable&) = delete;
  NotDumpable& operator=(const NotDumpable&) = delete;

 private:
  int previous_;
};

int exec_failure_code(const std::string& exec_error) {
  return exec_error == std::strerror(ENOENT) ? kExitNotFound : kExitCannotExecute;
}

struct Monitor {
  RealProcFs fs;
  ProcessVmMemory memory;
  PidfdSocketInspector sockets;
  ProcTable processes;
  Decoder decoder;
  UnotifySource source;
  FailureWatch watched;
  OpenEmulator emulator;
  Hardening hardening;
  TreeCensus census;
  MonitorLoop loop;
  Monitor(const LaunchedTarget& launched, EventHandler& handler, ReapedPids& reaped,
          const TreeGuard& guard, HardeningOptions hardening_options, Response on_failure)
      : processes(fs, getpid()),
        decoder(memory, processes, fs, &sockets),
        source(launched.listener.get(), launched.sync_wake_up),
        watched(source, [&guard] { guard.kill_tree(); }),
        emulator(launched.listener.get()),
        hardening(std::move(hardening_options)),
        census(getpid(), launched.pid, guard.watchdog()),
        loop(watched, decoder, processes, handler, &reaped, on_failure) {
    loop.learn_results_with(&emulator);
    loop.harden_with(&hardening);
    loop.kill_tree_with([&guard] { guard.kill_tree(); });
    loop.count_tasks_with(&census);
  }
};

}  // namespace

ReceiveStatus FailureWatch::receive(RawNotification& out) {
  ReceiveStatus status = inner_.receive(out);
  if (status == ReceiveStatus::kError && !failed_.exchange(true, std::memory_order_acq_rel)) {
    on_failure_();
  }
  return status;
}

SuperviseReport run_supervised_report(const LaunchSpec& spec, EventHandler& handler) {
  SuperviseReport report;
  auto program = program_for(spec, report.error);
  if (!program) {
    report.exit_code = kExitSupervisorFailure;
    return report;
  }
  report.trapped_syscalls = program->notify.size();
  std::optional<NotDumpable> not_dumpable;
  if (spec.hardening.protect_supervisor) not_dumpable.emplace();
  InheritedSignals inherited = capture_inherited();
  std::optional<SignalShield> shield;
  if (spec.hardening.protect_supervisor) shield.emplace(inherited);
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  SignalWatch signals(inherited);
  LaunchedTarget target = launch(spec, *program, inherited, report.error);
  if (!target.listener.valid()) {
    if (target.pid > 0) waitpid(target.pid, nullptr, 0);
    if (target.owns_terminal) set_foreground(getpgrp());
    report.exit_code = kExitSupervisorFailure;
    return report;
  }
  report.sync_wake_up = target.sync_wake_up;
  TreeGuard guard = TreeGuard::start(target.pid);
  ReapedPids reaped;
  auto monitor = std::make_unique<Monitor>(
      target, handler, reaped, guard, hardening_for(spec, guard),
      spec.fail_closed ? Response::deny_with(EPERM) : Response::allow());
  // Created after SignalWatch blocked the forwarded signals, so the notifier never takes one.
  ReceiverThread notifier(monitor->source, [&] { report.loop = monitor->loop.run(); });
  report.exit_code = wait_for_target(signals, target, reaped, spec.on_signal);
  if (target.owns_terminal) set_foreground(getpgrp());
  clean_up_tree(guard);
  // Ends the loop even if clean_up_tree gave up on a task that keeps the filter in use.
  notifier.stop_and_join();
  if (monitor->watched.failed()) {
    report.monitor_failed = true;
    report.exit_code = kExitMonitorFailure;
    report.error = "the seccomp listener failed; the target tree was killed";
    return report;
  }
  if (std::string exec_error = read_exec_error(target); !exec_error.empty()) {
    report.error = "cannot run '" + spec.argv.front() + "': " + exec_error;
    report.exit_code = exec_failure_code(exec_error);
  }
  return report;
}

int run_supervised(const LaunchSpec& spec, EventHandler& handler) {
  SuperviseReport report = run_supervised_report(spec, handler);
  if (!report.error.empty()) std::cerr << "lanner: " << report.error << "\n";
  return report.exit_code;
}

bool unotify_available() {
  pid_t child = fork();
  if (child < 0) return false;
  if (child == 0) {
    sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    sock_fprog prog{1, &allow};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) _exit(1);
    long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
    _exit(fd >= 0 ? 0 : 1);
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace lanner::supervisor
