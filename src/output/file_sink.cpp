#include "output/file_sink.h"

#include <fcntl.h>

#include <cerrno>

namespace lanner::output {
namespace {
constexpr size_t kBufferLimit = 64 * 1024;
}

FileSink::FileSink(std::string path, bool keep_alive, bool buffered, FormatOptions format)
    : path_(std::move(path)), keep_alive_(keep_alive), buffered_(buffered && keep_alive),
      format_(format) {}

FileSink::~FileSink() { flush(); }

std::string FileSink::open_file() {
  int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return "cannot open " + path_ + ": " + errno_text(errno);
  fd_.reset(fd);
  return {};
}

DeliveryResult FileSink::write_line(const std::string& data) {
  if (!fd_.valid()) {
    std::string err = open_file();
    if (!err.empty()) return DeliveryResult::failure(err);
  }
  std::string err = write_all(fd_.get(), data);
  if (!keep_alive_ || !err.empty()) fd_.reset();  // a failed fd is reopened next time
  if (!err.empty()) return DeliveryResult::failure("cannot write " + path_ + ": " + err);
  return DeliveryResult::success();
}

DeliveryResult FileSink::deliver(const Alert& alert) {
  std::string line = format_alert(alert, format_) + "\n";
  if (!buffered_) return write_line(line);
  pending_ += line;
  if (pending_.size() < kBufferLimit) return DeliveryResult::success();
  std::string data = std::move(pending_);
  pending_.clear();
  return write_line(data);
}

void FileSink::flush() {
  if (pending_.empty()) return;
  std::string data = std::move(pending_);
  pending_.clear();
  write_line(data);
}

void FileSink::reopen() {
  flush();
  fd_.reset();
}

}  // namespace lanner::output
