#pragma once
// Small POSIX helpers shared by the sinks that write to file descriptors.
#include <string>
#include <string_view>

namespace lanner::output {

// Writes all of `data`, retrying short writes and EINTR. Empty string on success, else the
// reason (strerror text). A reader that went away (pipe, FIFO) gives "Broken pipe", never a
// process-killing SIGPIPE: the signal is blocked in the calling thread for the write.
std::string write_all(int fd, std::string_view data);

// strerror_r wrapper returning a std::string.
std::string errno_text(int err);

// Owns a file descriptor; closes it on destruction. Move-only.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release();
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

}  // namespace lanner::output
