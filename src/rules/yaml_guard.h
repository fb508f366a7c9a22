#pragma once
// Guards yaml-cpp itself. yaml-cpp 0.7 can loop forever on some malformed inputs (found by
// fuzzing: a 42-byte file makes it emit null events endlessly while allocating), so the text is
// first run through the event parser with a cap on events; only input that parses within the cap
// is handed to YAML::LoadAll.
#include <cstdint>
#include <string>

#include <yaml-cpp/yaml.h>

namespace lanner::rules {

struct ParseCheck {
  bool terminated = true;
  YAML::Mark last;  // where the parser was when the cap was hit
};

// Legit YAML produces at most a few events per input byte; allow 4 per byte plus slack.
inline uint64_t max_yaml_events(size_t bytes) { return 4 * static_cast<uint64_t>(bytes) + 1024; }

// Throws YAML::Exception (syntax errors, yaml-cpp's nesting limit) like YAML::LoadAll would.
ParseCheck check_parser_terminates(const std::string& content, uint64_t max_events);

}  // namespace lanner::rules
