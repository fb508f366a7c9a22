#pragma once
// Fans alerts out to the sinks without ever making the caller (the syscall decision path) wait
// for one: each sink has its own bounded queue and worker thread. A full queue drops the alert
// for that sink only; a failed delivery is retried with exponential backoff, then counted lost.
// Drops and losses are counted (stats()) and reported as internal alerts
// (rule "lanner internal: alerts dropped", source "internal") to the other sinks.
//
// Threads: enqueue(), request_reopen() and stats() may be called from any thread; shutdown() from
// one thread, once (the destructor calls it if nobody did).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "output/alert.h"
#include "output/sink.h"

namespace lanner::output {

struct DispatcherOptions {
  size_t queue_capacity = 10000;          // per sink
  uint32_t max_attempts = 3;              // deliveries tried per alert and sink (>= 1)
  std::chrono::milliseconds initial_backoff{100};  // doubled after each failure...
  std::chrono::milliseconds max_backoff{5000};     // ...up to this
  std::chrono::milliseconds loss_report_interval{1000};  // at most one internal alert per sink per interval
  std::chrono::milliseconds default_shutdown_deadline{2000};  // used by the destructor
  std::string hostname;                   // for internal alerts
};

struct SinkStats {
  std::string name;
  uint64_t enqueued = 0;
  uint64_t delivered = 0;
  uint64_t dropped_queue_full = 0;       // never queued: the queue was full (or shut down)
  uint64_t lost_after_retries = 0;       // every attempt failed
  uint64_t retries = 0;                  // failed attempts that were retried
  uint64_t undelivered_at_shutdown = 0;  // still queued or in retry when the deadline passed
  size_t queue_depth = 0;
  size_t queue_high_water = 0;
  std::string last_error;

  uint64_t not_delivered() const {
    return dropped_queue_full + lost_after_retries + undelivered_at_shutdown;
  }
};

struct DispatcherStats {
  std::vector<SinkStats> sinks;
  uint64_t internal_alerts = 0;  // loss reports emitted

  uint64_t not_delivered() const;
  std::string summary() const;  // one line per sink, for logs
};

struct ShutdownReport {
  bool complete = true;  // every queued alert was delivered before the deadline
  DispatcherStats stats;
};

class SinkWorker;  // one sink, its queue and its thread (dispatcher.cpp)

class Dispatcher {
 public:
  Dispatcher(std::vector<std::unique_ptr<AlertSink>> sinks, DispatcherOptions options);
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Queues the alert for every sink; never blocks on a sink. False if any sink dropped it.
  bool enqueue(Alert alert);

  // Each worker reopens its sink before its next delivery (SIGHUP/SIGUSR1 handling).
  void request_reopen();

  DispatcherStats stats() const;

  // Stops accepting alerts, lets the workers drain their queues until `deadline` from now, then
  // cancels what is left. Idempotent: later calls return the first report.
  ShutdownReport shutdown(std::chrono::milliseconds deadline);

  size_t sink_count() const { return workers_.size(); }

 private:
  void report_losses();   // enqueue internal alerts for new drops/losses
  void reporter_loop();

  DispatcherOptions options_;
  std::vector<std::unique_ptr<SinkWorker>> workers_;
  std::vector<uint64_t> reported_;  // per sink: drops+losses already reported (reporter only)
  mutable std::mutex mu_;           // guards the fields below
  std::condition_variable cv_;
  bool stopping_ = false;
  bool shut_down_ = false;
  uint64_t internal_alerts_ = 0;
  ShutdownReport final_report_;
  std::mutex report_mu_;            // serialises report_losses (reporter thread vs shutdown)
  std::thread reporter_;
};

}  // namespace lanner::output
