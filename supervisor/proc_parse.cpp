#include "supervisor/proc_parse.h"

#include <charconv>
#include <cctype>

namespace lanner::supervisor {
namespace {

template <typename T>
bool parse_number(std::string_view text, T& out, int base = 10) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return ec == std::errc{} && end != text.data();
}

// Whitespace-separated column `index` (0-based) of `line`.
std::string_view column(std::string_view line, size_t index) {
  size_t pos = 0;
  for (size_t i = 0;; ++i) {
    pos = line.find_first_not_of(" \t", pos);
    if (pos == std::string_view::npos) return {};
    size_t end = line.find_first_of(" \t", pos);
    if (end == std::string_view::npos) end = line.size();
    if (i == index) return line.substr(pos, end - pos);
    pos = end;
  }
}

std::string_view last_column(std::string_view line) {
  size_t end = line.find_last_not_of(" \t");
  if (end == std::string_view::npos) return {};
  size_t start = line.find_last_of(" \t", end);
  start = start == std::string_view::npos ? 0 : start + 1;
  return line.substr(start, end + 1 - start);
}

}  // namespace

std::optional<ProcStat> parse_proc_stat(std::string_view text) {
  // "pid (comm) S ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
  //  cutime cstime priority nice num_threads itrealvalue starttime ..."; comm may contain ") ".
  size_t open = text.find('(');
  size_t close = text.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return std::nullopt;
  }
  ProcStat stat;
  stat.comm = std::string(text.substr(open + 1, close - open - 1));
  std::string_view rest = text.substr(close + 1);  // " S ppid ..."
  int64_t tty = 0;
  if (!parse_number(column(rest, 1), stat.ppid) || !parse_number(column(rest, 2), stat.pgid) ||
      !parse_number(column(rest, 3), stat.sid) || !parse_number(column(rest, 4), tty) ||
      !parse_number(column(rest, 19), stat.start_ticks)) {
    return std::nullopt;
  }
  stat.tty = static_cast<uint32_t>(tty);
  return stat;
}

std::optional<ProcStatus> parse_proc_status(std::string_view text) {
  ProcStatus status;
  bool have_tgid = false;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = line.substr(0, colon);
    std::string_view value = line.substr(colon + 1);
    if (key == "Tgid") {
      have_tgid = parse_number(value, status.tgid);
    } else if (key == "Uid") {
      parse_number(column(value, 1), status.euid);
    } else if (key == "Gid") {
      parse_number(column(value, 1), status.egid);
    } else if (key == "CapInh") {
      parse_number(column(value, 0), status.cap_inheritable, 16);
    } else if (key == "CapPrm") {
      parse_number(column(value, 0), status.cap_permitted, 16);
    } else if (key == "CapEff") {
      parse_number(column(value, 0), status.cap_effective, 16);
    } else if (key == "NSpid") {
      parse_number(last_column(value), status.vpid);
    } else if (key == "NSpgid") {
      parse_number(last_column(value), status.vpgid);
    }
  }
  if (!have_tgid) return std::nullopt;
  return status;
}

std::vector<std::string> split_cmdline(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    size_t nul = text.find('\0');
    out.emplace_back(text.substr(0, nul));
    if (nul == std::string_view::npos) break;
    text.remove_prefix(nul + 1);
  }
  return out;
}

std::string lookup_id_name(std::string_view db_text, uint32_t id) {
  while (!db_text.empty()) {
    size_t nl = db_text.find('\n');
    std::string_view line = db_text.substr(0, nl);
    db_text = nl == std::string_view::npos ? std::string_view{} : db_text.substr(nl + 1);
    size_t first = line.find(':');
    if (first == std::string_view::npos) continue;
    size_t second = line.find(':', first + 1);
    if (second == std::string_view::npos) continue;
    size_t third = line.find(':', second + 1);
    uint32_t value = 0;
    std::string_view field = line.substr(second + 1, third == std::string_view::npos
                                                         ? std::string_view::npos
                                                         : third - second - 1);
    auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (ec == std::errc{} && end == field.data() + field.size() && value == id) {
      return std::string(line.substr(0, first));
    }
  }
  return "";
}

std::string container_id_from_cgroup(std::string_view text) {
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (std::isxdigit(static_cast<unsigned char>(text[i])) != 0) {
      if (++run == 64 && (i + 1 == text.size() ||
                          std::isxdigit(static_cast<unsigned char>(text[i + 1])) == 0)) {
        return std::string(text.substr(i + 1 - 64, 12));
      }
    } else {
      run = 0;
    }
  }
  return "host";
}

}  // namespace lanner::supervisor
