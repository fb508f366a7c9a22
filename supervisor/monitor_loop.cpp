#include "supervisor/monitor_loop.h"

namespace lanner::supervisor {

void ReapedPids::push(int64_t pid) {
  std::lock_guard lock(mutex_);
  pids_.push_back(pid);
  pending_.store(true, std::memory_order_release);
}

void ReapedPids::drain(std::vector<int64_t>& out) {
  out.clear();
  if (!pending_.load(std::memory_order_acquire)) return;
  std::lock_guard lock(mutex_);
  out.swap(pids_);
  pending_.store(false, std::memory_order_release);
}

MonitorLoop::MonitorLoop(NotificationSource& source, Decoder& decoder, ProcTable& processes,
                         EventHandler& handler, ReapedPids* reaped, Response on_failure)
    : source_(source), decoder_(decoder), processes_(processes), handler_(handler),
      reaped_(reaped), on_failure_(on_failure) {}

LoopStats MonitorLoop::run() {
  RawNotification notification;
  for (;;) {
    switch (source_.receive(notification)) {
      case ReceiveStatus::kEvent:
        ++stats_.received;
        handle(notification);
        break;
      case ReceiveStatus::kRetry:
        break;
      case ReceiveStatus::kStopped:
      case ReceiveStatus::kError:
        return stats_;
    }
  }
}

void MonitorLoop::handle(const RawNotification& notification) {
  Response response = on_failure_;
  try {
    if (reaped_ != nullptr) {
      reaped_->drain(reaped_scratch_);
      for (int64_t pid : reaped_scratch_) processes_.forget(pid);
    }
    decoder_.decode(notification, event_);
    // What we read may belong to another task if the caller died and its tid was reused.
    if (!source_.still_valid(notification.id)) {
      ++stats_.stale;
      return;
    }
    response = handler_.on_event(event_);
    ++stats_.handled;
    if (response.need_result && emulator_ != nullptr) {
      if (auto done = emulator_->emulate(notification.id, event_)) {
        // Already answered (fd injected or errno sent): the result is exact.
        event_.result = done->result;
        handler_.on_result(event_);
        return;
      }
    }
  } catch (...) {
    ++stats_.failures;
    response = on_failure_;
  }
  if (response.deny) ++stats_.denied;
  if (!source_.respond(notification.id, response)) ++stats_.gone;
  if (response.need_result) handler_.on_result(event_);  // ran unobserved: result stays unknown
}

}  // namespace lanner::supervisor
