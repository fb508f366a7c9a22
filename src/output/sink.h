#pragma once
// Where alerts go. Each sink is driven by exactly one Dispatcher worker thread: deliver, flush
// and reopen are never called concurrently. cancel() is the exception: any thread may call it
// (at shutdown) to make an in-flight deliver give up quickly.
#include <string>

#include "output/alert.h"

namespace lanner::output {

struct DeliveryResult {
  bool ok = true;
  std::string error;  // why it failed, for logs and internal alerts

  static DeliveryResult success() { return {}; }
  static DeliveryResult failure(std::string why) { return {false, std::move(why)}; }
};

class AlertSink {
 public:
  virtual ~AlertSink() = default;
  // Short name used in stats and internal alerts: "stdout", "file", "syslog", "program", "http".
  virtual std::string name() const = 0;
  virtual DeliveryResult deliver(const Alert& alert) = 0;
  virtual void flush() {}
  // Reopen files/connections (SIGHUP/SIGUSR1, e.g. after log rotation).
  virtual void reopen() {}
  // Thread-safe: abort the current and future deliveries as soon as possible.
  virtual void cancel() {}
};

}  // namespace lanner::output
