#pragma once
// The condition AST. One node type with a kind tag keeps cloning, printing and walking simple;
// which members are meaningful depends on the kind (documented per kind below). Every node
// carries the byte span of the text it came from, so later stages can point at it.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lanner::lang {

struct Span {
  uint32_t offset = 0;
  uint32_t length = 0;
};

enum class NodeKind : uint8_t {
  kAnd,          // children: 2+ operands, left to right
  kOr,           // children: 2+ operands
  kNot,          // children[0]
  kCheck,        // children[0] = LHS (kField/kTransformer); children[1] = RHS unless op is
                 // "exists"; op = operator text ("=", "in", ...); modifier = "" | oneof|anyof|allof
  kMacroRef,     // text = identifier
  kField,        // text = dotted name; arg/has_arg = [..] content
  kTransformer,  // text = tolower|toupper|b64|basename|len|join|concat|getopt; children = args;
                 // arg/has_arg = trailing [..] (getopt option)
  kVal,          // val(field): children[0] = kField
  kValue,        // text = literal value (unescaped); quoted = written in quotes
  kList,         // children = kValue items
};

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Node {
  NodeKind kind = NodeKind::kValue;
  Span span;
  std::string text;
  std::string arg;
  bool has_arg = false;
  bool quoted = false;
  std::string op;
  std::string modifier;
  std::vector<NodePtr> children;

  static NodePtr make(NodeKind kind, Span span, std::string text = {});
  NodePtr clone() const;
  // A deep copy in which every node has `span` (a macro body brought in by a reference).
  NodePtr clone(Span span) const;
  size_t size() const;  // number of nodes in this subtree
};

// Structural equality, ignoring spans (for tests and de-duplication).
bool equal(const Node& a, const Node& b);

}  // namespace lanner::lang
