#pragma once
// Moving the seccomp listener from the child that created it to the supervisor.
// Two routes: SCM_RIGHTS over a socketpair (needs sendmsg untrapped in the child, or the child
// would wait on its own listener), and pidfd_getfd (the supervisor pulls fd N out of the child;
// needs ptrace rights over it, which a parent of the same uid has). All fds are O_CLOEXEC.
#include <sys/types.h>

#include <cstddef>

#include "supervisor/unique_fd.h"

namespace lanner::supervisor {

// Sends `fd` (or no fd when fd < 0) with `len` bytes of payload over the unix socket `sock`.
// Async-signal-safe (usable between fork and exec).
bool send_fd(int sock, int fd, const void* payload, size_t len);

// Receives exactly one message sent by send_fd (or by a plain write of `len` bytes): fills
// `payload`, returns the fd if one came along. `ok` is false on EOF or a short message.
UniqueFd receive_fd(int sock, void* payload, size_t len, bool& ok);

// Duplicates fd number `target_fd` of process `pid` into this process (pidfd_getfd).
UniqueFd borrow_fd(pid_t pid, int target_fd);

}  // namespace lanner::supervisor
