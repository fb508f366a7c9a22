#include "lang/ast.h"

namespace lanner::lang {

NodePtr Node::make(NodeKind kind, Span span, std::string text) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  n->span = span;
  n->text = std::move(text);
  return n;
}

namespace {

// Every member but the children.
NodePtr copy_without_children(const Node& from) {
  auto n = std::make_unique<Node>();
  n->kind = from.kind;
  n->span = from.span;
  n->text = from.text;
  n->arg = from.arg;
  n->has_arg = from.has_arg;
  n->quoted = from.quoted;
  n->op = from.op;
  n->modifier = from.modifier;
  return n;
}

}  // namespace

NodePtr Node::clone() const {
  auto n = copy_without_children(*this);
  n->children.reserve(children.size());
  for (const auto& c : children) n->children.push_back(c->clone());
  return n;
}

NodePtr Node::clone(Span at) const {
  auto n = copy_without_children(*this);
  n->span = at;
  n->children.reserve(children.size());
  for (const auto& c : children) n->children.push_back(c->clone(at));
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
