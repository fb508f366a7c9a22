#pragma once
// Run-time operands: field extraction, literals and the transformers of falco-language.md 2.5.
#include <string>
#include <vector>

#include "lang/predicate.h"

namespace lanner::lang {

enum class TransformKind : uint8_t {
  kToLower, kToUpper, kB64, kBasename, kLen, kJoin, kConcat, kGetopt,
};

// `shared_field`: the field's SharedSubexpressions::intern_field id, or kNotSharedField.
constexpr uint32_t kNotSharedField = UINT32_MAX;
OperandPtr make_field_operand(FieldRef ref, uint32_t slot, uint32_t shared_field = kNotSharedField);
// A field operand's field and `shared_field`, or nullptr for other operands and for fields
// without a shared id. Checks read such fields themselves (read_shared_field), sparing the
// operand's virtual call.
struct SharedFieldRef {
  const FieldRef* ref = nullptr;
  uint32_t id = kNotSharedField;
};
SharedFieldRef shared_field_of(const Operand& operand);

// A field's values from the per-event cache of shared fields (EvalScratch::fields), extracted
// on the first read of the event; nullptr = missing. Needs a non-zero event generation.
inline const FieldValues* read_shared_field(const FieldRef& ref, uint32_t id, FieldSource& source,
                                            EvalScratch& scratch) {
  EvalScratch::SharedField& f = scratch.fields[id];
  if (f.generation != scratch.event_generation) {
    // Into the field's own buffer, not the operand's slot: slots are reused by other rules'
    // operands. extract(), not extract_view(): this cache already extracts once per event.
    f.present = source.extract(ref, f.values) && !f.values.empty();
    f.generation = scratch.event_generation;
  }
  return f.get();
}
OperandPtr make_literal_operand(std::string text, uint32_t slot);
// `args` as written; for getopt `option` is the [c] suffix.
OperandPtr make_transform_operand(TransformKind kind, std::vector<OperandPtr> args,
                                  std::string option, FieldType result_type, uint32_t slot);

}  // namespace lanner::lang
