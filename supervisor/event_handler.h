#pragma once
// The seam between the supervisor and whatever judges events (`lanner run`: the rule engine;
// `lanner trace`: a JSON printer). Called on the notification thread while the target's thread
// waits, so it must be quick and must not throw; slow work (output) belongs on another thread.
// The event is the loop's own scratch: a handler may modify it while it decides.
#include "event/event.h"
#include "supervisor/hardening.h"
#include "supervisor/notification_source.h"

namespace lanner::supervisor {

// What the supervisor can tell about the caller on request (each answer costs a few reads of
// /proc, so it is asked only by handlers that need it).
class CallerFacts {
 public:
  virtual ~CallerFacts() = default;
  // True when the caller is the only task of the monitored tree (supervisor/tree_census.h):
  // nothing under lanner can change its memory or files while the call waits.
  virtual bool sole_task() = 0;
};

class EventHandler {
 public:
  virtual ~EventHandler() = default;
  // The answer for this syscall: Response::allow() (CONTINUE) or Response::deny_with(errno).
  virtual Response on_event(event::SyscallEvent& event) noexcept = 0;
  // What the loop calls: handlers that need facts about the caller override this one.
  virtual Response on_event(event::SyscallEvent& event, CallerFacts& facts) noexcept {
    (void)facts;
    return on_event(event);
  }
  // After on_event answered Response::learn_result(), while the call still waits: `event` now
  // carries the call's result in `event.result` (the open was performed but not handed over;
  // `event.fd.name` is then the path of what was actually opened), or none when it could not be
  // learnt. The answer decides the call: allow hands the result over (or lets the call run),
  // deny refuses it (an opened file is closed, never seen by the target).
  virtual Response on_result(event::SyscallEvent& event) noexcept {
    (void)event;
    return Response::allow();
  }
  // lanner's default hardening refused this call (supervisor/hardening.h) before the rules saw
  // it; the call has been answered with verdict.error. For the alert.
  virtual void on_hardening(const event::SyscallEvent& event,
                            const HardeningVerdict& verdict) noexcept {
    (void)event;
    (void)verdict;
  }
};

// Answers CONTINUE to everything (the `run` seam before rules are wired in, and benchmarks).
class AllowAll final : public EventHandler {
 public:
  Response on_event(event::SyscallEvent&) noexcept override { return Response::allow(); }
};

}  // namespace lanner::supervisor
