#pragma once
// One alert, as produced for a matched rule (or by lanner itself, `internal`), before formatting.
// Plain data; sinks format it (text line or JSON) according to FormatOptions.
#include <cstdint>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "rules/rule_document.h"

namespace lanner::output {

struct Alert {
  uint64_t time_ns = 0;              // event time, ns since the epoch
  std::string rule;
  rules::Priority priority = rules::Priority::kDebug;
  std::string source = "syscall";    // "internal" for lanner's own alerts
  std::set<std::string> tags;        // sorted, as Falco prints them
  std::string output;                // the rendered message (without time and priority)
  nlohmann::json output_fields = nlohmann::json::object();  // typed {field: value}
  std::string hostname;
  bool internal = false;             // lanner's own health alert (drops, losses)
};

// "Emergency" ... "Debug", Falco's spelling.
std::string_view priority_name(rules::Priority priority);

}  // namespace lanner::output
