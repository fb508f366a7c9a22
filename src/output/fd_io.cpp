#include "output/fd_io.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lanner::output {

std::string errno_text(int err) {
  char buf[256] = {};
  // GNU strerror_r may return a static string instead of filling buf.
  const char* text = strerror_r(err, buf, sizeof(buf));
  return text;
}

std::string write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
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
