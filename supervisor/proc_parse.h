#pragma once
// Pure parsers for /proc files and the target's /etc/passwd and /etc/group. No file access, so
// they are unit-tested on strings.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lanner::supervisor {

struct ProcStat {  // /proc/PID/stat
  std::string comm;
  int64_t ppid = 0, pgid = 0, sid = 0;
  uint32_t tty = 0;
  uint64_t start_ticks = 0;  // since boot, in clock ticks
};
std::optional<ProcStat> parse_proc_stat(std::string_view text);

struct ProcStatus {  // /proc/PID/status
  int64_t tgid = 0;
  int64_t vpid = 0, vpgid = 0;  // last NSpid / NSpgid column: the pid in its own namespace
  uint32_t euid = 0, egid = 0;
  uint64_t cap_inheritable = 0, cap_permitted = 0, cap_effective = 0;
};
std::optional<ProcStatus> parse_proc_status(std::string_view text);

// NUL-separated argv; a trailing NUL does not make an empty last argument.
std::vector<std::string> split_cmdline(std::string_view text);

// Name for numeric `id` in passwd/group format text (name:x:id:...), "" if absent.
std::string lookup_id_name(std::string_view db_text, uint32_t id);

// Container id from /proc/PID/cgroup (first 12 hex digits of a 64-hex-digit id), or "host".
std::string container_id_from_cgroup(std::string_view text);

}  // namespace lanner::supervisor
