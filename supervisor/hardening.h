#pragma once
// lanner's default hardening: calls refused on register values alone, before any rule sees them
// (threats.md T01-T03, T17-T18). Deciding only on registers means no TOCTOU: the kernel runs
// nothing of a refused call, and nothing the target can rewrite was trusted.
//
// The MonitorLoop asks check() for every notification after decoding (so the alert can carry
// the caller's process fields) and, on a verdict, answers with the verdict's errno and tells the
// EventHandler (on_hardening), which turns it into an alert. Pure and kernel-free: testable on
// synthetic RawNotifications.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "supervisor/notification_source.h"

namespace lanner::supervisor {

struct HardeningOptions {
  bool deny_io_uring = true;       // io_uring_* -> ENOSYS (io_uring ops bypass seccomp)
  bool protect_supervisor = true;  // kill/ptrace/... aimed at the supervisor -> EPERM
  int64_t supervisor_pid = 0;      // the supervisor's pid (tgid) as the target sees it
};

// Why a call was refused: a stable name (alert rule name), a sentence, and the errno returned.
struct HardeningVerdict {
  std::string_view rule;         // e.g. "lanner: io_uring denied"
  std::string_view description;  // one sentence for the alert output
  int error = 0;                 // errno the target sees
};

class Hardening {
 public:
  explicit Hardening(HardeningOptions options) : options_(options) {}

  // The verdict for this call, or nullopt to let the rules decide.
  std::optional<HardeningVerdict> check(const RawNotification& notification) const;

  // Syscalls the filter must notify so check() sees them (added to the rules' trap set).
  std::vector<int> syscalls_to_trap() const;

  const HardeningOptions& options() const { return options_; }

 private:
  HardeningOptions options_;
};

}  // namespace lanner::supervisor
