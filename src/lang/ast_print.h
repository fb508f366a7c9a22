#pragma once
// Canonical text of an AST: `(a and b)`, `(a or b)`, `not a`, `field op value`, lists as
// `(x, y)`. Values are printed bare when the lexer would read them back unchanged, otherwise
// double-quoted with escapes, so the output always parses back to an equal AST.
#include <string>

#include "lang/ast.h"

namespace lanner::lang {

std::string to_string(const Node& node);

// A value as it would be written in a condition (bare or quoted+escaped).
std::string quote_value(const std::string& value);

}  // namespace lanner::lang
