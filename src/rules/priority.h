#pragma once
// Falco priority names <-> rules::Priority.
#include <optional>
#include <string_view>

#include "rules/rule_document.h"

namespace lanner::rules {

// Case-insensitive match of Emergency..Debug; "info" is also accepted for Informational, as Falco
// does. nullopt for anything else (the caller reports "Invalid priority").
std::optional<Priority> parse_priority(std::string_view text);

// The title-case name Falco prints: "Informational", never "Info".
std::string_view priority_name(Priority p);

}  // namespace lanner::rules
