#include "supervisor/monitor_loop.h"

#include <signal.h>

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
  completion_pending_ = false;
  try {
    if (reaped_ != nullptr) {
      reaped_->drain(reaped_scratch_);
      for (int64_t pid : reaped_scratch_) processes_.forget(pid);
    }
    if (refuse_by_hardening(notification)) return;
    decoder_.decode(notification, event_);
    // What we read may belong to another task if the caller died and its tid was reused: check
    // before anything acts on it (see EventHandler::acts_before_answering).
    const bool check_first = handler_.acts_before_answering(event_);
    if (check_first && is_stale(notification)) return;
    response = handler_.on_event(event_, *this);
    ++stats_.handled;
    if (!check_first && acts_on_call(response) && is_stale(notification)) return;
    if (response.need_result && decide_with_result(notification, response)) return;
  } catch (...) {
    ++stats_.failures;
    response = on_failure_;
    if (response.deny) handler_.on_decision_failure(event_, "lanner could not decode this call", response.error);
  }
  if (response.deny) ++stats_.denied;
  // on_completed runs after the answer, when the caller may already have moved its cwd or
  // closed its dirfd: its relative paths are completed while it still waits.
  if (completion_pending_) event_.complete_paths();
  carry_out_kill(response);  // before the answer: the caller must not run another instruction
  if (!source_.respond(notification.id, response)) ++stats_.gone;
  if (completion_pending_) {
    completion_pending_ = false;
    handler_.on_completed(event_);  // ran unobserved: the result stays unknown
  }
}

bool MonitorLoop::is_stale(const RawNotification& notification) {
  if (source_.still_valid(notification.id)) return false;
  ++stats_.stale;
  return true;
}

bool MonitorLoop::acts_on_call(const Response& response) {
  return response.deny || response.need_result || response.kill != Kill::kNone;
}

// Hardening decides on registers only, so it runs before anything is read from the target.
// The event is decoded afterwards only to describe the caller in the alert.
bool MonitorLoop::refuse_by_hardening(const RawNotification& notification) {
  if (hardening_ == nullptr) return false;
  auto verdict = hardening_->check(notification);
  if (!verdict) return false;
  ++stats_.hardened;
  if (!source_.respond(notification.id, Response::deny_with(verdict->error))) ++stats_.gone;
  if (is_foreign_abi(notification)) {
    // An i386/x32 number names another call in the x86-64 table: describe only the caller.
    reset_event(event_);
    event_.tid = notification.tid;
    event_.syscall = nullptr;
  } else {
    decoder_.decode(notification, event_);
  }
  handler_.on_hardening(event_, *verdict);
  return true;
}

// The handler asked for the call's result. An open lanner can locate is decided on the file
// it would reach (on_result), then performed by lanner and handed over (the exact result goes
// to on_completed); the call is answered here (returns true). Otherwise the handler decides on
// what it has and `response` becomes that answer, for the caller to send (returns false); the
// call then runs unobserved and on_completed follows with no result.
bool MonitorLoop::decide_with_result(const RawNotification& notification, Response& response) {
  event_.complete_paths();  // the call's result comes after the caller's cwd may have changed
  std::optional<PendingOpen> pending;
  if (emulator_ != nullptr) pending = emulator_->locate(event_);
  if (pending && !pending->real_path.empty()) event_.fd.name = pending->real_path;
  event_.result.reset();
  Response verdict = handler_.on_result(event_, pending.has_value());
  verdict.need_result = false;
  if (!pending) {
    response = verdict;
    if (!verdict.deny) completion_pending_ = true;
    return false;
  }
  if (verdict.deny) {
    ++stats_.denied;
    carry_out_kill(verdict);
    if (!emulator_->refuse(notification.id, *pending, verdict.error)) ++stats_.gone;
    return true;
  }
  const EmulatedOpen done = emulator_->complete(notification.id, *pending);
  event_.result = done.result;
  if (done.handover_failed) {
    handler_.on_decision_failure(event_, "lanner opened the file but could not hand it over",
                                 static_cast<int>(-done.result));
  }
  handler_.on_completed(event_);
  return true;
}

bool MonitorLoop::sole_task() { return census_ != nullptr && census_->is_unraceable(event_.tid); }

void MonitorLoop::carry_out_kill(const Response& response) {
  if (!response.deny || response.kill == Kill::kNone) return;
  ++stats_.killed;
  if (response.kill == Kill::kTree && kill_tree_) {
    kill_tree_();
    return;
  }
  const int64_t pid = event_.process ? event_.process->pid : event_.tid;
  if (pid > 0) kill(static_cast<pid_t>(pid), SIGKILL);
}

}  // namespace lanner::supervisor
