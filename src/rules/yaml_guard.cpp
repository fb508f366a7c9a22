#include "rules/yaml_guard.h"

#include <sstream>

#include <yaml-cpp/eventhandler.h>

namespace lanner::rules {

namespace {

struct CapReached {};

// Counts parser events and stops the parse once `max` is exceeded.
class EventCounter : public YAML::EventHandler {
 public:
  explicit EventCounter(uint64_t max) : max_(max) {}
  const YAML::Mark& last() const { return last_; }

  void OnDocumentStart(const YAML::Mark& mark) override { count(mark); }
  void OnDocumentEnd() override { count(last_); }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { count(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { count(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
    count(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    count(mark);
  }
  void OnSequenceEnd() override { count(last_); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    count(mark);
  }
  void OnMapEnd() override { count(last_); }

 private:
  void count(const YAML::Mark& mark) {
    last_ = mark;
    if (++events_ > max_) throw CapReached{};
  }

  uint64_t max_;
  uint64_t events_ = 0;
  YAML::Mark last_ = YAML::Mark::null_mark();
};

}  // namespace

ParseCheck check_parser_terminates(const std::string& content, uint64_t max_events) {
  std::istringstream input(content);
  YAML::Parser parser(input);
  EventCounter counter(max_events);
  try {
    while (parser.HandleNextDocument(counter)) {
    }
  } catch (const CapReached&) {
    return {false, counter.last()};
  }
  return {};
}

}  // namespace lanner::rules
