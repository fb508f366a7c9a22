#include "event/render_param.h"

#include <sys/syscall.h>

#include <cstdio>
#include <cstring>

#include "event/render_fd.h"
#include "event/render_flags.h"
#include "event/render_net.h"

namespace lanner::event {
namespace {

constexpr int64_t kAtFdcwd = -100;

const ParamInfo* param_at(const SyscallEvent& ev, size_t index) {
  if (ev.syscall == nullptr || index >= ev.syscall->params.size()) return nullptr;
  return &ev.syscall->params[index];
}

ArgRole role_of(const SyscallEvent& ev, const ParamInfo& param) {
  return ev.syscall->args[param.source.arg % 6];
}

// struct open_how { u64 flags; u64 mode; u64 resolve; }: the field a parameter names.
std::optional<uint64_t> open_how_field(const SyscallEvent& ev, uint8_t arg, std::string_view name) {
  const std::string& bytes = ev.data[arg % 6];
  if (!ev.data_ok[arg % 6]) return std::nullopt;
  size_t offset = name == "flags" ? 0 : name == "mode" ? 8 : 16;
  if (bytes.size() < offset + 8) return std::nullopt;
  uint64_t value = 0;
  std::memcpy(&value, bytes.data() + offset, sizeof(value));
  return value;
}

uint32_t execve_flags_of(const ProcessInfo& proc) {
  uint32_t flags = 0;
  if (proc.exe_writable) flags |= 1u << 0;
  if (proc.exe_upper_layer) flags |= 1u << 1;
  if (proc.exe_from_memfd) flags |= 1u << 2;
  return flags;
}

// Numeric parameters that describe the process (execve/clone exit events).
std::optional<int64_t> process_number(const SyscallEvent& ev, std::string_view name) {
  const ProcessInfo* proc = ev.process.get();
  if (proc == nullptr) return std::nullopt;
  if (name == "tid") return ev.tid;
  if (name == "pid") return proc->pid;
  if (name == "ptid") return proc->ppid;
  if (name == "vtid") return ev.tid == proc->pid ? std::optional<int64_t>(proc->vpid) : std::nullopt;
  if (name == "vpid") return proc->vpid;
  if (name == "tty") return proc->tty;
  if (name == "vpgid") return proc->vpgid;
  if (name == "pgid") return proc->pgid;
  if (name == "loginuid") return proc->loginuid;
  if (name == "uid") return proc->uid;
  if (name == "gid") return proc->gid;
  if (name == "flags") return execve_flags_of(*proc);
  if (name == "cap_inheritable") return static_cast<int64_t>(proc->cap_inheritable);
  if (name == "cap_permitted") return static_cast<int64_t>(proc->cap_permitted);
  if (name == "cap_effective") return static_cast<int64_t>(proc->cap_effective);
  if (name == "exe_ino") return static_cast<int64_t>(proc->exe_ino);
  if (name == "exe_ino_ctime") return static_cast<int64_t>(proc->exe_ctime_ns);
  if (name == "exe_ino_mtime") return static_cast<int64_t>(proc->exe_mtime_ns);
  return std::nullopt;
}

// The parameter as a number before any PPM conversion; nullopt if unknown or not numeric.
std::optional<int64_t> source_number(const SyscallEvent& ev, const ParamInfo& param) {
  switch (param.source.kind) {
    case ParamSource::kResult:
      return ev.result;
    case ParamSource::kProcess:
      return process_number(ev, param.name);
    case ParamSource::kFdOfEvent:
      return std::nullopt;
    case ParamSource::kNone:
      return std::nullopt;
    case ParamSource::kArg:
      break;
  }
  uint8_t arg = param.source.arg % 6;
  if (role_of(ev, param) == ArgRole::kOpenHow) {
    auto value = open_how_field(ev, arg, param.name);
    if (!value) return std::nullopt;
    return static_cast<int64_t>(*value);
  }
  uint64_t raw = ev.raw[arg];
  // int-typed registers: only the low 32 bits are meaningful (the kernel truncates them).
  switch (param.type) {
    case ParamType::kFd:
    case ParamType::kPid:
    case ParamType::kInt:
    case ParamType::kErrno:
      return static_cast<int32_t>(raw);
    case ParamType::kUid:
    case ParamType::kGid:
    case ParamType::kFlags:
    case ParamType::kEnum:
    case ParamType::kMode:
      return static_cast<uint32_t>(raw);
    case ParamType::kUint:
      return param.name == "length" ? static_cast<int64_t>(raw) : static_cast<uint32_t>(raw);
    case ParamType::kHex:
    case ParamType::kAbsTime:
      return static_cast<int64_t>(raw);
    default:
      return std::nullopt;
  }
}

// Flags/enums in the PPM encoding Falco prints. execve's flags already are PPM.
std::optional<int64_t> ppm_number(const SyscallEvent& ev, const ParamInfo& param) {
  auto value = source_number(ev, param);
  if (!value) return std::nullopt;
  bool table_typed = param.type == ParamType::kFlags || param.type == ParamType::kEnum ||
                     param.type == ParamType::kMode;
  if (table_typed && param.source.kind == ParamSource::kArg) {
    return to_ppm(param.table, static_cast<uint64_t>(*value));
  }
  return value;
}

void append_printable(std::string_view bytes, std::string& out) {
  for (char c : bytes) {
    auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f) ? c : '.';
  }
}

void append_argv_buffer(const std::vector<std::string>& args, size_t first, std::string& out) {
  for (size_t i = first; i < args.size(); ++i) {
    append_printable(args[i], out);
    out += '.';  // the NUL separating arguments in Falco's args buffer
  }
}

void append_fd_resolved(const SyscallEvent& ev, int64_t fd, bool is_result, std::string& out) {
  if (fd == kAtFdcwd && !is_result) {
    out += "AT_FDCWD";
    return;
  }
  if (fd < 0 || !ev.has_fd) return;
  bool same_fd = is_result ? (ev.syscall->creates_fd) : (ev.fd.num == fd);
  if (!same_fd) return;
  out += '<';
  out += fd_typechar(ev.fd.type);
  if (char l4 = l4proto_char(ev.fd.l4proto); l4 != 0 && is_ip_socket(ev.fd.type)) out += l4;
  out += '>';
  out += ev.fd.name;
}

void append_octal(uint64_t value, std::string& out) {
  char buf[32];
  int n = std::snprintf(buf, sizeof(buf), "%#llo", static_cast<unsigned long long>(value));
  if (n > 0) out.append(buf, static_cast<size_t>(n));
}

void append_hex(uint64_t value, std::string& out) {
  char buf[32];
  int n = std::snprintf(buf, sizeof(buf), "0x%llx", static_cast<unsigned long long>(value));
  if (n > 0) out.append(buf, static_cast<size_t>(n));
}

bool render_text_param(const SyscallEvent& ev, const ParamInfo& param, std::string& raw,
                       std::string& resolved) {
  const ProcessInfo* proc = ev.process.get();
  switch (param.source.kind) {
    case ParamSource::kFdOfEvent:
      if (param.type == ParamType::kSockTuple) {
        if (!ev.has_fd || !ev.fd.has_tuple || !is_ip_socket(ev.fd.type)) return false;
        append_tuple(ev.fd, raw);
        return true;
      }
      if (!ev.has_fd || ev.fd.name.empty()) return false;
      raw += ev.fd.name;
      return true;
    case ParamSource::kProcess:
      if (proc == nullptr) return false;
      if (param.name == "exe") raw += proc->exe;
      else if (param.name == "comm") raw += proc->comm;
      else if (param.name == "cwd") raw += proc->cwd;
      else if (param.name == "trusted_exepath") raw += proc->exepath;
      else if (param.name == "args") append_argv_buffer(proc->args, 0, raw);
      else return false;
      return true;
    case ParamSource::kArg:
      break;
    default:
      return false;
  }
  uint8_t arg = param.source.arg % 6;
  ArgRole role = ev.syscall->args[arg];
  if (role == ArgRole::kArgv) {
    append_argv_buffer(ev.argv, 1, raw);
    return true;
  }
  if (!ev.data_ok[arg]) return false;
  const std::string& data = ev.data[arg];
  switch (param.type) {
    case ParamType::kPath:
      raw += data;
      if (!ev.abs_path[arg].empty() && ev.abs_path[arg] != data) resolved += ev.abs_path[arg];
      return true;
    case ParamType::kSockAddr:
      append_sockaddr(data, raw);
      return true;
    case ParamType::kBytebuf:
      append_printable(data, raw);
      return true;
    default:
      raw += data;
      return true;
  }
}

void append_id_name(const SyscallEvent& ev, const ParamInfo& param, int64_t id,
                    std::string& resolved) {
  const ProcessInfo* proc = ev.process.get();
  if (proc == nullptr) return;
  // Only ids lanner knows a name for: the caller's own user/group (no passwd lookups here).
  if (param.type == ParamType::kUid && id == proc->uid) resolved += proc->user_name;
  if (param.type == ParamType::kGid && id == proc->gid) resolved += proc->group_name;
}

bool render_numeric_param(const SyscallEvent& ev, const ParamInfo& param, std::string& raw,
                          std::string& resolved) {
  auto value = ppm_number(ev, param);
  if (!value) return false;
  int64_t v = *value;
  switch (param.type) {
    case ParamType::kErrno:
      append_signed(v, raw);
      if (v < 0) resolved += errno_name(v);
      return true;
    case ParamType::kFd:
      append_signed(v, raw);
      append_fd_resolved(ev, v, param.source.kind == ParamSource::kResult, resolved);
      return true;
    case ParamType::kUint:
      if (param.name == "mode") {
        append_octal(static_cast<uint64_t>(v), raw);
      } else {
        append_unsigned(static_cast<uint64_t>(v), raw);
      }
      return true;
    case ParamType::kAbsTime:
      append_unsigned(static_cast<uint64_t>(v), raw);
      return true;
    case ParamType::kHex:
      append_hex(static_cast<uint64_t>(v), raw);
      return true;
    case ParamType::kFlags:
      append_unsigned(static_cast<uint32_t>(v), raw);
      append_flag_names(flag_table(param.table), static_cast<uint32_t>(v), resolved);
      return true;
    case ParamType::kMode:
      append_octal(static_cast<uint32_t>(v), raw);
      append_flag_names(flag_table(param.table), static_cast<uint32_t>(v), resolved);
      return true;
    case ParamType::kEnum:
      append_unsigned(static_cast<uint32_t>(v), raw);
      resolved += enum_name(flag_table(param.table), static_cast<uint32_t>(v));
      return true;
    case ParamType::kUid:
    case ParamType::kGid:
      append_signed(v == 0xffffffffLL ? -1 : v, raw);
      append_id_name(ev, param, v, resolved);
      return true;
    default:  // kInt, kPid
      append_signed(v, raw);
      return true;
  }
}


std::optional<uint64_t> arg_value(const SyscallEvent& ev, uint8_t index) {
  return ev.raw[index % 6];
}

}  // namespace

