#pragma once
// Bounds on the work one load may do, so hostile rule files (YAML alias bombs: anchors expanded
// many times over; huge appends; list substitutions that multiply text) fail with a clear error
// in bounded time and memory. One budget per load_document call; not shared between threads.
#include <cstddef>
#include <cstdint>

#include "common/source_span.h"

namespace lanner::rules {

struct LoadLimits {
  // Far above the upstream corpus (all three current files: ~20k nodes, ~1 MB of scalars).
  uint64_t max_yaml_nodes = 2'000'000;       // YAML nodes visited, aliases counted each time
  uint64_t max_scalar_bytes = 64ull << 20;   // bytes of scalars decoded, aliases counted each time
  size_t max_list_items = 100'000;           // items of one list, after appends and expansion
  size_t max_condition_bytes = 4u << 20;     // one condition after appends/substitution
  uint32_t max_entry_depth = 8;              // nesting of exception values ([a, [b, c]] = 2)
};

class LoadBudget {
 public:
  explicit LoadBudget(LoadLimits limits = {}) : limits_(limits) {}

  // Counts visited nodes and decoded scalar bytes; false once either budget is exhausted
  // (cheap on purpose: it runs for every node, the span is only built on failure).
  bool charge(uint64_t nodes, size_t scalar_bytes);
  // Throws LoadError (LOAD_ERR_YAML_VALIDATE) at `where` naming the exhausted budget.
  [[noreturn]] void fail_exhausted(const SourceSpan& where) const;
  // Checks a size against a limit, naming what was measured in the message.
  void check_list_size(size_t items, const SourceSpan& where) const;
  void check_condition_size(size_t bytes, const SourceSpan& where) const;

  const LoadLimits& limits() const { return limits_; }

 private:
  LoadLimits limits_;
  uint64_t nodes_ = 0;
  uint64_t scalar_bytes_ = 0;
};

}  // namespace lanner::rules
