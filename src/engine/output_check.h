#pragma once
// Load-time check of a rule's output template (falco-language.md 3): every `%` must start a
// field (longest prefix that resolves, optional width and [arg]) or a transformer. The full
// formatter lives in output/; this only reports what Falco would reject at load.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lang/field_catalog.h"

namespace lanner::engine {

struct OutputProblem {
  bool is_error = true;
  std::string code;      // LOAD_ERR_COMPILE_OUTPUT or LOAD_DEPRECATED_ITEM
  std::string message;   // contains "invalid formatting token" for unknown fields
  uint32_t offset = 0;   // of the '%' in the output text
  uint32_t length = 1;
};

std::vector<OutputProblem> check_output(std::string_view output, const lang::FieldCatalog& catalog);

}  // namespace lanner::engine