bool is_text_type(ParamType type) {
  switch (type) {
    case ParamType::kPath:
    case ParamType::kCharbuf:
    case ParamType::kBytebuf:
    case ParamType::kSockTuple:
    case ParamType::kSockAddr:
      return true;
    default:
      return false;
  }
}

std::optional<size_t> param_index(const SyscallInfo& info, std::string_view name) {
  for (size_t i = 0; i < info.params.size(); ++i) {
    if (info.params[i].name == name) return i;
  }
  return std::nullopt;
}

bool is_known_param_name(std::string_view name) {
  for (const SyscallInfo& s : all_syscalls()) {
    if (param_index(s, name)) return true;
  }
  return false;
}

bool render_param(const SyscallEvent& ev, size_t index, std::string& raw, std::string& resolved) {
  const ParamInfo* param = param_at(ev, index);
  if (param == nullptr) return false;
  size_t raw_size = raw.size(), resolved_size = resolved.size();
  bool ok = is_text_type(param->type) ? render_text_param(ev, *param, raw, resolved)
                                      : render_numeric_param(ev, *param, raw, resolved);
  if (!ok) {
    raw.resize(raw_size);
    resolved.resize(resolved_size);
  }
  return ok;
}

bool render_param_value(const SyscallEvent& ev, size_t index, std::string& out,
                        std::string& scratch) {
  scratch.clear();
  size_t start = out.size();
  if (!render_param(ev, index, out, scratch)) return false;
  if (!scratch.empty()) {
    out.resize(start);
    out += scratch;
  }
  return true;
}

