#include "lang/ast.h"

namespace lanner::lang {

NodePtr Node::make(NodeKind kind, Span span, std::string text) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  n->span = span;
  n->text = std::move(text);
  return n;
}

NodePtr Node::clone() const {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  n->span = span;
  n->text = text;
  n->arg = arg;
  n->has_arg = has_arg;
  n->quoted = quoted;
  n->op = op;
  n->modifier = modifier;
  n->children.reserve(children.size());
  for (const auto& c : children) n->children.push_back(c->clone());
  return n;
}

size_t Node::size() const {
  size_t n = 1;
  for (const auto& c : children) n += c->size();
  return n;
}

bool equal(const Node& a, const Node& b) {
  if (a.kind != b.kind || a.text != b.text || a.arg != b.arg || a.has_arg != b.has_arg ||
      a.op != b.op || a.modifier != b.modifier || a.children.size() != b.children.size()) {
    return false;
  }
  for (size_t i = 0; i < a.children.size(); ++i) {
    if (!equal(*a.children[i], *b.children[i])) return false;
  }
  return true;
}

}  // namespace lanner::lang
