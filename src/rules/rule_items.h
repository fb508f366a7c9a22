#pragma once
// Raw items as read from one YAML rules file, before merging (yaml_reader -> collector).
// Each item keeps the spans the later stages need for diagnostics. Optional values say whether a
// key was present, which the override/append logic depends on.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "common/source_span.h"
#include "rules/rule_document.h"

namespace lanner::rules {

// A value of an exception's fields/comps/values: a scalar or a (possibly nested) sequence.
// Mirrors the shape of the YAML so expansion can tell `x` from `[x]`.
struct ExceptionEntry {
  bool is_list = false;
  std::string item;                    // when !is_list
  std::vector<ExceptionEntry> items;   // when is_list
  bool present = false;                // the key existed in the YAML

  // Falco's notion of "given": a non-empty scalar or a non-empty sequence.
  bool valid() const { return is_list ? !items.empty() : !item.empty(); }
};

struct RawException {
  std::string name;
  ExceptionEntry fields;
  ExceptionEntry comps;
  std::vector<ExceptionEntry> values;  // one entry per tuple (or per value in the scalar form)
  bool has_values = false;
  SourceSpan span;
};

struct RawEngineVersion {
  std::string version;  // normalised "x.y.z"
  SourceSpan span;
};

struct PluginRequirement {
  std::string name;
  std::string version;
};

// One entry of required_plugin_versions: any one of the alternatives satisfies it.
struct RawPluginVersions {
  std::vector<PluginRequirement> alternatives;
  SourceSpan span;
};

struct RawList {
  std::string name;
  std::vector<std::string> items;
  bool append = false;
  SourceSpan span;
};

struct RawMacro {
  std::string name;
  std::string condition;
  SourceSpan condition_span;
  bool append = false;
  SourceSpan span;
};

// A complete rule definition (no append/override).
struct RawRule {
  std::string name;
  std::string condition;
  SourceSpan condition_span;
  std::string output;
  SourceSpan output_span;
  std::string desc;
  Priority priority = Priority::kDebug;
  std::string source = "syscall";
  std::set<std::string> tags;
  bool enabled = true;
  bool warn_evttypes = true;
  bool skip_if_unknown_filter = false;
  bool capture = false;
  uint64_t capture_duration = 0;
  std::vector<RawException> exceptions;
  SourceSpan span;
};

// The keys of an `append: true` or `override:` rule item; absent keys are left unchanged.
struct RawRuleUpdate {
  enum class Mode { kAppend, kReplace };
  Mode mode = Mode::kAppend;
  std::string name;
  std::optional<std::string> condition;
  SourceSpan condition_span;
  std::optional<std::string> output;
  std::optional<std::string> desc;
  std::optional<std::set<std::string>> tags;
  std::optional<std::vector<RawException>> exceptions;
  std::optional<Priority> priority;
  std::optional<bool> enabled;
  std::optional<bool> warn_evttypes;
  std::optional<bool> skip_if_unknown_filter;
  std::optional<bool> capture;
  std::optional<uint64_t> capture_duration;
  SourceSpan span;

  bool has_any_value() const {
    return condition || output || desc || tags || exceptions || priority || enabled || warn_evttypes ||
           skip_if_unknown_filter || capture || capture_duration;
  }
};

// The deprecated standalone form `- rule: X\n  enabled: false`.
struct RawRuleEnable {
  std::string name;
  bool enabled = true;
  SourceSpan span;
};

using RawItem = std::variant<RawEngineVersion, RawPluginVersions, RawList, RawMacro, RawRule,
                             RawRuleUpdate, RawRuleEnable>;

}  // namespace lanner::rules
