#include "output/dispatcher.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <deque>

namespace lanner::output {
namespace {

// Output threads never take process-directed signals: `lanner run` reads them on one thread
// (signalfd) and forwards them to the command, and a signal whose default action is fatal must
// not land on a thread that has it unblocked. Created before the supervisor blocks them.
void block_async_signals() {
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, nullptr);
}

}  // namespace

using Clock = std::chrono::steady_clock;

// One sink with its bounded queue and its worker thread.
class SinkWorker {
 public:
  SinkWorker(std::unique_ptr<AlertSink> sink, const DispatcherOptions& options)
      : sink_(std::move(sink)), options_(options), thread_([this] { run(); }) {}

  ~SinkWorker() {
    if (thread_.joinable()) {
      stop(Clock::now());
      thread_.join();
    }
  }
  SinkWorker(const SinkWorker&) = delete;
  SinkWorker& operator=(const SinkWorker&) = delete;

  bool push(std::shared_ptr<const Alert> alert) {
    {
      std::lock_guard lock(mu_);
      if (stopping_ || queue_.size() >= options_.queue_capacity) {
        ++dropped_;
        return false;
      }
      queue_.push_back(std::move(alert));
      ++enqueued_;
      high_water_ = std::max(high_water_, queue_.size());
    }
    cv_.notify_one();
    return true;
  }

  void request_reopen() {
    {
      std::lock_guard lock(mu_);
      reopen_ = true;
    }
    cv_.notify_one();
  }

  void stop(Clock::time_point deadline) {
    {
      std::lock_guard lock(mu_);
      if (!stopping_) deadline_ = deadline;
      stopping_ = true;
    }
    cv_.notify_all();
  }

  // Waits for the worker to finish until `deadline`; then cancels the sink and joins.
  void finish(Clock::time_point deadline) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_until(lock, deadline, [&] { return finished_; });
    }
    if (!is_finished()) sink_->cancel();
    if (thread_.joinable()) thread_.join();
  }

  bool is_finished() {
    std::lock_guard lock(mu_);
    return finished_;
  }

  SinkStats stats() const {
    std::lock_guard lock(mu_);
    SinkStats s;
    s.name = sink_->name();
    s.enqueued = enqueued_;
    s.delivered = delivered_;
    s.dropped_queue_full = dropped_;
    s.lost_after_retries = lost_;
    s.retries = retries_;
    s.undelivered_at_shutdown = undelivered_;
    s.queue_depth = queue_.size();
    s.queue_high_water = high_water_;
    s.last_error = last_error_;
    return s;
  }

 private:
  void run() {
    block_async_signals();
    while (auto alert = next()) deliver_with_retry(*alert);
    sink_->flush();
    {
      std::lock_guard lock(mu_);
      finished_ = true;
    }
    cv_.notify_all();
  }

  // The next alert to deliver, or null when the worker must end.
  std::shared_ptr<const Alert> next() {
    std::unique_lock lock(mu_);
    while (true) {
      if (stopping_ && Clock::now() >= deadline_) {
        undelivered_ += queue_.size();
        queue_.clear();
        return nullptr;
      }
      if (reopen_) {
        reopen_ = false;
        lock.unlock();
        sink_->reopen();
        lock.lock();
        continue;
      }
      if (!queue_.empty()) {
        auto alert = std::move(queue_.front());
        queue_.pop_front();
        return alert;
      }
      if (stopping_) return nullptr;
      if (idle_flush_pending_) {
        // The queue ran dry: push buffered lines out (buffered_outputs).
        idle_flush_pending_ = false;
        lock.unlock();
        sink_->flush();
        lock.lock();
        continue;
      }
      cv_.wait(lock, [&] { return stopping_ || reopen_ || !queue_.empty(); });
    }
  }

  void deliver_with_retry(const Alert& alert) {
    auto backoff = options_.initial_backoff;
    for (uint32_t attempt = 1;; ++attempt) {
      DeliveryResult result = sink_->deliver(alert);
      std::unique_lock lock(mu_);
      idle_flush_pending_ = true;
      if (result.ok) {
        ++delivered_;
        return;
      }
      last_error_ = result.error;
      if (attempt >= std::max<uint32_t>(1, options_.max_attempts)) {
        ++lost_;
        return;
      }
      if (!wait_backoff(lock, backoff)) {
        ++undelivered_;
        return;
      }
      ++retries_;
      backoff = std::min(backoff * 2, options_.max_backoff);
    }
  }

  // Sleeps `delay`, cut short by the shutdown deadline; false if the deadline has passed.
  bool wait_backoff(std::unique_lock<std::mutex>& lock, std::chrono::milliseconds delay) {
    const auto until = Clock::now() + delay;
    while (true) {
      const auto limit = stopping_ ? std::min(until, deadline_) : until;
      if (Clock::now() >= limit) break;
      cv_.wait_until(lock, limit);
    }
    return !(stopping_ && Clock::now() >= deadline_);
  }

  std::unique_ptr<AlertSink> sink_;
  const DispatcherOptions& options_;
  mutable std::mutex mu_;  // guards everything below
  std::condition_variable cv_;
  std::deque<std::shared_ptr<const Alert>> queue_;
  bool stopping_ = false;
  bool reopen_ = false;
  bool finished_ = false;
  bool idle_flush_pending_ = false;
  Clock::time_point deadline_ = Clock::time_point::max();
  uint64_t enqueued_ = 0, delivered_ = 0, dropped_ = 0, lost_ = 0, retries_ = 0, undelivered_ = 0;
  size_t high_water_ = 0;
  std::string last_error_;
  std::thread thread_;  // last: starts after every member above is ready
};

