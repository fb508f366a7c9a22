#include "output/fd_io.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lanner::output {
namespace {

// Blocks SIGPIPE in this thread for its lifetime so writing to a dead child returns EPIPE instead
// of killing lanner; a SIGPIPE raised meanwhile is consumed before unblocking.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&pipe_set_);
    sigaddset(&pipe_set_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set_, &old_);
  }
  ~SigpipeBlock() {
    if (raised_) {
      timespec zero{};
      sigtimedwait(&pipe_set_, nullptr, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;
  void note_epipe() { raised_ = true; }

 private:
  sigset_t pipe_set_{};
  sigset_t old_{};
  bool raised_ = false;
};

}  // namespace


std::string errno_text(int err) {
  char buf[256] = {};
  // GNU strerror_r may return a static string instead of filling buf.
  const char* text = strerror_r(err, buf, sizeof(buf));
  return text;
}

std::string write_all(int fd, std::string_view data) {
  SigpipeBlock guard;
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) guard.note_epipe();
      return errno_text(errno);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) reset(other.release());
  return *this;
}

int Fd::release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

void Fd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

}  // namespace lanner::output
