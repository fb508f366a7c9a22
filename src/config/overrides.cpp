#include "config/overrides.h"

#include <cctype>
#include <optional>
#include <vector>

namespace lanner::config {
namespace {

struct PathStep {
  std::string key;  // map key, if !is_index
  bool is_index = false;
  size_t index = 0;
};

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

// key := segment ('.' segment)* ; segment := name ('[' digits ']')*
std::optional<std::vector<PathStep>> parse_path(const std::string& key, std::string& error) {
  std::vector<PathStep> steps;
  size_t i = 0;
  while (true) {
    size_t start = i;
    while (i < key.size() && is_key_char(key[i])) ++i;
    if (i == start) {
      error = "expected a key name at position " + std::to_string(i + 1) + " of '" + key + "'";
      return std::nullopt;
    }
    steps.push_back({key.substr(start, i - start), false, 0});
    while (i < key.size() && key[i] == '[') {
      size_t close = key.find(']', i);
      std::string digits = close == std::string::npos ? "" : key.substr(i + 1, close - i - 1);
      if (digits.empty() || digits.size() > 9 ||
          digits.find_first_not_of("0123456789") != std::string::npos) {
        error = "expected a list index like [0] at position " + std::to_string(i + 1) + " of '" +
                key + "'";
        return std::nullopt;
      }
      steps.push_back({"", true, std::stoul(digits)});
      i = close + 1;
    }
    if (i == key.size()) return steps;
    if (key[i] != '.') {
      error = "unexpected '" + std::string(1, key[i]) + "' at position " + std::to_string(i + 1) +
              " of '" + key + "'";
      return std::nullopt;
    }
    ++i;
  }
}

std::string path_text(const std::vector<PathStep>& steps) {
  std::string out;
  for (const auto& s : steps) {
    if (s.is_index) {
      out += "[" + std::to_string(s.index) + "]";
    } else {
      if (!out.empty()) out += ".";
      out += s.key;
    }
  }
  return out;
}

// Node handles share data in yaml-cpp, so each level gets a fresh handle (never `a = b` on an
// existing handle, which would rebind the data it points to).
bool set_at(YAML::Node node, const std::vector<PathStep>& steps, size_t i, const YAML::Node& value,
            std::string& error) {
  const PathStep& step = steps[i];
  const bool last = i + 1 == steps.size();
  if (step.is_index) {
    if (!node.IsSequence()) {
      error = "'" + path_text({steps.begin(), steps.begin() + static_cast<long>(i)}) +
              "' is not a list";
      return false;
    }
    if (step.index > node.size()) {
      error = "list index " + std::to_string(step.index) + " is out of range (the list has " +
              std::to_string(node.size()) + " items)";
      return false;
    }
    if (step.index == node.size()) node.push_back(YAML::Node(YAML::NodeType::Null));
    if (last) {
      node[step.index] = value;
      return true;
    }
    if (steps[i + 1].is_index ? !node[step.index].IsSequence() : !node[step.index].IsMap()) {
      node[step.index] =
          YAML::Node(steps[i + 1].is_index ? YAML::NodeType::Sequence : YAML::NodeType::Map);
    }
    return set_at(node[step.index], steps, i + 1, value, error);
  }
  if (last) {
    node[step.key] = value;
    return true;
  }
  const bool want_seq = steps[i + 1].is_index;
  YAML::Node existing = node[step.key];
  if (want_seq ? !existing.IsSequence() : !existing.IsMap()) {
    // Only a missing or empty key is created; changing the kind of an existing value is a typo.
    if (existing.IsDefined() && !existing.IsNull()) {
      error = "'" + path_text({steps.begin(), steps.begin() + static_cast<long>(i) + 1}) +
              (want_seq ? "' is not a list" : "' is not a mapping");
      return false;
    }
    node[step.key] = YAML::Node(want_seq ? YAML::NodeType::Sequence : YAML::NodeType::Map);
  }
  return set_at(node[step.key], steps, i + 1, value, error);
}

}  // namespace

OverrideResult apply_override(YAML::Node& root, const std::string& key_equals_value) {
  OverrideResult result;
  size_t eq = key_equals_value.find('=');
  if (eq == std::string::npos) {
    result.error = "expected key=value, got '" + key_equals_value + "'";
    return result;
  }
  std::string key = key_equals_value.substr(0, eq);
  std::string value_text = key_equals_value.substr(eq + 1);
  auto steps = parse_path(key, result.error);
  if (!steps) return result;
  result.path = path_text(*steps);
  YAML::Node value;
  try {
    value = value_text.empty() ? YAML::Node(std::string()) : YAML::Load(value_text);
  } catch (const YAML::Exception& e) {
    result.error = "value of '" + key + "' is not valid YAML: " + e.msg;
    return result;
  }
  if (!root.IsMap()) root = YAML::Node(YAML::NodeType::Map);
  result.ok = set_at(root, *steps, 0, value, result.error);
  return result;
}

}  // namespace lanner::config
