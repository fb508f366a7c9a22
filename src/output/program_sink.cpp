#include "output/program_sink.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <thread>

extern char** environ;  // NOLINT: POSIX declares it nowhere else

namespace lanner::output {


ProgramSink::ProgramSink(std::string program, bool keep_alive, FormatOptions format,
                         std::chrono::milliseconds exit_timeout)
    : program_(std::move(program)), keep_alive_(keep_alive), format_(format),
      exit_timeout_(exit_timeout) {}

ProgramSink::~ProgramSink() {
  if (child_ > 0) finish_child();
}

std::string ProgramSink::spawn() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return "pipe: " + errno_text(errno);
  Fd read_end(fds[0]);
  Fd write_end(fds[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, read_end.get(), STDIN_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::string sh = "sh", dash_c = "-c";
  char* argv[] = {sh.data(), dash_c.data(), program_.data(), nullptr};
  pid_t pid = -1;
  int rc = posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return "cannot start /bin/sh: " + errno_text(rc);
  child_ = pid;
  stdin_ = std::move(write_end);
  return {};
}

DeliveryResult ProgramSink::write_to_child(const std::string& data) {
  std::string err = write_all(stdin_.get(), data);
  if (err.empty()) return DeliveryResult::success();
  return DeliveryResult::failure("program: cannot write to '" + program_ + "': " + err);
}

DeliveryResult ProgramSink::finish_child() {
  stdin_.reset();
  const auto deadline = std::chrono::steady_clock::now() + exit_timeout_;
  int status = 0;
  pid_t done = 0;
  while ((done = ::waitpid(child_, &status, WNOHANG)) == 0) {
    if (cancelled_ || std::chrono::steady_clock::now() >= deadline) {
      ::kill(child_, SIGKILL);
      ::waitpid(child_, &status, 0);
      child_ = -1;
      return DeliveryResult::failure("program: '" + program_ + "' did not exit in time, killed");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  child_ = -1;
  if (done < 0) return DeliveryResult::failure("program: waitpid: " + errno_text(errno));
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return DeliveryResult::success();
  return DeliveryResult::failure("program: '" + program_ + "' exited with status " +
                                 std::to_string(WIFEXITED(status) ? WEXITSTATUS(status)
                                                                  : 128 + WTERMSIG(status)));
}

DeliveryResult ProgramSink::deliver(const Alert& alert) {
  if (cancelled_) return DeliveryResult::failure("program: cancelled");
  if (child_ <= 0) {
    std::string err = spawn();
    if (!err.empty()) return DeliveryResult::failure("program: " + err);
  }
  DeliveryResult written = write_to_child(format_alert(alert, format_) + "\n");
  if (keep_alive_) {
    if (!written.ok) finish_child();  // reap the dead process; the next delivery respawns
    return written;
  }
  DeliveryResult finished = finish_child();
  return written.ok ? finished : written;
}

void ProgramSink::reopen() {
  if (child_ > 0) finish_child();
}

}  // namespace lanner::output
