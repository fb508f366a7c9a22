#include "config/enforce_spec.h"

#include <cerrno>
#include <charconv>
#include <cstring>

#include "config/config.h"

namespace lanner::config {
namespace {

constexpr int kMaxErrno = 4095;  // the kernel's MAX_ERRNO: larger values are not errors

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view errno_name(int error) {
  const char* name = strerrorname_np(error);
  return name != nullptr ? std::string_view(name) : std::string_view();
}

}  // namespace

std::optional<int> parse_errno(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.front() >= '0' && text.front() <= '9') {
    int value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < 1 || value > kMaxErrno) {
      return std::nullopt;
    }
    return value;
  }
  for (int error = 1; error < 134; ++error) {  // glibc names errnos up to EHWPOISON (133)
    if (errno_name(error) == text) return error;
  }
  return std::nullopt;
}

std::string EnforceAction::text() const {
  switch (kind) {
    case ActionKind::kKill: return "kill";
    case ActionKind::kKillTree: return "kill-tree";
    case ActionKind::kDeny: break;
  }
  auto name = errno_name(error);
  return "deny:" + (name.empty() ? std::to_string(error) : std::string(name));
}

std::string EnforceSelector::text() const {
  switch (kind) {
    case Kind::kTag: return "tag:" + value;
    case Kind::kPriority: return "priority>=" + value;
    case Kind::kRule: break;
  }
  return "rule:" + value;
}

std::optional<EnforceSelector> parse_enforce_selector(std::string_view text, std::string& error) {
  text = trim(text);
  EnforceSelector selector;
  if (text.starts_with("rule:") || text.starts_with("tag:")) {
    const bool is_rule = text.starts_with("rule:");
    selector.kind = is_rule ? EnforceSelector::Kind::kRule : EnforceSelector::Kind::kTag;
    selector.value = std::string(trim(text.substr(is_rule ? 5 : 4)));
    if (selector.value.empty()) {
      error = std::string("expected a ") + (is_rule ? "rule name" : "tag") + " after '" +
              (is_rule ? "rule:" : "tag:") + "'";
      return std::nullopt;
    }
    return selector;
  }
  if (text.starts_with("priority>=")) {
    auto level = trim(text.substr(10));
    auto priority = parse_priority(level);
    if (!priority) {
      error = "expected a priority after 'priority>=' (emergency, alert, critical, error, "
              "warning, notice, informational, debug), got '" + std::string(level) + "'";
      return std::nullopt;
    }
    selector.kind = EnforceSelector::Kind::kPriority;
    selector.value = std::string(level);
    selector.at_least = *priority;
    return selector;
  }
  error = "expected 'rule:NAME', 'tag:TAG' or 'priority>=LEVEL', got '" + std::string(text) + "'";
  return std::nullopt;
}

std::optional<EnforceAction> parse_enforce_action(std::string_view text, std::string& error) {
  text = trim(text);
  EnforceAction action;
  action.error = EPERM;
  if (text == "kill" || text == "kill-tree") {
    action.kind = text == "kill" ? ActionKind::kKill : ActionKind::kKillTree;
    return action;
  }
  if (text == "deny") return action;
  if (text.starts_with("deny:")) {
    auto code = parse_errno(text.substr(5));
    if (!code) {
      error = "expected an errno name (e.g. EPERM, EACCES) or number 1-4095 after 'deny:', got '" +
              std::string(text.substr(5)) + "'";
      return std::nullopt;
    }
    action.error = *code;
    return action;
  }
  error = "expected 'deny', 'deny:ERRNO', 'kill' or 'kill-tree', got '" + std::string(text) + "'";
  return std::nullopt;
}

}  // namespace lanner::config
