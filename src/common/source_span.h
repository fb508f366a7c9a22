#pragma once
// A place in a source file, carried by every stage that can report a problem.
#include <cstdint>
#include <string>

namespace lanner {

struct SourceSpan {
  std::string file;    // path as given by the user; empty for text with no file (e.g. -o overrides)
  uint32_t line = 0;   // 1-based; 0 = unknown
  uint32_t column = 0; // 1-based; 0 = unknown
  uint32_t length = 0; // characters the caret underlines; 0 = one caret

  bool known() const { return line != 0; }
};

}  // namespace lanner
