#pragma once
// The seam between the supervisor and whatever judges events (`lanner run`: the rule engine;
// `lanner trace`: a JSON printer). Called on the notification thread while the target's thread
// waits, so it must be quick and must not throw; slow work (output) belongs on another thread.
// The event is the loop's own scratch: a handler may modify it while it decides.
#include "event/event.h"
#include "supervisor/notification_source.h"

namespace lanner::supervisor {

class EventHandler {
 public:
  virtual ~EventHandler() = default;
  // The answer for this syscall: Response::allow() (CONTINUE) or Response::deny_with(errno).
  virtual Response on_event(event::SyscallEvent& event) noexcept = 0;
  // After on_event answered Response::learn_result(): `event` now carries the call's result in
  // `event.result`, or none when it could not be learnt (the call then ran unobserved).
  virtual void on_result(const event::SyscallEvent& event) noexcept { (void)event; }
};

// Answers CONTINUE to everything (the `run` seam before rules are wired in, and benchmarks).
class AllowAll final : public EventHandler {
 public:
  Response on_event(event::SyscallEvent&) noexcept override { return Response::allow(); }
};

}  // namespace lanner::supervisor
