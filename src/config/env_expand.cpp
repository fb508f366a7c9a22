#include "config/env_expand.h"

#include <cstdlib>

namespace lanner::config {

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    // getenv is only read here, at configuration load, before any thread mutates the environment.
    const char* v = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe)
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

std::string expand_env(std::string_view value, const EnvLookup& lookup) {
  std::string out;
  out.reserve(value.size());
  size_t i = 0;
  while (i < value.size()) {
    if (value.substr(i, 3) == "$${") {
      // Escape: drop one '$' and copy the rest of the `${...}` literally.
      size_t close = value.find('}', i + 3);
      size_t end = close == std::string_view::npos ? value.size() : close + 1;
      out.append(value.substr(i + 1, end - i - 1));
      i = end;
    } else if (value.substr(i, 2) == "${") {
      size_t close = value.find('}', i + 2);
      if (close == std::string_view::npos) {
        out.append(value.substr(i));
        break;
      }
      std::string name(value.substr(i + 2, close - i - 2));
      if (auto v = lookup(name)) out += *v;
      i = close + 1;
    } else {
      out += value[i++];
    }
  }
  return out;
}

}  // namespace lanner::config
