// libFuzzer target: arbitrary bytes as a rules file -> rules::load_document. The loader must never
// crash, hang or grow without bound on any input (see rules/load_budget.h).
#include <cstddef>
#include <cstdint>
#include <string>

#include "rules/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  lanner::rules::SourceText file{"fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size)};
  lanner::Diagnostics diags;
  lanner::rules::RuleDocument doc = lanner::rules::load_document({file}, diags);
  // Touch the results so the work is not optimised away and render paths are exercised too.
  volatile size_t sink = doc.rules.size() + doc.macros.size() + doc.lists.size();
  sink = sink + lanner::render_text(diags).size();
  (void)sink;
  return 0;
}
