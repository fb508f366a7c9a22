#include "lang/operands.h"

#include <cctype>

namespace lanner::lang {

namespace {

class FieldOperand final : public Operand {
 public:
  FieldOperand(FieldRef ref, uint32_t shared_field) : ref_(std::move(ref)), shared_field_(shared_field) {}
  SharedFieldRef shared() const {
    if (shared_field_ == kNotSharedField) return {};
    return {&ref_, shared_field_};
  }

  const FieldValues* eval(FieldSource& source, EvalScratch& scratch) const override {
    if (shared_field_ == kNotSharedField || scratch.event_generation == 0) {
      return source.extract_view(ref_, scratch.values[slot]);
    }
    return read_shared_field(ref_, shared_field_, source, scratch);
  }
  void add_fields(std::vector<const FieldRef*>& out) const override { out.push_back(&ref_); }

 private:
  FieldRef ref_;
  uint32_t shared_field_;
};

class LiteralOperand final : public Operand {
 public:
  explicit LiteralOperand(std::string text) : text_(std::move(text)) {}
  const FieldValues* eval(FieldSource&, EvalScratch& scratch) const override {
    FieldValues& out = scratch.values[slot];
    out.clear();
    FieldValue v;
    v.str = text_;
    out.push_back(v);
    return &out;
  }

 private:
  std::string text_;
};

int b64_index(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Base64 decode (padding optional). False on a character outside the alphabet.
bool b64_decode(std::string_view in, std::string& out) {
  out.clear();
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    int v = b64_index(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return true;
}

// POSIX-style getopt over an argv-like list (without argv[0]): the value of option `opt`,
// "" for a flag without argument; false if absent.
bool getopt_value(const FieldValues& args, std::string_view optstring, char opt, std::string& out) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i].str;
    if (a == "--") return false;
    if (a.size() < 2 || a[0] != '-') continue;
    for (size_t j = 1; j < a.size(); ++j) {
      size_t at = optstring.find(a[j]);
      bool takes_arg = at != std::string_view::npos && at + 1 < optstring.size() &&
                       optstring[at + 1] == ':';
      if (takes_arg) {
        std::string_view value = j + 1 < a.size() ? a.substr(j + 1)
                                 : (i + 1 < args.size() ? args[i + 1].str : std::string_view{});
        if (a[j] == opt) {
          out.assign(value);
          return true;
        }
        if (j + 1 >= a.size()) ++i;  // the value was the next argument
        break;
      }
      if (a[j] == opt && at != std::string_view::npos) {
        out.clear();
        return true;
      }
    }
  }
  return false;
}

class TransformOperand final : public Operand {
 public:
  TransformOperand(TransformKind kind, std::vector<OperandPtr> args, std::string option)
      : kind_(kind), args_(std::move(args)), option_(std::move(option)) {}

  const FieldValues* eval(FieldSource& source, EvalScratch& scratch) const override {
    switch (kind_) {
      case TransformKind::kJoin: return eval_join(source, scratch);
      case TransformKind::kConcat: return eval_concat(source, scratch);
      case TransformKind::kGetopt: return eval_getopt(source, scratch);
      case TransformKind::kLen: return eval_len(source, scratch);
      default: return eval_map(source, scratch);
    }
  }
  void add_fields(std::vector<const FieldRef*>& out) const override {
    for (const auto& arg : args_) arg->add_fields(out);
  }

 private:
  FieldValues& begin_output(EvalScratch& scratch, size_t texts) const {
    auto& buf = scratch.texts[slot];
    if (buf.size() < texts) buf.resize(texts);
    FieldValues& out = scratch.values[slot];
    out.clear();
    return out;
  }

  void push_text(FieldValues& out, const std::string& text) const {
    FieldValue v;
    v.type = type;
    v.str = text;
    out.push_back(v);
  }

  // tolower / toupper / b64 / basename: one output per input value.
  const FieldValues* eval_map(FieldSource& source, EvalScratch& scratch) const {
    const FieldValues* in = args_[0]->eval(source, scratch);
    if (!in) return nullptr;
    FieldValues& out = begin_output(scratch, in->size());
    auto& texts = scratch.texts[slot];
    for (size_t i = 0; i < in->size(); ++i) {
      std::string_view s = (*in)[i].str;
      if (kind_ == TransformKind::kBasename) {
        size_t slash = s.rfind('/');
        FieldValue v;
        v.type = type;
        v.str = slash == std::string_view::npos ? s : s.substr(slash + 1);
        out.push_back(v);
        continue;
      }
      std::string& text = texts[i];
      if (kind_ == TransformKind::kB64) {
        if (!b64_decode(s, text)) return nullptr;
      } else {
        text.assign(s);
        for (char& c : text) {
          auto u = static_cast<unsigned char>(c);
          c = static_cast<char>(kind_ == TransformKind::kToLower ? std::tolower(u) : std::toupper(u));
        }
      }
      push_text(out, text);
    }
    return &out;
  }