void render_all_params(const SyscallEvent& ev, std::string& out, std::string& raw,
                       std::string& resolved) {
  if (ev.syscall == nullptr) return;
  for (size_t i = 0; i < ev.syscall->params.size(); ++i) {
    raw.clear();
    resolved.clear();
    if (!render_param(ev, i, raw, resolved)) continue;
    if (!out.empty()) out += ' ';
    out += ev.syscall->params[i].name;
    out += '=';
    out += raw;
    if (!resolved.empty()) {
      out += '(';
      out += resolved;
      out += ')';
    }
  }
}

std::optional<int64_t> param_number(const SyscallEvent& ev, size_t index) {
  const ParamInfo* param = param_at(ev, index);
  if (param == nullptr || is_text_type(param->type)) return std::nullopt;
  return ppm_number(ev, *param);
}

std::optional<uint32_t> open_flags_ppm(const SyscallEvent& ev) {
  if (ev.syscall == nullptr) return std::nullopt;
  // Hot path of the upstream open_read/open_write macros: dispatch on the number.
  switch (ev.syscall->nr) {
    case __NR_creat: return kPpmOpenWrite | kPpmOpenCreate | (1u << 8);  // O_TRUNC
    case __NR_open: return open_flags_to_ppm(ev.raw[1]);
    case __NR_openat:
    case __NR_open_by_handle_at: return open_flags_to_ppm(ev.raw[2]);
    case __NR_openat2: {
      auto flags = open_how_field(ev, 2, "flags");
      return flags ? std::optional<uint32_t>(open_flags_to_ppm(*flags)) : std::nullopt;
    }
    default: return std::nullopt;
  }
}

std::optional<uint32_t> open_mode(const SyscallEvent& ev) {
  if (ev.syscall == nullptr) return std::nullopt;
  auto index = param_index(*ev.syscall, "mode");
  if (!index) return std::nullopt;
  const ParamInfo& param = ev.syscall->params[*index];
  if (param.source.kind != ParamSource::kArg) return std::nullopt;
  if (role_of(ev, param) == ArgRole::kOpenHow) {
    auto value = open_how_field(ev, param.source.arg, "mode");
    return value ? std::optional<uint32_t>(static_cast<uint32_t>(*value)) : std::nullopt;
  }
  return static_cast<uint32_t>(*arg_value(ev, param.source.arg));
}

}  // namespace lanner::event
