#include "rules/yaml_guard.h"

#include <algorithm>
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

// Shared by the documents of one load.
struct EventBudget {
  uint64_t max_events;        // beyond this the parser is taken not to terminate
  uint64_t max_built_events;  // beyond this nodes are no longer built, events only counted
  uint64_t events = 0;
  YAML::Mark last = YAML::Mark::null_mark();

  bool building() const { return events <= max_built_events; }
};

// Builds one document from parser events the way YAML::LoadAll does (same node graph: aliases
// share their anchor's node, map entries in order, marks, tags and styles) and counts the events
// of the whole load, stopping it once the cap is exceeded. Past the building limit it drops what
// it built and only counts, so a non-terminating parse cannot pile up nodes until the cap.
class CappedDocumentBuilder : public YAML::EventHandler {
 public:
  explicit CappedDocumentBuilder(EventBudget& budget) : budget_(budget) {
    if (budget_.building()) memory_.reset(new YAML::detail::memory_holder);
    anchors_.push_back(nullptr);  // anchor ids start at 1
  }

  YAML::Node root() const { return root_ && memory_ ? wrap_node(*root_, memory_) : YAML::Node(); }

  void OnDocumentStart(const YAML::Mark& mark) override { count(mark); }
  void OnDocumentEnd() override { count(budget_.last); }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (!count(mark)) return;
    open(mark, anchor).set_null();
    close(mark);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (!count(mark)) return;
    if (anchor >= anchors_.size() || !anchors_[anchor]) inconsistent_events(mark);
    push(*anchors_[anchor]);
    close(mark);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (!count(mark)) return;
    YAML::detail::node& node = open(mark, anchor);
    node.set_scalar(value);
    node.set_tag(tag);
    close(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    if (!count(mark)) return;
    YAML::detail::node& node = open(mark, anchor);
    node.set_tag(tag);
    node.set_type(YAML::NodeType::Sequence);
    node.set_style(style);
  }
  void OnSequenceEnd() override {
    if (!count(budget_.last)) return;
    close(budget_.last);
  }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    if (!count(mark)) return;
    YAML::detail::node& node = open(mark, anchor);
    node.set_type(YAML::NodeType::Map);
    node.set_tag(tag);
    node.set_style(style);
    ++map_depth_;
  }
  void OnMapEnd() override {
    if (!count(budget_.last)) return;
    if (map_depth_ == 0) inconsistent_events(budget_.last);
    --map_depth_;
    close(budget_.last);
  }

 private:
  struct PendingKey {
    YAML::detail::node* key;
    bool has_value_coming;  // the key itself is complete; the next closed node is its value
  };

  // Counts the event; true while this builder is still building.
  bool count(const YAML::Mark& mark) {
    budget_.last = mark;
    if (++budget_.events > budget_.max_events) throw CapReached{};
    if (memory_ && !budget_.building()) drop_nodes();
    return memory_ != nullptr;
  }

  void drop_nodes() {
    root_ = nullptr;
    stack_.clear();
    anchors_.clear();
    keys_.clear();
    memory_.reset();
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

  EventBudget& budget_;
  YAML::detail::shared_memory_holder memory_;  // null once the building limit is passed
  YAML::detail::node* root_ = nullptr;
  std::vector<YAML::detail::node*> stack_;
  std::vector<YAML::detail::node*> anchors_;
  std::vector<PendingKey> keys_;
  size_t map_depth_ = 0;
};

}  // namespace

GuardedLoad load_all_guarded(const std::string& content, uint64_t max_events, uint64_t max_built_events) {
  std::istringstream input(content);
  YAML::Parser parser(input);
  EventBudget budget{max_events, std::min(max_events, max_built_events)};
  GuardedLoad result;
  try {
    while (true) {
      CappedDocumentBuilder builder(budget);
      if (!parser.HandleNextDocument(builder)) break;
      if (budget.building()) {
        result.documents.push_back(builder.root());
      } else {
        result.documents.clear();
      }
    }
  } catch (const CapReached&) {
    result.terminated = false;
    result.last = budget.last;
    result.documents.clear();
    return result;
  }
  // Too large to build in the checking pass: the parse is known to end, so load it as before.
  if (!budget.building()) result.documents = YAML::LoadAll(content);
  return result;
}

}  // namespace lanner::rules
