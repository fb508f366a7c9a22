#include "supervisor/hardening.h"

#include <sys/syscall.h>

#include <cerrno>

namespace lanner::supervisor {
namespace {

bool is_io_uring(int nr) {
  return nr == SYS_io_uring_setup || nr == SYS_io_uring_enter || nr == SYS_io_uring_register;
}

}  // namespace

std::optional<HardeningVerdict> Hardening::check(const RawNotification& notification) const {
  if (options_.deny_io_uring && is_io_uring(notification.nr)) {
    return HardeningVerdict{"lanner: io_uring denied",
                            "io_uring operations bypass syscall monitoring; the call was refused",
                            ENOSYS};
  }
  return std::nullopt;
}

std::vector<int> Hardening::syscalls_to_trap() const {
  std::vector<int> out;
  if (options_.deny_io_uring) {
    for (int nr : {SYS_io_uring_setup, SYS_io_uring_enter, SYS_io_uring_register}) out.push_back(nr);
  }
  return out;
}

}  // namespace lanner::supervisor
