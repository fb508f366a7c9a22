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
// The `shared_field` a field operand was made with; kNotSharedField for other operands. Checks
// read a value already in EvalScratch::fields themselves, sparing the operand's virtual call.
uint32_t shared_field_of(const Operand& operand);
OperandPtr make_literal_operand(std::string text, uint32_t slot);
// `args` as written; for getopt `option` is the [c] suffix.
OperandPtr make_transform_operand(TransformKind kind, std::vector<OperandPtr> args,
                                  std::string option, FieldType result_type, uint32_t slot);

}  // namespace lanner::lang
