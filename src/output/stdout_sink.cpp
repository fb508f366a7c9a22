#include "output/stdout_sink.h"

#include "output/fd_io.h"

namespace lanner::output {
namespace {
constexpr size_t kBufferLimit = 64 * 1024;
}

StdoutSink::StdoutSink(FormatOptions format, bool buffered, int fd)
    : format_(format), buffered_(buffered), fd_(fd) {}

StdoutSink::~StdoutSink() { flush(); }

DeliveryResult StdoutSink::deliver(const Alert& alert) {
  std::string line = format_alert(alert, format_) + "\n";
  if (buffered_) {
    pending_ += line;
    if (pending_.size() < kBufferLimit) return DeliveryResult::success();
    line = std::move(pending_);
    pending_.clear();
  }
  std::string err = write_all(fd_, line);
  if (!err.empty()) return DeliveryResult::failure("stdout: " + err);
  return DeliveryResult::success();
}

void StdoutSink::flush() {
  if (pending_.empty()) return;
  write_all(fd_, pending_);
  pending_.clear();
}

}  // namespace lanner::output
