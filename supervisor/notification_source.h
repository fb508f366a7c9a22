#pragma once
// Where trapped syscalls come from: the seccomp listener in production, a fake in tests.
// One thread calls receive(); respond() and still_valid() may be called from the same thread.
#include <array>
#include <cstdint>

namespace lanner::supervisor {

// One trapped syscall, as the kernel delivered it (struct seccomp_notif, flattened).
struct RawNotification {
  uint64_t id = 0;
  int64_t tid = 0;        // calling thread, in lanner's pid namespace (0 if not visible)
  int nr = -1;
  uint32_t arch = 0;
  uint64_t instruction_pointer = 0;
  std::array<uint64_t, 6> args{};
};

// What else happens to the caller of a denied call (enforcement actions kill / kill-tree).
enum class Kill : uint8_t {
  kNone,
  kProcess,  // SIGKILL the calling process (thread group)
  kTree,     // SIGKILL every process of the monitored tree
};

// How to answer a notification.
struct Response {
  bool deny = false;  // false: let the kernel run the syscall (CONTINUE)
  int error = 0;      // errno returned to the target when deny
  // The handler needs the call's result to decide: the loop obtains it exactly where it can
  // (open family: OpenEmulator performs the open but does not hand it over yet), then calls
  // EventHandler::on_result, whose answer decides the call.
  bool need_result = false;
  Kill kill = Kill::kNone;  // only with deny: the call is refused, then the caller killed
  static Response allow() { return {}; }
  static Response deny_with(int err) { return {true, err, false, Kill::kNone}; }
  static Response deny_and_kill(int err, Kill kill) { return {true, err, false, kill}; }
  static Response learn_result() { return {false, 0, true, Kill::kNone}; }
};

enum class ReceiveStatus : uint8_t {
  kEvent,    // `out` holds a notification
  kRetry,    // nothing usable (interrupted, or the caller vanished before we got it)
  kStopped,  // no more notifications: every target task is gone, or stop() was called
  kError,    // the listener failed; the caller should stop
};

class NotificationSource {
 public:
  virtual ~NotificationSource() = default;
  // Blocks until a notification, a stop request or the end of the target.
  virtual ReceiveStatus receive(RawNotification& out) = 0;
  // True while the notifying thread is still waiting for this answer (NOTIF_ID_VALID). Memory read
  // for `id` must be thrown away when this is false: the tid may already belong to another task.
  virtual bool still_valid(uint64_t id) = 0;
  // Answers; false if the target was gone (ENOENT: died, or a signal interrupted the wait).
  virtual bool respond(uint64_t id, const Response& response) = 0;
};

}  // namespace lanner::supervisor
