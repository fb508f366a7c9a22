#pragma once
// Synthetic SyscallEvents for the event-model tests (no kernel involved).
#include <arpa/inet.h>
#include <sys/socket.h>

#include <cstring>
#include <memory>
#include <string>

#include "event/event.h"
#include "event/syscall_table.h"

namespace lanner::event::testing {

inline std::shared_ptr<ProcessInfo> make_process(int64_t pid, std::string comm, std::string exe,
                                                 std::vector<std::string> args = {}) {
  auto proc = std::make_shared<ProcessInfo>();
  proc->pid = proc->vpid = proc->sid = proc->pgid = proc->vpgid = pid;
  proc->comm = std::move(comm);
  proc->exe = std::move(exe);
  proc->exepath = proc->exe;
  proc->args = std::move(args);
  proc->cwd = "/";
  proc->container_id = "host";
  return proc;
}

inline SyscallEvent make_event(std::string_view syscall) {
  SyscallEvent ev;
  ev.num = 1;
  ev.time_ns = 1'700'000'000'123'456'789ULL;
  ev.syscall = syscall_by_name(syscall);
  ev.tid = 100;
  return ev;
}

inline void set_arg_data(SyscallEvent& ev, int arg, std::string data, std::string abs = {}) {
  ev.data[arg] = std::move(data);
  ev.data_ok[arg] = true;
  ev.abs_path[arg] = std::move(abs);
}

// An int argument as the kernel delivers it (sign-extended).
inline uint64_t int_arg(int64_t value) { return static_cast<uint64_t>(value); }

inline std::string sockaddr_in_bytes(const char* ip, uint16_t port) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  inet_pton(AF_INET, ip, &sa.sin_addr);
  return std::string(reinterpret_cast<const char*>(&sa), sizeof(sa));
}

inline SocketEndpoint endpoint_v4(const char* ip, uint16_t port) {
  SocketEndpoint e;
  inet_pton(AF_INET, ip, e.ip.data());
  e.port = port;
  return e;
}

}  // namespace lanner::event::testing
