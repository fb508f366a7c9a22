#include "rules/yaml_access.h"

#include <string>

namespace lanner::rules {
struct NodeAccessTag;
}  // namespace lanner::rules

namespace YAML {
// Node's constructors from a detail::node and for a missing key are private, and Node befriends
// every as_if<T, S>; this specialisation for a lanner-only tag is the one place that uses that.
template <>
struct as_if<lanner::rules::NodeAccessTag, void> {
  static Node wrap(detail::node& node, const detail::shared_memory_holder& memory) { return Node(node, memory); }
  static Node missing(const std::string& key) { return Node(Node::ZombieNode, key); }
  static detail::node& node_of(const Node& node) { return *node.m_pNode; }
  static const detail::shared_memory_holder& memory_of(const Node& node) { return node.m_pMemory; }
};
}  // namespace YAML

namespace lanner::rules {

using NodeAccess = YAML::as_if<NodeAccessTag, void>;

YAML::Node wrap_node(YAML::detail::node& node, const YAML::detail::shared_memory_holder& memory) {
  return NodeAccess::wrap(node, memory);
}

YAML::Node map_value(const YAML::Node& map, std::string_view key) {
  if (!map.IsDefined() || !map.IsMap()) return map[std::string(key)];
  // Walks the entries' detail::nodes: a Node pair per entry costs more than the comparison.
  const YAML::detail::node& entries = NodeAccess::node_of(map);
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    const auto& entry = *it;
    if (entry.first->type() == YAML::NodeType::Scalar && entry.first->scalar() == key) {
      return NodeAccess::wrap(const_cast<YAML::detail::node&>(*entry.second), NodeAccess::memory_of(map));
    }
  }
  return NodeAccess::missing(std::string(key));
}

}  // namespace lanner::rules
