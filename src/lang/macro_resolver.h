#pragma once
// Macro resolution on the AST (falco-language.md 1.6): every bare identifier in check position is
// replaced by a clone of the named macro's (itself resolved) AST. A macro body may only use
// macros whose first-definition index is below its own visibility; rules see every macro.
// Reference loops and undefined names are errors; expansion is bounded in depth and size.
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lang/ast.h"

namespace lanner::lang {

struct MacroDefinition {
  std::string name;
  NodePtr body;             // parsed, not yet resolved
  uint32_t index = 0;       // first definition position
  uint32_t visibility = 0;  // may reference macros with index < visibility
};

struct ResolveError {
  std::string message;  // "Undefined macro 'x' used in filter"
  Span span;            // of the reference in the text being resolved
};

struct ResolveLimits {
  uint32_t max_depth = 64;        // nested macro references
  size_t max_nodes = 1u << 20;    // nodes produced by one resolve() call
};

inline constexpr uint32_t kSeeAllMacros = std::numeric_limits<uint32_t>::max();

// Holds the macro table and a cache of fully expanded macro bodies. Not thread-safe.
class MacroResolver {
 public:
  explicit MacroResolver(ResolveLimits limits = {}) : limits_(limits) {}

  // Later definitions of the same name replace earlier ones (the document is already merged).
  void define(MacroDefinition macro);

  // Replaces every macro reference in `ast`. `visibility` is kSeeAllMacros for rules. Nodes that
  // came from a macro take the span of the reference that brought them in, so errors found
  // later still point into the text that was resolved.
  std::optional<ResolveError> resolve(NodePtr& ast, uint32_t visibility = kSeeAllMacros);

  // Names of macros referenced by any successful or failed resolve() so far.
  const std::set<std::string>& used() const { return used_; }

 private:
  struct Expansion;
  NodePtr expand(const Node& node, uint32_t visibility, Expansion& state);
  const Node& expanded_body(const MacroDefinition& macro, Span at, Expansion& state);

  ResolveLimits limits_;
  std::map<std::string, MacroDefinition, std::less<>> macros_;
  std::map<std::string, NodePtr, std::less<>> expanded_;
  std::set<std::string> used_;
};

}  // namespace lanner::lang
