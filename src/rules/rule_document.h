#pragma once
// The contract between the rules-file stage (rules/: YAML -> merged items) and the engine stage
// (engine/: conditions -> compiled rule set). Everything here is final after all files, appends,
// overrides and enable toggles have been applied; conditions are still text, but list names are
// already substituted and exceptions already expanded, exactly as Falco does it textually
// (falco-language.md 1.4, 1.5), so the engine only parses, resolves macros and compiles.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/source_span.h"

namespace lanner::rules {

// Falco priorities, numerically ordered as Falco does (0 = most severe).
enum class Priority : uint8_t {
  kEmergency = 0, kAlert, kCritical, kError, kWarning, kNotice, kInformational, kDebug
};

// A condition text after list substitution / exception expansion, plus where it came from.
struct ConditionText {
  std::string text;          // what the engine parses
  SourceSpan span;           // the YAML `condition:` value (first definition or latest append)
  // For mapping a parse-error offset in `text` back to the YAML: the raw (pre-substitution)
  // condition as written, used to render the snippet when offsets no longer match.
  std::string original;
};

struct ListItem {
  std::string name;
  std::vector<std::string> items;  // after one-level list-in-list expansion
  uint32_t index = 0;              // definition order (kept on plain redefinition)
  SourceSpan span;
  bool used = false;
};

struct MacroItem {
  std::string name;
  ConditionText condition;
  uint32_t index = 0;        // first definition order
  uint32_t visibility = 0;   // latest define/append position: may reference macros with index < this
  SourceSpan span;
};

struct ExceptionItem {
  std::string name;
  std::vector<std::string> fields;
  std::vector<std::string> comps;
  std::vector<std::vector<std::vector<std::string>>> values;  // tuple -> field -> values
  bool scalar_form = false;
  SourceSpan span;
};

struct RuleItem {
  std::string name;
  std::string desc;
  ConditionText condition;   // exceptions already appended as "and not (...)"
  std::string output;        // trimmed
  SourceSpan output_span;
  Priority priority = Priority::kDebug;
  std::string source = "syscall";
  std::set<std::string> tags;
  bool enabled = true;
  bool warn_evttypes = true;
  bool skip_if_unknown_filter = false;
  bool capture = false;
  uint64_t capture_duration = 0;
  std::vector<ExceptionItem> exceptions;
  uint32_t index = 0;        // definition order (evaluation order)
  SourceSpan span;           // the `- rule:` key
};

struct RuleDocument {
  std::vector<ListItem> lists;     // in index order
  std::vector<MacroItem> macros;   // in index order
  std::vector<RuleItem> rules;     // in index order, syscall source only
  uint32_t skipped_rules = 0;      // rules of sources lanner does not implement (e.g. k8s_audit)
  std::string required_engine_version;  // highest requested, "" if none
};

}  // namespace lanner::rules
