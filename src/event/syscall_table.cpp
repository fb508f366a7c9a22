// The x86_64 syscall table: one row per syscall lanner can trap. Parameter lists follow libscap's
// current exit events (driver/event_table.c, see reference/stats/exit-event-params.md), so
// evt.arg[N] and evt.arg.NAME mean what they mean in Falco.
#include "event/syscall_table.h"

#include <sys/syscall.h>

#include <algorithm>
#include <array>

// Numbers newer than Debian 12's kernel headers.
#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452
#endif

namespace lanner::event {
namespace {

using A = ArgRole;
using T = ParamType;

constexpr ParamSource from_arg(uint8_t index) { return {ParamSource::kArg, index}; }
constexpr ParamSource from_result() { return {ParamSource::kResult, 0}; }
constexpr ParamSource from_event_fd() { return {ParamSource::kFdOfEvent, 0}; }
constexpr ParamSource from_process() { return {ParamSource::kProcess, 0}; }
constexpr ParamSource unknown() { return {ParamSource::kNone, 0}; }

constexpr ParamInfo p(std::string_view name, ParamType type, ParamSource source,
                      std::string_view table = {}) {
  return ParamInfo{name, type, table, source};
}

constexpr ParamInfo kRes = p("res", T::kErrno, from_result());
constexpr ParamInfo kNewFd = p("fd", T::kFd, from_result());

// ---- files -----------------------------------------------------------------------------------
constexpr ParamInfo kOpen[] = {
    kNewFd, p("name", T::kPath, from_arg(0)), p("flags", T::kFlags, from_arg(1), "file_flags"),
    p("mode", T::kUint, from_arg(2)), p("dev", T::kUint, unknown()), p("ino", T::kUint, unknown())};
constexpr ParamInfo kOpenat[] = {
    kNewFd, p("dirfd", T::kFd, from_arg(0)), p("name", T::kPath, from_arg(1)),
    p("flags", T::kFlags, from_arg(2), "file_flags"), p("mode", T::kUint, from_arg(3)),
    p("dev", T::kUint, unknown()), p("ino", T::kUint, unknown())};
// openat2's flags/mode/resolve live in struct open_how (arg 2); the decoder reads it.
constexpr ParamInfo kOpenat2[] = {
    kNewFd, p("dirfd", T::kFd, from_arg(0)), p("name", T::kPath, from_arg(1)),
    p("flags", T::kFlags, from_arg(2), "file_flags"), p("mode", T::kUint, from_arg(2)),
    p("resolve", T::kFlags, from_arg(2), "openat2_flags"), p("dev", T::kUint, unknown()),
    p("ino", T::kUint, unknown())};
constexpr ParamInfo kCreat[] = {
    kNewFd, p("name", T::kPath, from_arg(0)), p("mode", T::kUint, from_arg(1)),
    p("dev", T::kUint, unknown()), p("ino", T::kUint, unknown()),
    p("creat_flags", T::kFlags, unknown(), "creat_flags")};
constexpr ParamInfo kOpenByHandleAt[] = {
    kNewFd, p("mountfd", T::kFd, from_arg(0)), p("flags", T::kFlags, from_arg(2), "file_flags"),
    p("path", T::kPath, from_event_fd()), p("dev", T::kUint, unknown()),
    p("ino", T::kUint, unknown())};
constexpr ParamInfo kChmod[] = {kRes, p("filename", T::kPath, from_arg(0)),
                                p("mode", T::kMode, from_arg(1), "chmod_mode")};
constexpr ParamInfo kFchmod[] = {kRes, p("fd", T::kFd, from_arg(0)),
                                 p("mode", T::kMode, from_arg(1), "chmod_mode")};
constexpr ParamInfo kFchmodat[] = {kRes, p("dirfd", T::kFd, from_arg(0)),
                                   p("filename", T::kPath, from_arg(1)),
                                   p("mode", T::kMode, from_arg(2), "chmod_mode")};
constexpr ParamInfo kMkdir[] = {kRes, p("path", T::kPath, from_arg(0)),
                                p("mode", T::kUint, from_arg(1))};
constexpr ParamInfo kMkdirat[] = {kRes, p("dirfd", T::kFd, from_arg(0)),
                                  p("path", T::kPath, from_arg(1)),
                                  p("mode", T::kUint, from_arg(2))};
constexpr ParamInfo kRmdir[] = {kRes, p("path", T::kPath, from_arg(0))};
constexpr ParamInfo kUnlink[] = {kRes, p("path", T::kPath, from_arg(0))};
constexpr ParamInfo kUnlinkat[] = {kRes, p("dirfd", T::kFd, from_arg(0)),
                                   p("name", T::kPath, from_arg(1)),
                                   p("flags", T::kFlags, from_arg(2), "unlinkat_flags")};
constexpr ParamInfo kLink[] = {kRes, p("oldpath", T::kPath, from_arg(0)),
                               p("newpath", T::kPath, from_arg(1))};
constexpr ParamInfo kLinkat[] = {kRes,
                                 p("olddir", T::kFd, from_arg(0)),
                                 p("oldpath", T::kPath, from_arg(1)),
                                 p("newdir", T::kFd, from_arg(2)),
                                 p("newpath", T::kPath, from_arg(3)),
                                 p("flags", T::kFlags, from_arg(4), "linkat_flags")};
constexpr ParamInfo kSymlink[] = {kRes, p("target", T::kCharbuf, from_arg(0)),
                                  p("linkpath", T::kPath, from_arg(1))};
constexpr ParamInfo kSymlinkat[] = {kRes, p("target", T::kCharbuf, from_arg(0)),
                                    p("linkdirfd", T::kFd, from_arg(1)),
                                    p("linkpath", T::kPath, from_arg(2))};
constexpr ParamInfo kRename[] = {kRes, p("oldpath", T::kPath, from_arg(0)),
                                 p("newpath", T::kPath, from_arg(1))};
constexpr ParamInfo kRenameat[] = {kRes, p("olddirfd", T::kFd, from_arg(0)),
                                   p("oldpath", T::kPath, from_arg(1)),
                                   p("newdirfd", T::kFd, from_arg(2)),
                                   p("newpath", T::kPath, from_arg(3))};
constexpr ParamInfo kRenameat2[] = {kRes,
                                    p("olddirfd", T::kFd, from_arg(0)),
                                    p("oldpath", T::kPath, from_arg(1)),
                                    p("newdirfd", T::kFd, from_arg(2)),
                                    p("newpath", T::kPath, from_arg(3)),
                                    p("flags", T::kFlags, from_arg(4), "renameat2_flags")};
constexpr ParamInfo kDup[] = {p("res", T::kFd, from_result()), p("oldfd", T::kFd, from_arg(0))};
constexpr ParamInfo kDup2[] = {p("res", T::kFd, from_result()), p("oldfd", T::kFd, from_arg(0)),
                               p("newfd", T::kFd, from_arg(1))};
constexpr ParamInfo kDup3[] = {p("res", T::kFd, from_result()), p("oldfd", T::kFd, from_arg(0)),
                               p("newfd", T::kFd, from_arg(1)),
                               p("flags", T::kFlags, from_arg(2), "file_flags")};
constexpr ParamInfo kMount[] = {kRes, p("dev", T::kCharbuf, from_arg(0)),
                                p("dir", T::kPath, from_arg(1)),
                                p("type", T::kCharbuf, from_arg(2)),
                                p("flags", T::kFlags, from_arg(3), "mount_flags")};
constexpr ParamInfo kMemfdCreate[] = {kNewFd, p("name", T::kCharbuf, from_arg(0)),
                                      p("flags", T::kFlags, from_arg(1), "memfd_create_flags")};

// ---- processes ---------------------------------------------------------------------------------
// execve's exit event describes the new program: everything but res/filename/flags comes from
// the ProcessInfo the supervisor synthesises for the program being started.
constexpr ParamInfo kExecve[] = {
    kRes,
    p("exe", T::kCharbuf, from_process()),
    p("args", T::kBytebuf, from_arg(1)),
    p("tid", T::kPid, from_process()),
    p("pid", T::kPid, from_process()),
    p("ptid", T::kPid, from_process()),
    p("cwd", T::kCharbuf, from_process()),
    p("fdlimit", T::kUint, unknown()),
    p("pgft_maj", T::kUint, unknown()),
    p("pgft_min", T::kUint, unknown()),
    p("vm_size", T::kUint, unknown()),
    p("vm_rss", T::kUint, unknown()),
    p("vm_swap", T::kUint, unknown()),
    p("comm", T::kCharbuf, from_process()),
    p("cgroups", T::kBytebuf, unknown()),
    p("env", T::kBytebuf, unknown()),
    p("tty", T::kUint, from_process()),
    p("vpgid", T::kPid, from_process()),
    p("loginuid", T::kUid, from_process()),
    p("flags", T::kFlags, from_process(), "execve_flags"),
    p("cap_inheritable", T::kUint, from_process()),
    p("cap_permitted", T::kUint, from_process()),
    p("cap_effective", T::kUint, from_process()),
    p("exe_ino", T::kUint, from_process()),
    p("exe_ino_ctime", T::kAbsTime, from_process()),
    p("exe_ino_mtime", T::kAbsTime, from_process()),
    p("uid", T::kUid, from_process()),
    p("trusted_exepath", T::kPath, from_process()),
    p("pgid", T::kPid, from_process()),
    p("gid", T::kGid, from_process()),
    p("filename", T::kPath, from_arg(0)),
};
// execveat: same list, argv in register 2, filename not part of the event.
constexpr ParamInfo kExecveat[] = {
    kRes,
    p("exe", T::kCharbuf, from_process()),
    p("args", T::kBytebuf, from_arg(2)),
    p("tid", T::kPid, from_process()),
    p("pid", T::kPid, from_process()),
    p("ptid", T::kPid, from_process()),
    p("cwd", T::kCharbuf, from_process()),
    p("fdlimit", T::kUint, unknown()),
    p("pgft_maj", T::kUint, unknown()),
    p("pgft_min", T::kUint, unknown()),
    p("vm_size", T::kUint, unknown()),
    p("vm_rss", T::kUint, unknown()),
    p("vm_swap", T::kUint, unknown()),
    p("comm", T::kCharbuf, from_process()),
    p("cgroups", T::kBytebuf, unknown()),
    p("env", T::kBytebuf, unknown()),
    p("tty", T::kUint, from_process()),
    p("vpgid", T::kPid, from_process()),
    p("loginuid", T::kUid, from_process()),
    p("flags", T::kFlags, from_process(), "execve_flags"),
    p("cap_inheritable", T::kUint, from_process()),
    p("cap_permitted", T::kUint, from_process()),
    p("cap_effective", T::kUint, from_process()),
    p("exe_ino", T::kUint, from_process()),
    p("exe_ino_ctime", T::kAbsTime, from_process()),
    p("exe_ino_mtime", T::kAbsTime, from_process()),
    p("uid", T::kUid, from_process()),
    p("trusted_exepath", T::kPath, from_process()),
    p("pgid", T::kPid, from_process()),
    p("gid", T::kGid, from_process()),
};
// clone/fork/vfork/clone3 exit events (parent side): res is the child's tid.
constexpr ParamInfo kClone[] = {
    p("res", T::kPid, from_result()),
    p("exe", T::kCharbuf, from_process()),
    p("args", T::kBytebuf, from_process()),
    p("tid", T::kPid, from_process()),
    p("pid", T::kPid, from_process()),
    p("ptid", T::kPid, from_process()),
    p("cwd", T::kCharbuf, from_process()),
    p("fdlimit", T::kInt, unknown()),
    p("pgft_maj", T::kUint, unknown()),
    p("pgft_min", T::kUint, unknown()),
    p("vm_size", T::kUint, unknown()),
    p("vm_rss", T::kUint, unknown()),
    p("vm_swap", T::kUint, unknown()),
    p("comm", T::kCharbuf, from_process()),
    p("cgroups", T::kBytebuf, unknown()),
    p("flags", T::kFlags, from_arg(0), "clone_flags"),
    p("uid", T::kUid, from_process()),
    p("gid", T::kGid, from_process()),
    p("vtid", T::kPid, from_process()),
    p("vpid", T::kPid, from_process()),
    p("pidns_init_start_ts", T::kUint, unknown()),
};
// fork/vfork/clone3 carry no flags register on x86_64 at the place clone has them.
constexpr ParamInfo kFork[] = {
    p("res", T::kPid, from_result()),
    p("exe", T::kCharbuf, from_process()),
    p("args", T::kBytebuf, from_process()),
    p("tid", T::kPid, from_process()),
    p("pid", T::kPid, from_process()),
    p("ptid", T::kPid, from_process()),
    p("cwd", T::kCharbuf, from_process()),
    p("fdlimit", T::kInt, unknown()),
    p("pgft_maj", T::kUint, unknown()),
    p("pgft_min", T::kUint, unknown()),
    p("vm_size", T::kUint, unknown()),
    p("vm_rss", T::kUint, unknown()),
    p("vm_swap", T::kUint, unknown()),
    p("comm", T::kCharbuf, from_process()),
    p("cgroups", T::kBytebuf, unknown()),
    p("flags", T::kFlags, unknown(), "clone_flags"),
    p("uid", T::kUid, from_process()),
    p("gid", T::kGid, from_process()),
    p("vtid", T::kPid, from_process()),
    p("vpid", T::kPid, from_process()),
    p("pidns_init_start_ts", T::kUint, unknown()),
};
constexpr ParamInfo kPtrace[] = {kRes, p("addr", T::kHex, from_arg(2)),
                                 p("data", T::kHex, from_arg(3)),
                                 p("request", T::kEnum, from_arg(0), "ptrace_requests"),
                                 p("pid", T::kPid, from_arg(1))};
constexpr ParamInfo kSetuid[] = {kRes, p("uid", T::kUid, from_arg(0))};
constexpr ParamInfo kSetreuid[] = {kRes, p("ruid", T::kUid, from_arg(0)),
                                   p("euid", T::kUid, from_arg(1))};
constexpr ParamInfo kSetresuid[] = {kRes, p("ruid", T::kUid, from_arg(0)),
                                    p("euid", T::kUid, from_arg(1)),
                                    p("suid", T::kUid, from_arg(2))};
constexpr ParamInfo kSetgid[] = {kRes, p("gid", T::kGid, from_arg(0))};
constexpr ParamInfo kSetregid[] = {kRes, p("rgid", T::kGid, from_arg(0)),
                                   p("egid", T::kGid, from_arg(1))};
constexpr ParamInfo kSetresgid[] = {kRes, p("rgid", T::kGid, from_arg(0)),
                                    p("egid", T::kGid, from_arg(1)),
                                    p("sgid", T::kGid, from_arg(2))};
constexpr ParamInfo kSetns[] = {kRes, p("fd", T::kFd, from_arg(0)),
                                p("nstype", T::kFlags, from_arg(1), "clone_flags")};
constexpr ParamInfo kUnshare[] = {kRes, p("flags", T::kFlags, from_arg(0), "clone_flags")};
constexpr ParamInfo kKill[] = {kRes, p("pid", T::kPid, from_arg(0)),
                               p("sig", T::kEnum, from_arg(1), "signals")};
constexpr ParamInfo kTkill[] = {kRes, p("tid", T::kPid, from_arg(0)),
                                p("sig", T::kEnum, from_arg(1), "signals")};
constexpr ParamInfo kTgkill[] = {kRes, p("pid", T::kPid, from_arg(0)),
                                 p("tid", T::kPid, from_arg(1)),
                                 p("sig", T::kEnum, from_arg(2), "signals")};
constexpr ParamInfo kPidfdOpen[] = {kNewFd, p("pid", T::kPid, from_arg(0)),
                                    p("flags", T::kFlags, from_arg(1), "pidfd_open_flags")};
constexpr ParamInfo kProcessVm[] = {p("res", T::kInt, from_result()),
                                    p("pid", T::kPid, from_arg(0)),
                                    p("data", T::kBytebuf, unknown())};
constexpr ParamInfo kInitModule[] = {kRes, p("img", T::kBytebuf, from_arg(0)),
                                     p("length", T::kUint, from_arg(1)),
                                     p("uargs", T::kCharbuf, from_arg(2))};
constexpr ParamInfo kFinitModule[] = {kRes, p("fd", T::kFd, from_arg(0)),
                                      p("uargs", T::kCharbuf, from_arg(1)),
                                      p("flags", T::kFlags, from_arg(2), "finit_module_flags")};
constexpr ParamInfo kBpf[] = {p("fd", T::kFd, from_result()),
                              p("cmd", T::kEnum, from_arg(0), "bpf_commands")};
constexpr ParamInfo kUserfaultfd[] = {kRes, p("flags", T::kFlags, from_arg(0), "file_flags")};
constexpr ParamInfo kIoUringSetup[] = {
    kRes, p("entries", T::kUint, from_arg(0)), p("sq_entries", T::kUint, unknown()),
    p("cq_entries", T::kUint, unknown()), p("flags", T::kFlags, unknown(), "io_uring_setup_flags"),
    p("sq_thread_cpu", T::kUint, unknown()), p("sq_thread_idle", T::kUint, unknown()),
    p("features", T::kFlags, unknown(), "io_uring_setup_feats")};
constexpr ParamInfo kIoUringEnter[] = {
    kRes, p("fd", T::kFd, from_arg(0)), p("to_submit", T::kUint, from_arg(1)),
    p("min_complete", T::kUint, from_arg(2)),
    p("flags", T::kFlags, from_arg(3), "io_uring_enter_flags"), p("sig", T::kHex, from_arg(4))};
constexpr ParamInfo kIoUringRegister[] = {
    kRes, p("fd", T::kFd, from_arg(0)),
    p("opcode", T::kEnum, from_arg(1), "io_uring_register_opcodes"),
    p("arg", T::kHex, from_arg(2)), p("nr_args", T::kUint, from_arg(3))};

// ---- network -----------------------------------------------------------------------------------
constexpr ParamInfo kSocket[] = {kNewFd,
                                 p("domain", T::kEnum, from_arg(0), "socket_families"),
                                 p("type", T::kUint, from_arg(1)),
                                 p("proto", T::kUint, from_arg(2)),
                                 p("flags", T::kFlags, unknown(), "file_flags")};
constexpr ParamInfo kConnect[] = {kRes, p("tuple", T::kSockTuple, from_event_fd()),
                                  p("fd", T::kFd, from_arg(0)),
                                  p("addr", T::kSockAddr, from_arg(1))};
constexpr ParamInfo kBind[] = {kRes, p("addr", T::kSockAddr, from_arg(1)),
                               p("fd", T::kFd, from_arg(0))};
constexpr ParamInfo kListen[] = {kRes, p("fd", T::kFd, from_arg(0)),
                                 p("backlog", T::kInt, from_arg(1))};
constexpr ParamInfo kAccept[] = {kNewFd, p("tuple", T::kSockTuple, unknown()),
                                 p("queuepct", T::kUint, unknown()),
                                 p("queuelen", T::kUint, unknown()),
                                 p("queuemax", T::kUint, unknown())};
constexpr ParamInfo kAccept4[] = {kNewFd,
                                  p("tuple", T::kSockTuple, unknown()),
                                  p("queuepct", T::kUint, unknown()),
                                  p("queuelen", T::kUint, unknown()),
                                  p("queuemax", T::kUint, unknown()),
                                  p("flags", T::kInt, from_arg(3))};
constexpr ParamInfo kSendto[] = {kRes, p("data", T::kBytebuf, from_arg(1)),
                                 p("fd", T::kFd, from_arg(0)), p("size", T::kUint, from_arg(2)),
                                 p("tuple", T::kSockTuple, from_event_fd())};
constexpr ParamInfo kSendmsg[] = {kRes, p("data", T::kBytebuf, unknown()),
                                  p("fd", T::kFd, from_arg(0)), p("size", T::kUint, unknown()),
                                  p("tuple", T::kSockTuple, from_event_fd())};
constexpr ParamInfo kRecvfrom[] = {kRes, p("data", T::kBytebuf, unknown()),
                                   p("tuple", T::kSockTuple, from_event_fd()),
                                   p("fd", T::kFd, from_arg(0)),
                                   p("size", T::kUint, from_arg(2))};
constexpr ParamInfo kRecvmsg[] = {kRes,
                                  p("size", T::kUint, unknown()),
                                  p("data", T::kBytebuf, unknown()),
                                  p("tuple", T::kSockTuple, from_event_fd()),
                                  p("msgcontrol", T::kBytebuf, unknown()),
                                  p("fd", T::kFd, from_arg(0))};

constexpr std::array<ArgRole, 6> roles(std::initializer_list<ArgRole> list) {
  std::array<ArgRole, 6> out{};
  size_t i = 0;
  for (ArgRole role : list) out[i++] = role;
  return out;
}

constexpr SyscallInfo row(int nr, std::string_view name, std::initializer_list<ArgRole> args,
                          std::span<const ParamInfo> params, bool creates_fd = false) {
  return SyscallInfo{nr, name, roles(args), params, creates_fd};
}

// Sorted by number (checked by a test) so syscall_by_nr can binary-search.
constexpr SyscallInfo kSyscalls[] = {
    row(__NR_open, "open", {A::kPath, A::kInt, A::kInt}, kOpen, true),
    row(__NR_dup, "dup", {A::kFd}, kDup, true),
    row(__NR_dup2, "dup2", {A::kFd, A::kFd}, kDup2, true),
    row(__NR_socket, "socket", {A::kInt, A::kInt, A::kInt}, kSocket, true),
    row(__NR_connect, "connect", {A::kFd, A::kSockaddr, A::kSockLen}, kConnect),
    row(__NR_accept, "accept", {A::kFd, A::kPtr, A::kPtr}, kAccept, true),
    row(__NR_sendto, "sendto", {A::kFd, A::kBuffer, A::kInt, A::kInt, A::kSockaddr, A::kSockLen},
        kSendto),
    row(__NR_recvfrom, "recvfrom", {A::kFd, A::kBuffer, A::kInt, A::kInt, A::kPtr, A::kPtr},
        kRecvfrom),
    row(__NR_sendmsg, "sendmsg", {A::kFd, A::kMsghdr, A::kInt}, kSendmsg),
    row(__NR_recvmsg, "recvmsg", {A::kFd, A::kMsghdr, A::kInt}, kRecvmsg),
    row(__NR_bind, "bind", {A::kFd, A::kSockaddr, A::kSockLen}, kBind),
    row(__NR_listen, "listen", {A::kFd, A::kInt}, kListen),
    row(__NR_clone, "clone", {A::kInt, A::kPtr, A::kPtr, A::kPtr, A::kPtr}, kClone),
    row(__NR_fork, "fork", {}, kFork),
    row(__NR_vfork, "vfork", {}, kFork),
    row(__NR_execve, "execve", {A::kPath, A::kArgv, A::kEnvp}, kExecve),
    row(__NR_kill, "kill", {A::kInt, A::kInt}, kKill),
    row(__NR_rename, "rename", {A::kPath, A::kPath}, kRename),
    row(__NR_mkdir, "mkdir", {A::kPath, A::kInt}, kMkdir),
    row(__NR_rmdir, "rmdir", {A::kPath}, kRmdir),
    row(__NR_creat, "creat", {A::kPath, A::kInt}, kCreat, true),
    row(__NR_link, "link", {A::kPath, A::kPath}, kLink),
    row(__NR_unlink, "unlink", {A::kPath}, kUnlink),
    row(__NR_symlink, "symlink", {A::kString, A::kPath}, kSymlink),
    row(__NR_chmod, "chmod", {A::kPath, A::kInt}, kChmod),
    row(__NR_fchmod, "fchmod", {A::kFd, A::kInt}, kFchmod),
    row(__NR_ptrace, "ptrace", {A::kInt, A::kInt, A::kPtr, A::kPtr}, kPtrace),
    row(__NR_setuid, "setuid", {A::kInt}, kSetuid),
    row(__NR_setgid, "setgid", {A::kInt}, kSetgid),
    row(__NR_setreuid, "setreuid", {A::kInt, A::kInt}, kSetreuid),
    row(__NR_setregid, "setregid", {A::kInt, A::kInt}, kSetregid),
    row(__NR_setresuid, "setresuid", {A::kInt, A::kInt, A::kInt}, kSetresuid),
    row(__NR_setresgid, "setresgid", {A::kInt, A::kInt, A::kInt}, kSetresgid),
    row(__NR_mount, "mount", {A::kString, A::kPath, A::kString, A::kInt, A::kPtr}, kMount),
    row(__NR_init_module, "init_module", {A::kBuffer, A::kInt, A::kString}, kInitModule),
    row(__NR_tkill, "tkill", {A::kInt, A::kInt}, kTkill),
    row(__NR_tgkill, "tgkill", {A::kInt, A::kInt, A::kInt}, kTgkill),
    row(__NR_openat, "openat", {A::kDirFd, A::kPath, A::kInt, A::kInt}, kOpenat, true),
    row(__NR_mkdirat, "mkdirat", {A::kDirFd, A::kPath, A::kInt}, kMkdirat),
    row(__NR_unlinkat, "unlinkat", {A::kDirFd, A::kPath, A::kInt}, kUnlinkat),
    row(__NR_renameat, "renameat", {A::kDirFd, A::kPath, A::kDirFd, A::kPath}, kRenameat),
    row(__NR_linkat, "linkat", {A::kDirFd, A::kPath, A::kDirFd, A::kPath, A::kInt}, kLinkat),
    row(__NR_symlinkat, "symlinkat", {A::kString, A::kDirFd, A::kPath}, kSymlinkat),
    row(__NR_fchmodat, "fchmodat", {A::kDirFd, A::kPath, A::kInt}, kFchmodat),
    row(__NR_unshare, "unshare", {A::kInt}, kUnshare),
    row(__NR_accept4, "accept4", {A::kFd, A::kPtr, A::kPtr, A::kInt}, kAccept4, true),
    row(__NR_dup3, "dup3", {A::kFd, A::kFd, A::kInt}, kDup3, true),
    row(__NR_open_by_handle_at, "open_by_handle_at", {A::kFd, A::kPtr, A::kInt}, kOpenByHandleAt,
        true),
    row(__NR_setns, "setns", {A::kFd, A::kInt}, kSetns),
    row(__NR_process_vm_readv, "process_vm_readv",
        {A::kInt, A::kPtr, A::kInt, A::kPtr, A::kInt, A::kInt}, kProcessVm),
    row(__NR_process_vm_writev, "process_vm_writev",
        {A::kInt, A::kPtr, A::kInt, A::kPtr, A::kInt, A::kInt}, kProcessVm),
    row(__NR_finit_module, "finit_module", {A::kFd, A::kString, A::kInt}, kFinitModule),
    row(__NR_renameat2, "renameat2", {A::kDirFd, A::kPath, A::kDirFd, A::kPath, A::kInt},
        kRenameat2),
    row(__NR_memfd_create, "memfd_create", {A::kString, A::kInt}, kMemfdCreate, true),
    row(__NR_bpf, "bpf", {A::kInt, A::kPtr, A::kInt}, kBpf, true),
    row(__NR_execveat, "execveat", {A::kDirFd, A::kPath, A::kArgv, A::kEnvp, A::kInt}, kExecveat),
    row(__NR_userfaultfd, "userfaultfd", {A::kInt}, kUserfaultfd, true),
    row(__NR_io_uring_setup, "io_uring_setup", {A::kInt, A::kPtr}, kIoUringSetup, true),
    row(__NR_io_uring_enter, "io_uring_enter",
        {A::kFd, A::kInt, A::kInt, A::kInt, A::kPtr, A::kInt}, kIoUringEnter),
    row(__NR_io_uring_register, "io_uring_register", {A::kFd, A::kInt, A::kPtr, A::kInt},
        kIoUringRegister),
    row(__NR_pidfd_open, "pidfd_open", {A::kInt, A::kInt}, kPidfdOpen, true),
    row(__NR_clone3, "clone3", {A::kPtr, A::kInt}, kFork),
    row(__NR_openat2, "openat2", {A::kDirFd, A::kPath, A::kOpenHow, A::kInt}, kOpenat2, true),
    // Not a Falco event (Falco reports it as a generic syscall); same shape as fchmodat.
    row(__NR_fchmodat2, "fchmodat2", {A::kDirFd, A::kPath, A::kInt, A::kInt}, kFchmodat),
};

// Groups of syscalls that do the same thing (Falco's rules list them together; a rule on one
// must trap all of them to see every way of doing it). A syscall in no group is its own family.
constexpr bool sorted_by_nr() {
  for (size_t i = 1; i < std::size(kSyscalls); ++i) {
    if (kSyscalls[i - 1].nr >= kSyscalls[i].nr) return false;
  }
  return true;
}
static_assert(sorted_by_nr(), "kSyscalls must be sorted by syscall number");

constexpr std::string_view kFamilies[][6] = {
    {"open", "openat", "openat2", "creat", "open_by_handle_at"},
    {"execve", "execveat"},
    {"rename", "renameat", "renameat2"},
    {"unlink", "unlinkat"},
    {"rmdir", "unlinkat"},
    {"mkdir", "mkdirat"},
    {"link", "linkat"},
    {"symlink", "symlinkat"},
    {"chmod", "fchmod", "fchmodat", "fchmodat2"},
    {"dup", "dup2", "dup3"},
    {"accept", "accept4"},
    {"sendto", "sendmsg"},
    {"recvfrom", "recvmsg"},
    {"setuid", "setreuid", "setresuid"},
    {"setgid", "setregid", "setresgid"},
    {"clone", "clone3", "fork", "vfork"},
    {"kill", "tkill", "tgkill"},
    {"process_vm_readv", "process_vm_writev"},
    {"init_module", "finit_module"},
    {"io_uring_setup", "io_uring_enter", "io_uring_register"},
};

void add_unique(std::vector<int>& out, int nr) {
  if (std::find(out.begin(), out.end(), nr) == out.end()) out.push_back(nr);
}

}  // namespace

std::span<const SyscallInfo> all_syscalls() { return kSyscalls; }

const SyscallInfo* syscall_by_nr(int nr) {
  const auto* end = std::end(kSyscalls);
  const auto* it = std::lower_bound(std::begin(kSyscalls), end, nr,
                                    [](const SyscallInfo& s, int n) { return s.nr < n; });
  return (it != end && it->nr == nr) ? it : nullptr;
}

const SyscallInfo* syscall_by_name(std::string_view name) {
  for (const SyscallInfo& s : kSyscalls) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::vector<int> family_of(std::string_view event_type) {
  std::vector<int> out;
  const SyscallInfo* self = syscall_by_name(event_type);
  if (self == nullptr) return out;
  add_unique(out, self->nr);
  for (const auto& family : kFamilies) {
    if (std::find(std::begin(family), std::end(family), event_type) == std::end(family)) continue;
    for (std::string_view member : family) {
      if (member.empty()) continue;
      if (const SyscallInfo* s = syscall_by_name(member)) add_unique(out, s->nr);
    }
  }
  return out;
}

}  // namespace lanner::event
