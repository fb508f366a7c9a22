#pragma once
// A controllable sink for dispatcher tests. The test keeps a shared_ptr to the state; the
// dispatcher owns the sink.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "output/sink.h"

namespace lanner::testing {

struct FakeSinkState {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<output::Alert> delivered;
  int attempts = 0;
  int entered = 0;          // deliver() calls started
  int fail_first = 0;       // this many attempts fail, then they succeed
  bool fail_always = false;
  bool gate_closed = false; // deliver() blocks until opened (or cancelled)
  bool cancelled = false;
  int reopens = 0;
  std::chrono::milliseconds delay{0};

  void open_gate() {
    std::lock_guard lock(mu);
    gate_closed = false;
    cv.notify_all();
  }
  size_t delivered_count() {
    std::lock_guard lock(mu);
    return delivered.size();
  }
  int entered_count() {
    std::lock_guard lock(mu);
    return entered;
  }
};

class FakeSink : public output::AlertSink {
 public:
  FakeSink(std::string name, std::shared_ptr<FakeSinkState> state)
      : name_(std::move(name)), state_(std::move(state)) {}

  std::string name() const override { return name_; }

  output::DeliveryResult deliver(const output::Alert& alert) override {
    std::unique_lock lock(state_->mu);
    ++state_->entered;
    state_->cv.notify_all();
    state_->cv.wait(lock, [&] { return !state_->gate_closed || state_->cancelled; });
    if (state_->delay.count() > 0) {
      lock.unlock();
      std::this_thread::sleep_for(state_->delay);
      lock.lock();
    }
    ++state_->attempts;
    if (state_->cancelled) return output::DeliveryResult::failure("cancelled");
    if (state_->fail_always || state_->attempts <= state_->fail_first) {
      return output::DeliveryResult::failure(name_ + ": simulated failure");
    }
    state_->delivered.push_back(alert);
    return output::DeliveryResult::success();
  }
  void reopen() override {
    std::lock_guard lock(state_->mu);
    ++state_->reopens;
  }
  void cancel() override {
    std::lock_guard lock(state_->mu);
    state_->cancelled = true;
    state_->cv.notify_all();
  }

 private:
  std::string name_;
  std::shared_ptr<FakeSinkState> state_;
};

// Polls `pred` until true or `timeout`; for waiting on worker threads without fixed sleeps.
inline bool eventually(const std::function<bool()>& pred,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return pred();
}

}  // namespace lanner::testing
