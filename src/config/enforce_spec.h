#pragma once
// What `--enforce SELECTOR` / `--enforce-action ACTION` and the config's `lanner.enforce` say,
// parsed but not yet matched against rules (app/enforcement.h does that). Pure text handling,
// so the config decoder can report a bad selector at its file:line:col.
//
//   SELECTOR: rule:NAME (glob, like Falco's `rules:` selection) | tag:TAG | priority>=LEVEL
//   ACTION:   deny[:ERRNO] (default deny:EPERM; ERRNO by name, e.g. EACCES, or number)
//             | kill (SIGKILL the calling process) | kill-tree (SIGKILL the whole monitored tree)
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rules/rule_document.h"

namespace lanner::config {

enum class ActionKind : uint8_t { kDeny, kKill, kKillTree };

struct EnforceAction {
  ActionKind kind = ActionKind::kDeny;
  int error = 1;  // EPERM; the errno a denied call returns (kill actions deny with it too)

  // "deny:EPERM", "kill", "kill-tree": what alerts report in lanner.action.
  std::string text() const;
  // Which of two actions wins when several enforced rules match: kill-tree > kill > deny.
  int strength() const { return static_cast<int>(kind); }
};

struct EnforceSelector {
  enum class Kind : uint8_t { kRule, kTag, kPriority };
  Kind kind = Kind::kRule;
  std::string value;  // rule name glob or tag
  rules::Priority at_least = rules::Priority::kDebug;  // kPriority: this severe or more

  std::string text() const;  // back to the SELECTOR syntax
};

struct EnforceEntry {
  EnforceSelector selector;
  EnforceAction action;
};

// nullopt with `error` set to a sentence naming what was expected.
std::optional<EnforceSelector> parse_enforce_selector(std::string_view text, std::string& error);
std::optional<EnforceAction> parse_enforce_action(std::string_view text, std::string& error);

// "EPERM" -> 1, "13" -> 13; nullopt for unknown names and numbers outside 1..4095.
std::optional<int> parse_errno(std::string_view text);

}  // namespace lanner::config
