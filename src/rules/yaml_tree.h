#pragma once
// A rules file's YAML as a small read-only tree, built from libyaml's parser events.
// yaml-cpp's scanner and node building were three quarters of the time to load Falco's rule files;
// libyaml parses the same text several times faster, and this tree holds just what the readers use:
// scalar / sequence / mapping / null nodes with their 0-based line, byte column and byte offset.
//
// Hostile input stays bounded: an alias is the anchored node itself (shared, never copied), so the
// tree is linear in the input; the readers charge every visit, aliases included, to the load's
// LoadBudget. Nesting deeper than kMaxYamlDepth and more parser events than max_yaml_events()
// are parse errors. Building and destroying the tree never recurse.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lanner::rules {

enum class YamlKind : uint8_t { kNull, kScalar, kSequence, kMapping };

// 0-based line; column and offset count bytes (as yaml-cpp did; libyaml counts characters).
struct YamlMark {
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t offset = 0;
};

class YamlNode;

struct YamlEntry {
  const YamlNode* key;
  const YamlNode* value;
};

class YamlNode {
 public:
  YamlKind kind() const { return kind_; }
  // Null: an empty node, or an untagged plain `~`, `null`, `Null` or `NULL` (YAML 1.2 core schema).
  bool is_null() const { return kind_ == YamlKind::kNull; }
  bool is_scalar() const { return kind_ == YamlKind::kScalar; }
  bool is_sequence() const { return kind_ == YamlKind::kSequence; }
  bool is_map() const { return kind_ == YamlKind::kMapping; }
  // A scalar written without quotes or a block indicator (`|`, `>`).
  bool plain() const { return plain_; }
  const YamlMark& mark() const { return mark_; }

  // The scalar's value; empty for other kinds.
  std::string_view scalar() const { return text_; }
  // Entries of a sequence or a mapping; 0 for other kinds.
  size_t size() const { return count_; }
  std::span<const YamlNode* const> items() const;
  std::span<const YamlEntry> entries() const;
  // The value of the first entry whose key is the scalar `key`; nullptr when there is none or
  // this is not a mapping.
  const YamlNode* find(std::string_view key) const;

 private:
  friend class YamlTreeBuilder;

  YamlKind kind_ = YamlKind::kNull;
  bool plain_ = true;
  bool complete_ = false;  // while building: closed, so an alias may refer to it
  YamlMark mark_;
  uint32_t count_ = 0;
  uint64_t first_ = 0;        // while building: index of the first child/entry or text byte
  std::string_view text_;
  const void* children_ = nullptr;  // const YamlNode* const[] or const YamlEntry[], by kind
};

// All documents of one YAML stream. Movable; nodes keep their addresses when it moves.
class YamlStream {
 public:
  // The root of each document, in order (an empty document's root is a null node).
  const std::vector<const YamlNode*>& documents() const { return documents_; }
  size_t node_count() const { return nodes_.size(); }

 private:
  friend class YamlTreeBuilder;

  std::vector<YamlNode> nodes_;
  std::vector<const YamlNode*> items_;
  std::vector<YamlEntry> entries_;
  std::vector<char> text_;
  std::vector<const YamlNode*> documents_;
};

struct YamlParseError {
  std::string message;
  YamlMark mark;
};

struct YamlParse {
  YamlStream stream;                    // empty when `error` is set
  std::optional<YamlParseError> error;  // the first syntax error, or a limit exceeded
};

// Legit YAML produces at most a few events per input byte; allow 4 per byte plus slack. A guard
// kept from yaml-cpp days (it looped forever on some inputs); libyaml is not known to.
inline uint64_t max_yaml_events(size_t bytes) { return 4 * static_cast<uint64_t>(bytes) + 1024; }

// Far deeper than any rules file nests (4 levels), shallow enough that no reader walking the tree
// could exhaust a stack.
inline constexpr uint32_t kMaxYamlDepth = 1000;

YamlParse parse_yaml(std::string_view content, uint64_t max_events, uint32_t max_depth = kMaxYamlDepth);
inline YamlParse parse_yaml(std::string_view content) { return parse_yaml(content, max_yaml_events(content.size())); }

}  // namespace lanner::rules
