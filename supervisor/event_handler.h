#pragma once
// The seam between the supervisor and whatever judges events (`lanner run`: the rule engine;
// `lanner trace`: a JSON printer). Called on the notification thread while the target's thread
// waits, so it must be quick and must not throw; slow work (output) belongs on another thread.
// The event is the loop's own scratch: a handler may modify it while it decides.
#include <string_view>

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
  // Whether on_event may act on what was read from the target (alert, record) before it
  // answers. If not, the loop checks that the notification is still valid (NOTIF_ID_VALID) only
  // when the answer acts on the call (deny, kill, learn the result); a plain CONTINUE needs no
  // check: it reaches the caller only if the caller was waiting all along, so what was read was
  // its own.
  virtual bool acts_before_answering(const event::SyscallEvent& event) noexcept {
    (void)event;
    return true;
  }
  // What the loop calls: handlers that need facts about the caller override this one.
  virtual Response on_event(event::SyscallEvent& event, CallerFacts& facts) noexcept {
    (void)facts;
    return on_event(event);
  }
  // After on_event answered Response::learn_result(), while the call still waits and before
  // anything of it ran. `located`: lanner found the file the open would really reach (without
  // side effects) and `event.fd.name` is now its path. The answer decides the call: allow lets
  // it proceed (lanner performs the open, or the kernel runs the call), deny refuses it.
  // `event.result` is still unknown here.
  virtual Response on_result(event::SyscallEvent& event, bool located) noexcept {
    (void)event;
    (void)located;
    return Response::allow();
  }
  // After on_result allowed the call: `event.result` is the call's exact result when lanner
  // performed it, or none when the kernel ran it unobserved. For alerts only.
  virtual void on_completed(const event::SyscallEvent& event) noexcept { (void)event; }
  // lanner refused this call because it failed to establish what it would do (a decode
  // failure in fail-closed mode, an opened file it could not hand over): for the alert.
  virtual void on_decision_failure(const event::SyscallEvent& event, std::string_view why,
                                   int error) noexcept {
    (void)event;
    (void)why;
    (void)error;
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
