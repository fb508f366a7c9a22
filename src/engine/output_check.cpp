#include "engine/output_check.h"

#include "lang/compiler.h"
#include "lang/parser.h"

namespace lanner::engine {

namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

constexpr std::string_view kTransformers[] = {"tolower(", "toupper(", "b64(",   "basename(",
                                               "len(",     "join(",    "concat(", "getopt("};

OutputProblem error_at(size_t percent, size_t end, std::string message) {
  return OutputProblem{true, "LOAD_ERR_COMPILE_OUTPUT", std::move(message),
                       static_cast<uint32_t>(percent), static_cast<uint32_t>(end - percent)};
}

// A transformer token "name(...)" with balanced parentheses: checked by compiling "X exists".
size_t check_transformer(std::string_view out, size_t start, size_t percent,
                         const lang::FieldCatalog& catalog, std::vector<OutputProblem>& problems) {
  int depth = 0;
  size_t i = start;
  for (; i < out.size(); ++i) {
    if (out[i] == '(') ++depth;
    if (out[i] == ')' && --depth == 0) break;
  }
  if (i >= out.size()) {
    problems.push_back(error_at(percent, out.size(), "invalid formatting token '" +
                                std::string(out.substr(percent)) + "': unclosed transformer"));
    return out.size();
  }
  size_t end = i + 1;
  if (end < out.size() && out[end] == '[') {
    size_t close = out.find(']', end);
    if (close != std::string_view::npos) end = close + 1;
  }
  std::string token(out.substr(start, end - start));
  lang::ParseResult parsed = lang::parse_condition(token + " exists");
  std::string why;
  if (!parsed.ok()) {
    why = parsed.error->message;
  } else if (auto compiled = lang::compile_condition(*parsed.ast, catalog); !compiled.ok()) {
    why = compiled.error->message;
  }
  if (!why.empty()) {
    problems.push_back(error_at(percent, end, "invalid formatting token '%" + token + "': " + why));
  }
  return end;
}

// Returns the index just past the token starting after '%' (and any width digits) at `start`.
size_t check_token(std::string_view out, size_t start, size_t percent, const lang::FieldCatalog& catalog,
                   std::vector<OutputProblem>& problems) {
  for (std::string_view t : kTransformers) {
    if (out.substr(start, t.size()) == t) return check_transformer(out, start, percent, catalog, problems);
  }
  size_t end = start;
  while (end < out.size() && is_name_char(out[end])) ++end;
  std::string_view candidate = out.substr(start, end - start);
  if (candidate == "container.info") {
    problems.push_back(OutputProblem{false, "LOAD_DEPRECATED_ITEM",
                                     "%container.info is deprecated and prints nothing; use "
                                     "%container.name and %container.id",
                                     static_cast<uint32_t>(percent), 15});
    return end;
  }
  // Longest prefix that names a field: "%proc.namex" is proc.name followed by "x".
  for (size_t len = candidate.size(); len > 0; --len) {
    std::string_view name = candidate.substr(0, len);
    if (name.back() == '.' || !catalog.resolve(name)) continue;
    size_t after = start + len;
    std::string arg;
    bool has_arg = after < out.size() && out[after] == '[' && len == candidate.size();
    if (has_arg) {
      size_t close = out.find(']', after);
      if (close == std::string_view::npos) {
        problems.push_back(error_at(percent, out.size(), "invalid formatting token: missing ']'"));
        return out.size();
      }
      arg = std::string(out.substr(after + 1, close - after - 1));
      after = close + 1;
    }
    std::string why;
    auto ref = lang::resolve_field(catalog, name, has_arg ? &arg : nullptr, why);
    if (!ref) {
      problems.push_back(error_at(percent, after, "invalid formatting token '%" +
                                  std::string(out.substr(start, after - start)) + "': " + why));
    } else if (ref->info->flags & lang::kFieldFilterOnly) {
      problems.push_back(error_at(percent, after, "invalid formatting token '%" + std::string(name) +
                                  "': field can only be used in conditions"));
    }
    return after;
  }
  std::string why;
  lang::resolve_field(catalog, candidate, nullptr, why);
  if (candidate.empty()) why = "expected a field name after '%'";
  problems.push_back(error_at(percent, std::max(end, percent + 1), "invalid formatting token '%" +
                              std::string(candidate) + "': " + why));
  return std::max(end, start);
}

}  // namespace

std::vector<OutputProblem> check_output(std::string_view output, const lang::FieldCatalog& catalog) {
  std::vector<OutputProblem> problems;
  size_t i = 0;
  while ((i = output.find('%', i)) != std::string_view::npos) {
    size_t percent = i;
    size_t start = i + 1;
    while (start < output.size() && output[start] >= '0' && output[start] <= '9') ++start;
    i = check_token(output, start, percent, catalog, problems);
    if (i <= percent) i = percent + 1;
  }
  return problems;
}

}  // namespace lanner::engine
