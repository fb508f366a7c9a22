#pragma once
// Guards yaml-cpp itself. yaml-cpp 0.7 can loop forever on some malformed inputs (found by
// fuzzing: a 42-byte file makes it emit null events endlessly while allocating), so the parse is
// capped in events. The documents are built from the same, capped, event stream: the text is
// scanned once (scanning is most of yaml-cpp's cost) instead of once to check and once to load
// (except for very large inputs, see kMaxEventsBuiltInOnePass).
#include <cstdint>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace lanner::rules {

struct GuardedLoad {
  bool terminated = true;           // false: the cap was hit, `documents` is incomplete
  YAML::Mark last;                  // where the parser was when the cap was hit
  std::vector<YAML::Node> documents;  // what YAML::LoadAll returns for the same text
};

// Legit YAML produces at most a few events per input byte; allow 4 per byte plus slack.
inline uint64_t max_yaml_events(size_t bytes) { return 4 * static_cast<uint64_t>(bytes) + 1024; }

// Documents are built during the checking pass up to this many events (the largest upstream file
// has ~3k; a few MB of nodes); past it they are dropped and, once the parse is known to end, loaded
// by a second YAML::LoadAll pass. This keeps the memory of a non-terminating parse bounded.
inline constexpr uint64_t kMaxEventsBuiltInOnePass = 1u << 16;

// YAML::LoadAll with at most `max_events` parser events. Throws YAML::Exception (syntax errors,
// yaml-cpp's nesting limit) exactly like YAML::LoadAll.
GuardedLoad load_all_guarded(const std::string& content, uint64_t max_events,
                             uint64_t max_built_events = kMaxEventsBuiltInOnePass);

}  // namespace lanner::rules
