#pragma once
// THE single table of syscalls lanner knows (x86_64). The seccomp filter (which syscalls to trap),
// evt.type names, the decoder (what each register means) and evt.arg.* rendering (Falco's
// exit-event parameters) all derive from it. Adding a syscall is a one-row change in
// syscall_table.cpp.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace lanner::event {

// What a register argument is, so the decoder knows what to read from the target.
enum class ArgRole : uint8_t {
  kUnused,
  kInt,        // plain integer (flags, mode, pid, signal...)
  kFd,         // file descriptor
  kDirFd,      // dirfd for the next path argument (AT_FDCWD allowed)
  kPath,       // const char* path, resolved against cwd or the preceding kDirFd
  kString,     // const char* not a path (e.g. symlink target)
  kSockaddr,   // struct sockaddr*, length in the next argument
  kSockLen,    // socklen_t length of the previous sockaddr
  kArgv,       // char* const argv[]
  kEnvp,       // char* const envp[] (not read: secrets stay in the target)
  kOpenHow,    // struct open_how*, size in the next argument
  kMsghdr,     // struct msghdr* (msg_name is read)
  kBuffer,     // user buffer (not read unless a rule needs its bytes)
  kPtr,        // other pointer, kept as a number
};

// Falco's rendering of one exit-event parameter (libscap param types).
enum class ParamType : uint8_t {
  kErrno,      // return value: SUCCESS / errno name in evt.res; number in evt.arg
  kFd,         // rendered as the number, resolved "<f>/path"-style in evt.args
  kPath,       // FSPATH / FSRELPATH
  kCharbuf,
  kBytebuf,
  kSockTuple,
  kSockAddr,
  kInt,        // signed decimal
  kUint,       // unsigned decimal
  kHex,        // 0x...
  kFlags,      // bit flags from a named table, joined with '|'
  kEnum,       // one value from a named table
  kMode,       // file mode: octal + symbolic table
  kPid,
  kUid,
  kGid,
  kAbsTime,
};

// Where a parameter's value comes from at syscall entry.
struct ParamSource {
  enum Kind : uint8_t { kArg, kResult, kFdOfEvent, kProcess, kNone } kind = kNone;
  uint8_t arg = 0;  // register index for kArg
};

struct ParamInfo {
  std::string_view name;      // "flags", "name", "fd", "res"
  ParamType type = ParamType::kUint;
  std::string_view table;     // flag/enum table name for kFlags/kEnum/kMode (e.g. "file_flags")
  ParamSource source;
};

struct SyscallInfo {
  int nr = -1;                           // x86_64 number
  std::string_view name;                 // kernel name == Falco evt.type
  std::array<ArgRole, 6> args{};         // register roles
  std::span<const ParamInfo> params;     // Falco's exit-event parameters, in evt.arg[N] order
  bool creates_fd = false;               // result is a new fd (open*, socket, accept*, dup*)
};

// Lookups over the static table. All functions are pure and thread-safe.
const SyscallInfo* syscall_by_nr(int nr);
const SyscallInfo* syscall_by_name(std::string_view name);
std::span<const SyscallInfo> all_syscalls();

// Syscalls that must be trapped for a rule on `event_type` to see every way of doing the same
// thing (Falco's families: a rule on "open" must also see openat, openat2, creat...).
std::vector<int> family_of(std::string_view event_type);

}  // namespace lanner::event
