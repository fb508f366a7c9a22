#include "rules/yaml_guard.h"

#include <sstream>
#include <utility>

#include <yaml-cpp/eventhandler.h>

#include "rules/yaml_access.h"

namespace lanner::rules {

namespace {

struct CapReached {};

[[noreturn]] void inconsistent_events(const YAML::Mark& mark) {
  throw YAML::ParserException(mark, "inconsistent parser events");
}

// Builds one document from parser events the way YAML::LoadAll does (same node graph: aliases
// share their anchor's node, map entries in order, marks, tags and styles) and counts the events
// of the whole load, stopping it once the cap is exceeded.
class CappedDocumentBuilder : public YAML::EventHandler {
 public:
  CappedDocumentBuilder(uint64_t max_events, uint64_t& events, YAML::Mark& last)
      : max_(max_events), events_(events), last_(last), memory_(new YAML::detail::memory_holder) {
    anchors_.push_back(nullptr);  // anchor ids start at 1
  }

  YAML::Node root() const { return root_ ? wrap_node(*root_, memory_) : YAML::Node(); }

  void OnDocumentStart(const YAML::Mark& mark) override { count(mark); }
  void OnDocumentEnd() override { count(last_); }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count(mark);
    open(mark, anchor).set_null();
    close(mark);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count(mark);
    if (anchor >= anchors_.size() || !anchors_[anchor]) inconsistent_events(mark);
    push(*anchors_[anchor]);
    close(mark);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count(mark);
    YAML::detail::node& node = open(mark, anchor);
    node.set_scalar(value);
    node.set_tag(tag);
    close(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    count(mark);
    YAML::detail::node& node = open(mark, anchor);
    node.set_tag(tag);
    node.set_type(YAML::NodeType::Sequence);
    node.set_style(style);
  }
  void OnSequenceEnd() override {
    count(last_);
    close(last_);
  }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    count(mark);
    YAML::detail::node& node = open(mark, anchor);
    node.set_type(YAML::NodeType::Map);
    node.set_tag(tag);
    node.set_style(style);
    ++map_depth_;
  }
  void OnMapEnd() override {
    count(last_);
    if (map_depth_ == 0) inconsistent_events(last_);
    --map_depth_;
    close(last_);
  }

 private:
  struct PendingKey {
    YAML::detail::node* key;
    bool has_value_coming;  // the key itself is complete; the next closed node is its value
  };

  void count(const YAML::Mark& mark) {
    last_ = mark;
    if (++events_ > max_) throw CapReached{};
  }

  // A new node, registered under its anchor and made the innermost open node.
  YAML::detail::node& open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    YAML::detail::node& node = memory_->create_node();
    node.set_mark(mark);
    if (anchor) {
      if (anchor != anchors_.size()) inconsistent_events(mark);
      anchors_.push_back(&node);
    }
    push(node);
    return node;
  }

  void push(YAML::detail::node& node) {
    bool is_map_key = !stack_.empty() && stack_.back()->type() == YAML::NodeType::Map && keys_.size() < map_depth_;
    stack_.push_back(&node);
    if (is_map_key) keys_.push_back({&node, false});
  }

  // The innermost open node is complete: it becomes the root, a sequence entry, a map key or the
  // value of the pending key.
  void close(const YAML::Mark& mark) {
    if (stack_.empty()) inconsistent_events(mark);
    YAML::detail::node& node = *stack_.back();
    stack_.pop_back();
    if (stack_.empty()) {
      root_ = &node;
      return;
    }
    YAML::detail::node& parent = *stack_.back();
    if (parent.type() == YAML::NodeType::Sequence) {
      parent.push_back(node, memory_);
    } else if (parent.type() == YAML::NodeType::Map && !keys_.empty()) {
      PendingKey& key = keys_.back();
      if (!key.has_value_coming) {
        key.has_value_coming = true;
        return;
      }
      parent.insert(*key.key, node, memory_);
      keys_.pop_back();
    } else {
      inconsistent_events(mark);
    }
  }

  uint64_t max_;
  uint64_t& events_;
  YAML::Mark& last_;
  YAML::detail::shared_memory_holder memory_;
  YAML::detail::node* root_ = nullptr;
  std::vector<YAML::detail::node*> stack_;
  std::vector<YAML::detail::node*> anchors_;
  std::vector<PendingKey> keys_;
  size_t map_depth_ = 0;
};

}  // namespace

GuardedLoad load_all_guarded(const std::string& content, uint64_t max_events) {
  std::istringstream input(content);
  YAML::Parser parser(input);
  GuardedLoad result;
  result.last = YAML::Mark::null_mark();
  uint64_t events = 0;
  try {
    while (true) {
      CappedDocumentBuilder builder(max_events, events, result.last);
      if (!parser.HandleNextDocument(builder)) break;
      result.documents.push_back(builder.root());
    }
  } catch (const CapReached&) {
    result.terminated = false;
    result.documents.clear();
  }
  return result;
}

}  // namespace lanner::rules
