#include "lang/macro_resolver.h"

#include <algorithm>
#include <stdexcept>

namespace lanner::lang {

namespace {

struct Failure : std::runtime_error {
  Failure(const std::string& what, Span at) : std::runtime_error(what), span(at) {}
  Span span;
};

void set_spans(Node& n, Span span) {
  n.span = span;
  for (auto& c : n.children) set_spans(*c, span);
}

}  // namespace

struct MacroResolver::Expansion {
  std::vector<std::string> stack;  // macros being expanded, outermost first
  size_t nodes = 0;
  Span top_reference;              // span of the outermost reference being expanded
};

void MacroResolver::define(MacroDefinition macro) {
  expanded_.clear();  // a redefinition may change any cached expansion
  std::string name = macro.name;
  macros_[name] = std::move(macro);
}

std::optional<ResolveError> MacroResolver::resolve(NodePtr& ast, uint32_t visibility) {
  Expansion state;
  try {
    ast = expand(*ast, visibility, state);
  } catch (const Failure& f) {
    return ResolveError{f.what(), f.span};
  }
  return std::nullopt;
}

NodePtr MacroResolver::expand(const Node& node, uint32_t visibility, Expansion& state) {
  if (++state.nodes > limits_.max_nodes) {
    throw Failure("macro expansion exceeds " + std::to_string(limits_.max_nodes) + " nodes",
                  state.stack.empty() ? node.span : state.top_reference);
  }
  if (node.kind == NodeKind::kMacroRef) {
    Span at = state.stack.empty() ? node.span : state.top_reference;
    auto it = macros_.find(node.text);
    if (it == macros_.end() || it->second.index >= visibility) {
      throw Failure("Undefined macro '" + node.text + "' used in filter", at);
    }
    used_.insert(node.text);
    if (state.stack.empty()) state.top_reference = node.span;
    NodePtr copy = expanded_body(it->second, at, state).clone(at);
    state.nodes += copy->size();
    if (state.nodes > limits_.max_nodes) {
      throw Failure("macro expansion exceeds " + std::to_string(limits_.max_nodes) + " nodes", at);
    }
    return copy;
  }
  if (node.kind != NodeKind::kAnd && node.kind != NodeKind::kOr && node.kind != NodeKind::kNot) {
    return node.clone();  // checks contain no macro references
  }
  auto out = Node::make(node.kind, node.span, node.text);
  for (const auto& c : node.children) out->children.push_back(expand(*c, visibility, state));
  return out;
}

const Node& MacroResolver::expanded_body(const MacroDefinition& macro, Span at, Expansion& state) {
  if (auto cached = expanded_.find(macro.name); cached != expanded_.end()) return *cached->second;
  if (std::find(state.stack.begin(), state.stack.end(), macro.name) != state.stack.end()) {
    std::string chain;
    for (const auto& s : state.stack) chain += s + " -> ";
    throw Failure("reference loop in macro '" + macro.name + "': " + chain + macro.name, at);
  }
  if (state.stack.size() >= limits_.max_depth) {
    throw Failure("macro nesting deeper than " + std::to_string(limits_.max_depth) + " levels", at);
  }
  state.stack.push_back(macro.name);
  NodePtr body = expand(*macro.body, macro.visibility, state);
  state.stack.pop_back();
  // Cache only complete expansions: the result no longer depends on who asked.
  set_spans(*body, Span{});
  auto [it, inserted] = expanded_.emplace(macro.name, std::move(body));
  (void)inserted;
  return *it->second;
}

}  // namespace lanner::lang