  const FieldValues* eval_len(FieldSource& source, EvalScratch& scratch) const {
    const FieldValues* in = args_[0]->eval(source, scratch);
    FieldValues& out = begin_output(scratch, 0);
    if (!in) {
      // An empty list field has length 0; a missing scalar stays missing.
      if (!args_[0]->list) return nullptr;
    }
    auto emit = [&](uint64_t n) {
      FieldValue v;
      v.type = FieldType::kUnsigned;
      v.num = static_cast<int64_t>(n);
      out.push_back(v);
    };
    if (args_[0]->list) {
      emit(in ? in->size() : 0);
    } else {
      for (const FieldValue& v : *in) emit(v.str.size());
    }
    return &out;
  }

  const FieldValues* eval_join(FieldSource& source, EvalScratch& scratch) const {
    const FieldValues* sep = args_[0]->eval(source, scratch);
    if (!sep) return nullptr;
    std::string_view separator = (*sep)[0].str;
    const FieldValues* in = args_[1]->eval(source, scratch);
    FieldValues& out = begin_output(scratch, 1);
    std::string& text = scratch.texts[slot][0];
    text.clear();
    if (in) {
      for (size_t i = 0; i < in->size(); ++i) {
        if (i) text += separator;
        text += (*in)[i].str;
      }
    }
    push_text(out, text);
    return &out;
  }

  const FieldValues* eval_concat(FieldSource& source, EvalScratch& scratch) const {
    begin_output(scratch, 1);
    std::string& text = scratch.texts[slot][0];
    text.clear();
    for (const auto& arg : args_) {
      const FieldValues* in = arg->eval(source, scratch);
      if (!in) return nullptr;
      text += (*in)[0].str;
    }
    FieldValues& out = scratch.values[slot];
    out.clear();
    push_text(out, text);
    return &out;
  }

  const FieldValues* eval_getopt(FieldSource& source, EvalScratch& scratch) const {
    const FieldValues* in = args_[0]->eval(source, scratch);
    if (!in) return nullptr;
    const FieldValues* opts = args_[1]->eval(source, scratch);
    if (!opts || option_.empty()) return nullptr;
    begin_output(scratch, 1);
    std::string& text = scratch.texts[slot][0];
    if (!getopt_value(*in, (*opts)[0].str, option_[0], text)) return nullptr;
    FieldValues& out = scratch.values[slot];
    out.clear();
    push_text(out, text);
    return &out;
  }

  TransformKind kind_;
  std::vector<OperandPtr> args_;
  std::string option_;
};

}  // namespace

SharedFieldRef shared_field_of(const Operand& operand) {
  const auto* field = dynamic_cast<const FieldOperand*>(&operand);
  return field ? field->shared() : SharedFieldRef{};
}

OperandPtr make_field_operand(FieldRef ref, uint32_t slot, uint32_t shared_field) {
  auto op = std::make_unique<FieldOperand>(ref, shared_field);
  op->type = ref.info->type;
  bool indexed = ref.has_arg();
  op->any_value = (ref.info->flags & kFieldAnyValue) != 0 && !indexed;
  op->list = (ref.info->flags & kFieldList) != 0;
  op->costly = (ref.info->flags & kFieldCostly) != 0;
  op->slot = slot;
  return op;
}

OperandPtr make_literal_operand(std::string text, uint32_t slot) {
  auto op = std::make_unique<LiteralOperand>(std::move(text));
  op->slot = slot;
  return op;
}

OperandPtr make_transform_operand(TransformKind kind, std::vector<OperandPtr> args,
                                  std::string option, FieldType result_type, uint32_t slot) {
  bool any = !args.empty() && args[0]->any_value;
  bool list = !args.empty() && args[0]->list;
  auto op = std::make_unique<TransformOperand>(kind, std::move(args), std::move(option));
  op->type = result_type;
  op->slot = slot;
  op->costly = true;  // builds text per event
  // Value-wise transformers keep the multi-value nature of their input.
  if (kind == TransformKind::kToLower || kind == TransformKind::kToUpper ||
      kind == TransformKind::kB64 || kind == TransformKind::kBasename) {
    op->any_value = any;
    op->list = list;
  } else if (kind == TransformKind::kLen) {
    op->any_value = any && !list;
  }
  return op;
}

}  // namespace lanner::lang
