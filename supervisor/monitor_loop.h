#pragma once
// The hot loop: receive -> decode -> still valid? -> handler -> respond (the validity check
// comes after the handler, and only if its answer acts on the call, for handlers that do
// nothing else before answering: EventHandler::acts_before_answering). One SyscallEvent is
// reused for every notification (no allocation in steady state once buffers have grown), and
// nothing in it throws per event: a failure to decode answers with `on_failure`.
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

#include "supervisor/decoder.h"
#include "supervisor/event_handler.h"
#include "supervisor/hardening.h"
#include "supervisor/notification_source.h"
#include "supervisor/open_emulator.h"
#include "supervisor/proc_table.h"
#include "supervisor/tree_census.h"

namespace lanner::supervisor {

struct LoopStats {
  uint64_t received = 0;  // notifications received
  uint64_t handled = 0;   // passed to the handler
  uint64_t stale = 0;     // the caller vanished while we read its memory (data thrown away)
  uint64_t gone = 0;      // the answer found no waiter (target killed or interrupted)
  uint64_t denied = 0;
  uint64_t hardened = 0;  // refused by lanner's default hardening (hardening.h)
  uint64_t killed = 0;    // callers killed by an enforcement action
  uint64_t failures = 0;  // decode threw (out of memory): answered with on_failure
};

// Pids lanner reaped, handed from the reaping thread to the notification thread so the process
// table can drop them. Thread-safe.
class ReapedPids {
 public:
  void push(int64_t pid);
  // Moves the pending pids into `out` (cleared first); cheap when empty.
  void drain(std::vector<int64_t>& out);

 private:
  std::mutex mutex_;
  std::vector<int64_t> pids_;
  std::atomic<bool> pending_{false};
};

class MonitorLoop : private CallerFacts {
 public:
  MonitorLoop(NotificationSource& source, Decoder& decoder, ProcTable& processes,
              EventHandler& handler, ReapedPids* reaped = nullptr,
              Response on_failure = Response::allow());
  // Lets the loop answer Response::learn_result() for open-family calls by performing the
  // open for the target (see open_emulator.h). Without it, such calls just run.
  void learn_results_with(OpenEmulator* emulator) { emulator_ = emulator; }
  // Refuses what `hardening` refuses, before the handler sees the call (may be null: none).
  void harden_with(const Hardening* hardening) { hardening_ = hardening; }
  // How Kill::kTree is carried out (kills every process of the monitored tree). Without it,
  // kill-tree falls back to killing the caller's process.
  void kill_tree_with(std::function<void()> kill_tree) { kill_tree_ = std::move(kill_tree); }
  // Answers CallerFacts::sole_task (without it: never sole, the safe answer).
  void count_tasks_with(TreeCensus* census) { census_ = census; }
  // Runs until the source reports kStopped or kError. Returns the counters.
  LoopStats run();

 private:
  void handle(const RawNotification& notification);
  bool is_stale(const RawNotification& notification);  // counts it
  static bool acts_on_call(const Response& response);
  bool refuse_by_hardening(const RawNotification& notification);
  bool decide_with_result(const RawNotification& notification, Response& response);
  void carry_out_kill(const Response& response);
  bool sole_task() override;

  NotificationSource& source_;
  Decoder& decoder_;
  ProcTable& processes_;
  EventHandler& handler_;
  ReapedPids* reaped_;
  Response on_failure_;
  OpenEmulator* emulator_ = nullptr;
  const Hardening* hardening_ = nullptr;
  std::function<void()> kill_tree_;
  TreeCensus* census_ = nullptr;
  bool completion_pending_ = false;  // on_completed is owed once the call has been answered
  LoopStats stats_;
  event::SyscallEvent event_;
  std::vector<int64_t> reaped_scratch_;
};

}  // namespace lanner::supervisor
