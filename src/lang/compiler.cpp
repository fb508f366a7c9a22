#include "lang/compiler.h"

#include <re2/re2.h>

#include <algorithm>
#include <stdexcept>

#include "common/text.h"
#include "lang/ast_print.h"
#include "lang/checks.h"
#include "lang/compare.h"
#include "lang/operands.h"
#include "lang/value.h"

namespace lanner::lang {

namespace {

struct Failure : std::runtime_error {
  Failure(const std::string& what, Span at) : std::runtime_error(what), span(at) {}
  Span span;
};

std::string_view type_label(const FieldRef& ref) {
  return ref.info->type_name.empty() ? std::string_view("CHARBUF") : ref.info->type_name;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Numbers, strings, bools and addresses only compare within their own family.
int type_family(FieldType t) {
  switch (t) {
    case FieldType::kSigned: case FieldType::kUnsigned: return 0;
    case FieldType::kString: case FieldType::kBytes: return 1;
    case FieldType::kBool: return 2;
    case FieldType::kIpAddr: case FieldType::kIpNet: return 3;
  }
  return 4;
}

Modifier parse_modifier(const std::string& m) {
  if (m == "oneof") return Modifier::kOneOf;
  if (m == "anyof") return Modifier::kAnyOf;
  if (m == "allof") return Modifier::kAllOf;
  return Modifier::kNone;
}

class Compiler {
 public:
  Compiler(const FieldCatalog& catalog, std::vector<CompileMessage>& warnings,
           SharedSubexpressions* shared, CheckDispatch dispatch)
      : catalog_(catalog), warnings_(warnings), shared_(shared), dispatch_(dispatch) {}

  PredicateNodePtr compile(const Node& n) {
    PredicateNodePtr node = compile_unshared(n);
    // Rules share macros (connectives) and single checks alike (`container.id != host`); a
    // check costs an extraction and a comparison, many times the lookup.
    if (!shared_) return node;
    uint32_t id = shared_->intern(to_string(n));
    shared_slots_ = std::max(shared_slots_, id + 1);
    return make_shared_result(std::move(node), id);
  }

  uint32_t shared_slots() const { return shared_slots_; }
  uint32_t field_slots() const { return field_slots_; }

  // The whole condition is unique to its rule in practice: sharing it would only add a lookup.
  PredicateNodePtr compile_root(const Node& n) { return compile_unshared(n); }

 private:
  PredicateNodePtr compile_unshared(const Node& n) {
    switch (n.kind) {
      case NodeKind::kAnd:
      case NodeKind::kOr: {
        std::vector<PredicateNodePtr> children;
        for (const auto& c : n.children) children.push_back(compile(*c));
        return n.kind == NodeKind::kAnd ? make_and(std::move(children)) : make_or(std::move(children));
      }
      case NodeKind::kNot:
        return make_not(compile(*n.children[0]));
      case NodeKind::kCheck:
        return compile_check(n);
      case NodeKind::kMacroRef:
        throw Failure("Undefined macro '" + n.text + "' used in filter", n.span);
      default:
        throw Failure("expected a boolean expression", n.span);
    }
  }


 public:
  uint32_t slots() const { return slots_; }

 private:
  struct LhsInfo {
    OperandPtr operand;
    std::string label;          // for messages: "fd.num" / "tolower(proc.name)"
    std::string type_name;      // "INT64"
    bool is_evt_type = false;
  };

  LhsInfo compile_lhs(const Node& n) {
    LhsInfo lhs;
    lhs.label = to_string(n);
    if (n.kind == NodeKind::kField) {
      FieldRef ref = resolve(n);
      lhs.type_name = std::string(type_label(ref));
      lhs.is_evt_type = ref.info->name == "evt.type" && !ref.has_arg();
      lhs.operand = field_operand(n, std::move(ref));
    } else {
      lhs.operand = compile_operand(n);
      lhs.type_name = lhs.operand->type == FieldType::kUnsigned ? "UINT64" : "CHARBUF";
    }
    return lhs;
  }

  FieldRef resolve(const Node& field) {
    std::string error;
    auto ref = resolve_field(catalog_, field.text, field.has_arg ? &field.arg : nullptr, error);
    if (!ref) throw Failure(error, field.span);
    if (ref->info->flags & kFieldPrintOnly) {
      throw Failure("field '" + field.text + "' can only be used in outputs", field.span);
    }
    if (ref->info->flags & kFieldDeprecated) {
      warnings_.push_back({"LOAD_DEPRECATED_ITEM", "field '" + field.text + "' is deprecated", field.span});
    }
    // House rule: a field lanner cannot supply is reported at load, never silently false.
    if (!(ref->info->flags & kFieldSupplied)) {
      warnings_.push_back({"LOAD_COMPILE_CONDITION",
                           "field '" + field.text + "' is not supplied by lanner: it is always missing, "
                           "so checks on it are false (and 'not' of them true)",
                           field.span});
    }
    return *ref;
  }

  OperandPtr compile_operand(const Node& n) {
    switch (n.kind) {
      case NodeKind::kField:
        return field_operand(n, resolve(n));
      case NodeKind::kVal: {
        FieldRef ref = resolve(*n.children[0]);
        if (ref.info->flags & kFieldNoRhs) {
          throw Failure("field '" + n.children[0]->text + "' cannot be used with val()", n.span);
        }
        return field_operand(*n.children[0], std::move(ref));
      }
      case NodeKind::kTransformer:
        return compile_transformer(n);
      case NodeKind::kValue:
        return make_literal_operand(n.text, slots_++);
      default:
        throw Failure("expected a field, a transformer or a literal", n.span);
    }
  }

  OperandPtr compile_transformer(const Node& n);

  OperandPtr field_operand(const Node& field, FieldRef ref) {
    uint32_t shared_field = kNotSharedField;
    if (shared_) {
      shared_field = shared_->intern_field(to_string(field));
      field_slots_ = std::max(field_slots_, shared_field + 1);
    }
    return make_field_operand(std::move(ref), slots_++, shared_field);
  }

  PredicateNodePtr compile_check(const Node& n) {
    LhsInfo lhs = compile_lhs(*n.children[0]);
    auto op = parse_operator(n.op);
    if (!op) throw Failure("unknown operator '" + n.op + "'", n.span);
    if (*op == CmpOp::kExists) return make_exists(std::move(lhs.operand));
    FieldType type = lhs.operand->type;
    if (!operator_allowed(*op, type)) {
      throw Failure("operator '" + n.op + "' is not supported on field '" + lhs.label +
                    "' of type " + lhs.type_name, n.span);
    }
    const Node& rhs = *n.children[1];
    if (rhs.kind == NodeKind::kVal || rhs.kind == NodeKind::kTransformer) {
      OperandPtr right = compile_operand(rhs);
      if (type_family(right->type) != type_family(type)) {
        throw Failure("cannot compare field '" + lhs.label + "' with '" + to_string(rhs) +
                      "' of a different type", rhs.span);
      }
      return make_operand_check(std::move(lhs.operand), *op, std::move(right));
    }
    Modifier modifier = parse_modifier(n.modifier);
    if (modifier != Modifier::kNone && (is_list_operator(*op) || type_family(type) != 1)) {
      throw Failure("modifier '" + n.modifier + "' requires a string operator on a string field", n.span);
    }
    ConstantRhs constants = parse_constants(rhs, *op, lhs);
    return make_constant_check(std::move(lhs.operand), *op, modifier, std::move(constants), lhs.is_evt_type,
                               dispatch_);
  }

  ConstantRhs parse_constants(const Node& rhs, CmpOp op, const LhsInfo& lhs) {
    std::vector<const Node*> items;
    if (rhs.kind == NodeKind::kList) {
      for (const auto& c : rhs.children) items.push_back(c.get());
    } else {
      items.push_back(&rhs);
    }
    ConstantRhs out;
    out.storage.reserve(items.size());
    out.values.reserve(items.size());
    for (const Node* item : items) {
      out.storage.push_back(item->text);
      if (lhs.is_evt_type && !catalog_.is_event_type(item->text)) {
        throw Failure("unknown event type " + item->text, item->span);
      }
    }
    // Views into `storage` are taken only now that it will not reallocate.
    for (size_t i = 0; i < items.size(); ++i) {
      out.values.push_back(parse_constant(*items[i], out.storage[i], op, lhs, out));
    }
    return out;
  }

  RhsValue parse_constant(const Node& item, std::string& text, CmpOp op, const LhsInfo& lhs,
                          ConstantRhs& out) {
    RhsValue v;
    FieldType type = lhs.operand->type;
    v.value.type = type;
    auto bad = [&](const char* what) {
      return Failure("'" + item.text + "' is not a valid " + what + " for field '" + lhs.label +
                     "' of type " + lhs.type_name, item.span);
    };
    switch (type) {
      case FieldType::kString:
      case FieldType::kBytes:
        if (op == CmpOp::kBContains || op == CmpOp::kBStartsWith) {
          auto bytes = parse_hex_bytes(text);
          if (!bytes) throw bad("hex byte string");
          text = *bytes;
        }
        v.value.str = text;
        if (op == CmpOp::kRegex) {
          auto re = std::make_unique<re2::RE2>(text, re2::RE2::Quiet);
          if (!re->ok()) {
            throw Failure("invalid regular expression '" + text + "': " + re->error(), item.span);
          }
          v.regex = re.get();
          out.regexes.push_back(std::move(re));
        }
        break;
      case FieldType::kSigned: {
        auto n = parse_signed(text);
        if (!n) throw bad("number");
        v.value.num = *n;
        break;
      }
      case FieldType::kUnsigned: {
        auto n = parse_unsigned(text);
        if (!n) throw bad("number");
        v.value.num = static_cast<int64_t>(*n);
        break;
      }
      case FieldType::kBool: {
        auto b = parse_bool(text);
        if (!b) throw bad("boolean (true or false)");
        v.value.num = *b ? 1 : 0;
        break;
      }
      case FieldType::kIpAddr:
      case FieldType::kIpNet: {
        auto net = parse_cidr(text);
        if (!net) throw bad(type == FieldType::kIpNet ? "network (CIDR)" : "IP address");
        v.net = *net;
        break;
      }
    }
    return v;
  }

  const FieldCatalog& catalog_;
  std::vector<CompileMessage>& warnings_;
  SharedSubexpressions* shared_;
  CheckDispatch dispatch_;
  uint32_t slots_ = 0;
  uint32_t shared_slots_ = 0;
  uint32_t field_slots_ = 0;
};

struct TransformerSpec {
  std::string_view name;
  TransformKind kind;
};
constexpr TransformerSpec kTransformerSpecs[] = {
    {"tolower", TransformKind::kToLower}, {"toupper", TransformKind::kToUpper},
    {"b64", TransformKind::kB64},         {"basename", TransformKind::kBasename},
    {"len", TransformKind::kLen},         {"join", TransformKind::kJoin},
    {"concat", TransformKind::kConcat},   {"getopt", TransformKind::kGetopt},
};

OperandPtr Compiler::compile_transformer(const Node& n) {
  const TransformerSpec* spec = nullptr;
  for (const auto& s : kTransformerSpecs) {
    if (s.name == n.text) spec = &s;
  }
  if (!spec) throw Failure("unknown transformer '" + n.text + "'", n.span);
  auto fail = [&](const std::string& why) { return Failure("transformer '" + n.text + "' " + why, n.span); };
  std::vector<OperandPtr> args;
  for (const auto& c : n.children) {
    if (c->kind == NodeKind::kList) throw fail("does not take a list argument");
    args.push_back(compile_operand(*c));
  }
  size_t count = args.size();
  bool needs_option = spec->kind == TransformKind::kGetopt;
  if (n.has_arg != needs_option) {
    throw fail(needs_option ? "requires an option argument, e.g. getopt(proc.args, \"ab:\")[a]"
                            : "does not take a [..] argument");
  }
  FieldType result = FieldType::kString;
  switch (spec->kind) {
    case TransformKind::kToLower: case TransformKind::kToUpper: case TransformKind::kBasename:
      if (count != 1 || args[0]->type != FieldType::kString) throw fail("expects one string field");
      break;
    case TransformKind::kB64:
      if (count != 1 || type_family(args[0]->type) != 1) throw fail("expects one string or buffer field");
      result = args[0]->type;
      break;
    case TransformKind::kLen:
      if (count != 1 || (type_family(args[0]->type) != 1 && !args[0]->list)) {
        throw fail("expects one string, buffer or list field");
      }
      result = FieldType::kUnsigned;
      break;
    case TransformKind::kJoin:
      if (count != 2 || type_family(args[1]->type) != 1) throw fail("expects (separator, list field)");
      break;
    case TransformKind::kConcat:
      if (count < 2) throw fail("expects at least two arguments");
      for (const auto& a : args) {
        if (type_family(a->type) != 1) throw fail("expects string arguments");
      }
      break;
    case TransformKind::kGetopt:
      if (count != 2 || n.arg.size() != 1) throw fail("expects (list field, \"optstring\")[c]");
      break;
  }
  return make_transform_operand(spec->kind, std::move(args), n.arg, result, slots_++);
}

}  // namespace

std::optional<FieldRef> resolve_field(const FieldCatalog& catalog, std::string_view name,
                                      const std::string* arg, std::string& error) {
  auto ref = catalog.resolve(name);
  if (!ref) {
    // Only names of similar length can be within closest_match's typo budget (at most 4).
    std::vector<std::string_view> names;
    for (const FieldInfo& f : catalog.fields()) {
      size_t diff = f.name.size() > name.size() ? f.name.size() - name.size() : name.size() - f.name.size();
      if (diff <= 4) names.push_back(f.name);
    }
    std::string suggestion = closest_match(name, names);
    error = "nonexistent field '" + std::string(name) + "'";
    if (!suggestion.empty()) error += " (did you mean '" + suggestion + "'?)";
    return std::nullopt;
  }
  const FieldInfo& info = *ref->info;
  std::string label(name);
  if (arg) {
    if (ref->has_arg() || info.arg == FieldArgKind::kNone) {
      error = "field '" + label + "' does not take an argument";
      return std::nullopt;
    }
    if (info.arg == FieldArgKind::kIndexRequired || info.arg == FieldArgKind::kIndexOptional) {
      auto index = all_digits(*arg) ? parse_unsigned(*arg) : std::nullopt;
      if (!index || *index > static_cast<uint64_t>(INT64_MAX)) {
        error = "field '" + label + "' expects a numeric index, got '" + *arg + "'";
        return std::nullopt;
      }
      ref->index = static_cast<int64_t>(*index);
    } else {
      ref->arg = *arg;
      if (all_digits(*arg)) {
        if (auto index = parse_unsigned(*arg); index && *index <= static_cast<uint64_t>(INT64_MAX)) {
          ref->index = static_cast<int64_t>(*index);
        }
      }
    }
  } else if (!ref->has_arg() &&
             (info.arg == FieldArgKind::kIndexRequired || info.arg == FieldArgKind::kKeyRequired)) {
    error = "field '" + label + "' requires an argument";
    return std::nullopt;
  }
  return ref;
}

uint32_t SharedSubexpressions::intern(std::string canonical_text) {
  auto next = static_cast<uint32_t>(ids_.size());
  return ids_.try_emplace(std::move(canonical_text), next).first->second;
}

uint32_t SharedSubexpressions::intern_field(std::string field_text) {
  auto next = static_cast<uint32_t>(field_ids_.size());
  return field_ids_.try_emplace(std::move(field_text), next).first->second;
}

CompileResult compile_condition(const Node& ast, const FieldCatalog& catalog,
                                SharedSubexpressions* shared, CheckDispatch dispatch) {
  CompileResult result;
  try {
    Compiler compiler(catalog, result.warnings, shared, dispatch);
    PredicateNodePtr root = compiler.compile_root(ast);
    result.predicate = std::make_unique<Predicate>(std::move(root), compiler.slots(), compiler.shared_slots(),
                                                   compiler.field_slots());
  } catch (const Failure& f) {
    result.error = CompileMessage{"LOAD_ERR_COMPILE_CONDITION", f.what(), f.span};
  }
  return result;
}

}  // namespace lanner::lang