namespace {

uint64_t now_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

Alert loss_alert(const SinkStats& s, uint64_t new_losses, const std::string& hostname) {
  Alert a;
  a.time_ns = now_ns();
  a.rule = "lanner internal: alerts dropped";
  a.priority = rules::Priority::kCritical;
  a.source = "internal";
  a.internal = true;
  a.hostname = hostname;
  a.output = std::to_string(new_losses) + " alert(s) could not be delivered to output '" + s.name +
             "' (dropped_queue_full=" + std::to_string(s.dropped_queue_full) +
             " lost_after_retries=" + std::to_string(s.lost_after_retries) + " in total)";
  if (!s.last_error.empty()) a.output += "; last error: " + s.last_error;
  a.output_fields = {
      {"lanner.output", s.name},
      {"lanner.n_not_delivered", new_losses},
      {"lanner.n_dropped_queue_full_total", s.dropped_queue_full},
      {"lanner.n_lost_after_retries_total", s.lost_after_retries},
      {"lanner.last_error", s.last_error},
  };
  return a;
}

}  // namespace

uint64_t DispatcherStats::not_delivered() const {
  uint64_t n = 0;
  for (const auto& s : sinks) n += s.not_delivered();
  return n;
}

std::string DispatcherStats::summary() const {
  std::string out;
  for (const auto& s : sinks) {
    out += "output " + s.name + ": delivered=" + std::to_string(s.delivered) +
           " dropped_queue_full=" + std::to_string(s.dropped_queue_full) +
           " lost_after_retries=" + std::to_string(s.lost_after_retries) +
           " undelivered_at_shutdown=" + std::to_string(s.undelivered_at_shutdown) +
           " retries=" + std::to_string(s.retries) + "\n";
  }
  return out;
}

Dispatcher::Dispatcher(std::vector<std::unique_ptr<AlertSink>> sinks, DispatcherOptions options)
    : options_(std::move(options)) {
  options_.queue_capacity = std::max<size_t>(1, options_.queue_capacity);
  for (auto& sink : sinks) workers_.push_back(std::make_unique<SinkWorker>(std::move(sink), options_));
  reported_.assign(workers_.size(), 0);
  reporter_ = std::thread([this] { reporter_loop(); });
}

Dispatcher::~Dispatcher() { shutdown(options_.default_shutdown_deadline); }

bool Dispatcher::enqueue(Alert alert) {
  auto shared = std::make_shared<const Alert>(std::move(alert));
  bool all = true;
  for (auto& w : workers_) all = w->push(shared) && all;
  return all;
}

void Dispatcher::request_reopen() {
  for (auto& w : workers_) w->request_reopen();
}

DispatcherStats Dispatcher::stats() const {
  DispatcherStats s;
  for (const auto& w : workers_) s.sinks.push_back(w->stats());
  std::lock_guard lock(mu_);
  s.internal_alerts = internal_alerts_;
  return s;
}

void Dispatcher::report_losses() {
  std::lock_guard serial(report_mu_);
  for (size_t i = 0; i < workers_.size(); ++i) {
    SinkStats s = workers_[i]->stats();
    const uint64_t losses = s.dropped_queue_full + s.lost_after_retries;
    if (losses <= reported_[i]) continue;
    const uint64_t fresh = losses - reported_[i];
    reported_[i] = losses;
    auto alert = std::make_shared<const Alert>(loss_alert(s, fresh, options_.hostname));
    // To the other sinks; a lone sink gets its own report (it may work again by then). A report
    // dropped in turn is reported at the next interval at the earliest, so this stays bounded.
    for (size_t j = 0; j < workers_.size(); ++j) {
      if (j != i || workers_.size() == 1) workers_[j]->push(alert);
    }
    std::lock_guard lock(mu_);
    ++internal_alerts_;
  }
}

void Dispatcher::reporter_loop() {
  block_async_signals();
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, options_.loss_report_interval, [&] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    report_losses();
    lock.lock();
  }
}

ShutdownReport Dispatcher::shutdown(std::chrono::milliseconds deadline) {
  {
    std::lock_guard lock(mu_);
    if (shut_down_) return final_report_;
    stopping_ = true;
  }
  cv_.notify_all();
  if (reporter_.joinable()) reporter_.join();
  report_losses();  // last chance for losses since the previous interval
  const auto until = Clock::now() + deadline;
  for (auto& w : workers_) w->stop(until);
  for (auto& w : workers_) w->finish(until);
  ShutdownReport report;
  report.stats = stats();
  for (const auto& s : report.stats.sinks) {
    if (s.undelivered_at_shutdown != 0) report.complete = false;
  }
  std::lock_guard lock(mu_);
  shut_down_ = true;
  final_report_ = report;
  return report;
}

}  // namespace lanner::output
