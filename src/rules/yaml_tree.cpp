#include "rules/yaml_tree.h"

#include <yaml.h>

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <utility>

#include "rules/yaml_marks.h"

namespace lanner::rules {

std::span<const YamlNode* const> YamlNode::items() const {
  if (kind_ != YamlKind::kSequence) return {};
  return {static_cast<const YamlNode* const*>(children_), count_};
}

std::span<const YamlEntry> YamlNode::entries() const {
  if (kind_ != YamlKind::kMapping) return {};
  return {static_cast<const YamlEntry*>(children_), count_};
}

const YamlNode* YamlNode::find(std::string_view key) const {
  for (const YamlEntry& entry : entries()) {
    if (entry.key->is_scalar() && entry.key->scalar() == key) return entry.value;
  }
  return nullptr;
}

namespace {

struct ParseFailed {
  YamlParseError error;
};

// Owns one libyaml event for its scope.
class Event {
 public:
  Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event() {
    if (filled_) yaml_event_delete(&event_);
  }
  bool parse(yaml_parser_t& parser) {
    filled_ = yaml_parser_parse(&parser, &event_) != 0;
    return filled_;
  }
  const yaml_event_t& operator*() const { return event_; }

 private:
  yaml_event_t event_{};
  bool filled_ = false;
};

struct ParserDeleter {
  void operator()(yaml_parser_t* parser) const {
    yaml_parser_delete(parser);
    delete parser;
  }
};

constexpr size_t kMaxReservedNodes = 1u << 16;

bool is_null_word(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

std::string_view text_of(const unsigned char* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace

// Turns libyaml's event stream into a YamlStream: children of the open collections wait on one
// stack (pending_) and move to their final, contiguous place when their collection closes.
class YamlTreeBuilder {
 public:
  YamlTreeBuilder(std::string_view content, uint64_t max_events, uint32_t max_depth)
      : marks_(content), max_events_(max_events), max_depth_(max_depth) {
    // Rule files hold about one node per 40 bytes; growing the vector showed in profiles.
    stream_.nodes_.reserve(std::min<size_t>(content.size() / 32, kMaxReservedNodes));
  }

  YamlStream build(yaml_parser_t& parser) {
    for (bool more = true; more;) {
      Event event;
      if (!event.parse(parser)) throw ParseFailed{syntax_error(parser, marks_)};
      more = on_event(*event);
    }
    return finish();
  }

 private:
  struct Open {
    uint32_t node;
    size_t first_pending;
  };

  // False once the stream has ended.
  bool on_event(const yaml_event_t& e) {
    if (++events_ > max_events_) {
      fail("malformed YAML: more than " + std::to_string(max_events_) + " parser events for this input",
           e.start_mark);
    }
    switch (e.type) {
      case YAML_STREAM_END_EVENT: return false;
      case YAML_DOCUMENT_START_EVENT: anchors_.clear(); break;
      case YAML_DOCUMENT_END_EVENT: end_document(e.start_mark); break;
      case YAML_ALIAS_EVENT: on_alias(e); break;
      case YAML_SCALAR_EVENT: on_scalar(e); break;
      case YAML_SEQUENCE_START_EVENT: open(e, YamlKind::kSequence, e.data.sequence_start.anchor); break;
      case YAML_MAPPING_START_EVENT: open(e, YamlKind::kMapping, e.data.mapping_start.anchor); break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: close(e.start_mark); break;
      default: break;
    }
    return true;
  }

  [[noreturn]] void fail(std::string message, const yaml_mark_t& mark) {
    throw ParseFailed{{std::move(message), marks_.convert(mark)}};
  }

  uint32_t new_node(YamlKind kind, const yaml_event_t& e, const unsigned char* anchor) {
    auto id = static_cast<uint32_t>(stream_.nodes_.size());
    YamlNode& node = stream_.nodes_.emplace_back();
    node.kind_ = kind;
    node.mark_ = marks_.convert(e.start_mark);
    if (anchor) anchors_[reinterpret_cast<const char*>(anchor)] = id;
    return id;
  }

  void on_scalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    std::string_view value = text_of(s.value, s.length);
    bool plain = s.style == YAML_PLAIN_SCALAR_STYLE || s.style == YAML_ANY_SCALAR_STYLE;
    bool null = plain && !s.tag && is_null_word(value);
    uint32_t id = new_node(null ? YamlKind::kNull : YamlKind::kScalar, e, s.anchor);
    YamlNode& node = stream_.nodes_[id];
    node.plain_ = plain;
    node.complete_ = true;
    if (!null) {
      node.first_ = stream_.text_.size();
      text_sizes_.emplace_back(id, value.size());
      stream_.text_.insert(stream_.text_.end(), value.begin(), value.end());
    }
    add_child(id);
  }

  void on_alias(const yaml_event_t& e) {
    const char* name = reinterpret_cast<const char*>(e.data.alias.anchor);
    auto it = anchors_.find(name);
    if (it == anchors_.end()) fail("the referenced anchor is not defined", e.start_mark);
    // An alias inside its own anchor's collection would make the tree a cycle.
    if (!stream_.nodes_[it->second].complete_) fail("an alias cannot refer to a node that contains it", e.start_mark);
    add_child(it->second);
  }

  void open(const yaml_event_t& e, YamlKind kind, const unsigned char* anchor) {
    if (open_.size() >= max_depth_) {
      fail("YAML nesting is deeper than the limit of " + std::to_string(max_depth_) + " levels", e.start_mark);
    }
    uint32_t id = new_node(kind, e, anchor);
    stream_.nodes_[id].plain_ = false;
    open_.push_back({id, pending_.size()});
  }

  void close(const yaml_mark_t& mark) {
    if (open_.empty()) fail("inconsistent parser events", mark);
    Open top = open_.back();
    open_.pop_back();
    YamlNode& node = stream_.nodes_[top.node];
    size_t children = pending_.size() - top.first_pending;
    std::vector<uint32_t>& target = node.kind_ == YamlKind::kMapping ? entry_ids_ : item_ids_;
    node.first_ = target.size() / (node.kind_ == YamlKind::kMapping ? 2 : 1);
    node.count_ = static_cast<uint32_t>(node.kind_ == YamlKind::kMapping ? children / 2 : children);
    target.insert(target.end(), pending_.begin() + static_cast<std::ptrdiff_t>(top.first_pending), pending_.end());
    pending_.resize(top.first_pending);
    node.complete_ = true;
    add_child(top.node);
  }

  void add_child(uint32_t id) {
    if (open_.empty()) {
      root_ = id;
    } else {
      pending_.push_back(id);
    }
  }

  void end_document(const yaml_mark_t& mark) {
    if (!open_.empty() || !root_) fail("inconsistent parser events", mark);
    document_ids_.push_back(*root_);
    root_.reset();
  }

  // The node vector no longer grows: indices become pointers.
  YamlStream finish() {
    YamlStream& s = stream_;
    const YamlNode* nodes = s.nodes_.data();
    s.items_.reserve(item_ids_.size());
    for (uint32_t id : item_ids_) s.items_.push_back(nodes + id);
    s.entries_.reserve(entry_ids_.size() / 2);
    for (size_t i = 0; i + 1 < entry_ids_.size(); i += 2) s.entries_.push_back({nodes + entry_ids_[i], nodes + entry_ids_[i + 1]});
    for (const auto& [id, size] : text_sizes_) {
      YamlNode& node = s.nodes_[id];
      node.text_ = std::string_view(s.text_.data() + node.first_, size);
    }
    for (YamlNode& node : s.nodes_) {
      if (node.kind_ == YamlKind::kSequence) node.children_ = s.items_.data() + node.first_;
      if (node.kind_ == YamlKind::kMapping) node.children_ = s.entries_.data() + node.first_;
    }
    for (uint32_t id : document_ids_) s.documents_.push_back(nodes + id);
    return std::move(stream_);
  }

  ByteMarks marks_;
  uint64_t max_events_;
  uint32_t max_depth_;
  uint64_t events_ = 0;
  YamlStream stream_;
  std::unordered_map<std::string, uint32_t> anchors_;  // per document; a redefinition wins
  std::vector<Open> open_;
  std::vector<uint32_t> pending_;
  std::vector<uint32_t> item_ids_;
  std::vector<uint32_t> entry_ids_;  // key, value, key, value...
  std::vector<std::pair<uint32_t, size_t>> text_sizes_;
  std::vector<uint32_t> document_ids_;
  std::optional<uint32_t> root_;
};

YamlParse parse_yaml(std::string_view content, uint64_t max_events, uint32_t max_depth) {
  std::unique_ptr<yaml_parser_t, ParserDeleter> parser(new yaml_parser_t{});
  YamlParse result;
  if (!yaml_parser_initialize(parser.get())) {
    result.error = YamlParseError{"out of memory while parsing YAML", {}};
    return result;
  }
  yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char*>(content.data()), content.size());
  YamlTreeBuilder builder(content, max_events, max_depth);
  try {
    result.stream = builder.build(*parser);
  } catch (const ParseFailed& failed) {
    result.error = failed.error;
  }
  return result;
}

}  // namespace lanner::rules
