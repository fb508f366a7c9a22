#pragma once
// Checker + compiler: turns a macro-resolved AST into a Predicate, resolving every field through
// the FieldCatalog, checking operators against field types (falco-language.md 2.3) and parsing
// every right-hand value once into the field's type. Stops at the first error, like Falco.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lang/ast.h"
#include "lang/field_catalog.h"
#include "lang/predicate.h"

namespace lanner::lang {

struct CompileMessage {
  std::string code;     // for warnings: e.g. "LOAD_DEPRECATED_ITEM"; errors: compile code
  std::string message;  // e.g. "nonexistent field 'proc.nam' (did you mean 'proc.name'?)"
  Span span;            // where in the condition text
};

struct CompileResult {
  std::unique_ptr<Predicate> predicate;   // null on error
  std::optional<CompileMessage> error;
  std::vector<CompileMessage> warnings;
  bool ok() const { return predicate != nullptr; }
};

// Sub-conditions that several rules contain (macros such as `open_read`, `spawned_process`),
// keyed by their canonical text: predicates compiled with the same table evaluate each of them
// once per event instead of once per rule, when the evaluator numbers events through
// EvalScratch::event_generation (engine::Engine does). Only needed while compiling.
// Fields are interned too (intern_field, by their text: `proc.aname[2]`): a field read by
// several checks is fetched from the FieldSource once per event (EvalScratch::fields).
class SharedSubexpressions {
 public:
  uint32_t intern(std::string canonical_text);
  uint32_t size() const { return static_cast<uint32_t>(ids_.size()); }
  uint32_t intern_field(std::string field_text);
  uint32_t field_count() const { return static_cast<uint32_t>(field_ids_.size()); }

 private:
  std::unordered_map<std::string, uint32_t> ids_;
  std::unordered_map<std::string, uint32_t> field_ids_;
};

// `shared` (optional) is the table of the rule set the condition belongs to. `dispatch`
// kGeneric is for tests comparing the specialised checks with the generic comparison.
CompileResult compile_condition(const Node& ast, const FieldCatalog& catalog,
                                SharedSubexpressions* shared = nullptr,
                                CheckDispatch dispatch = CheckDispatch::kSpecialised);

// Resolves `name` plus an optional bracket argument into a FieldRef, validating the argument
// against the field's FieldArgKind. On failure returns nullopt and sets `error` (unknown fields
// say "nonexistent field" and suggest the closest known name).
std::optional<FieldRef> resolve_field(const FieldCatalog& catalog, std::string_view name,
                                      const std::string* arg, std::string& error);

}  // namespace lanner::lang
