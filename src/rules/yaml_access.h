#pragma once
// Two things yaml-cpp 0.7 does not offer through its public API, needed for load speed:
// wrapping a detail::node built from parser events into a Node (yaml_guard), and looking up a map
// key without the stringstream yaml-cpp builds on every miss (to name the key in a later
// InvalidNode error), which made optional-key lookups a visible share of the load time.
#include <string_view>

#include <yaml-cpp/node/detail/memory.h>
#include <yaml-cpp/node/detail/node.h>
#include <yaml-cpp/yaml.h>

namespace lanner::rules {

// A Node for a detail::node owned by `memory`, as yaml-cpp's own document builder makes it.
YAML::Node wrap_node(YAML::detail::node& node, const YAML::detail::shared_memory_holder& memory);

// Same result as `map[key]` on a const Node: the value of the first entry whose key is the scalar
// `key`, else the invalid ("zombie") node yaml-cpp returns, whose later use throws InvalidNode
// naming `key`. Nodes other than maps go through yaml-cpp's operator[] unchanged.
YAML::Node map_value(const YAML::Node& map, std::string_view key);

}  // namespace lanner::rules
