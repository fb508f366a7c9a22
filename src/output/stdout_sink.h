#pragma once
// Alerts to standard output (or any fd, for tests), one line each.
#include <string>
#include <unistd.h>

#include "output/alert_format.h"
#include "output/sink.h"

namespace lanner::output {

class StdoutSink final : public AlertSink {
 public:
  // `buffered` (buffered_outputs): lines are written in blocks and on flush().
  // The fd is not owned.
  StdoutSink(FormatOptions format, bool buffered, int fd = STDOUT_FILENO);
  ~StdoutSink() override;

  std::string name() const override { return "stdout"; }
  DeliveryResult deliver(const Alert& alert) override;
  void flush() override;

 private:
  FormatOptions format_;
  bool buffered_;
  int fd_;
  std::string pending_;
};

}  // namespace lanner::output
