#include "output/template.h"

#include <arpa/inet.h>

#include <cctype>

#include "common/text.h"

namespace lanner::output {
namespace {

constexpr std::string_view kCompileError = "LOAD_ERR_COMPILE_OUTPUT";
constexpr std::string_view kDeprecatedToken = "container.info";

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

// Compiles one template, token by token; reports with the template's span.
class TemplateCompiler {
 public:
  TemplateCompiler(std::string_view text, const lang::FieldCatalog& catalog, Diagnostics& diags,
                   const SourceSpan& where)
      : text_(text), catalog_(catalog), diags_(diags), where_(where) {}

  std::optional<std::vector<TemplatePart>> run() {
    std::string literal;
    size_t i = 0;
    while (i < text_.size()) {
      if (text_[i] != '%') {
        literal += text_[i++];
        continue;
      }
      auto part = token(i);
      if (!part) return std::nullopt;
      if (part->is_field()) {
        flush(literal);
        parts_.push_back(std::move(*part));
      } else {
        literal += part->literal;  // a deprecated token rendered as text
      }
    }
    flush(literal);
    return std::move(parts_);
  }

 private:
  void flush(std::string& literal) {
    if (literal.empty()) return;
    TemplatePart p;
    p.literal = std::move(literal);
    parts_.push_back(std::move(p));
    literal.clear();
  }

  void report(Severity severity, std::string_view code, std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.code = std::string(code);
    d.message = std::move(message);
    d.span = where_;
    diags_.add(std::move(d));
  }

  // Parses the token starting at text_[pos] == '%'; advances pos past it.
  std::optional<TemplatePart> token(size_t& pos) {
    const size_t start = pos;
    size_t i = pos + 1;
    TemplatePart part;
    while (i < text_.size() && std::isdigit(static_cast<unsigned char>(text_[i])) != 0) {
      part.width = part.width * 10 + static_cast<uint32_t>(text_[i] - '0');
      if (part.width > 4096) part.width = 4096;  // a width is for alignment, not allocation
      ++i;
    }
    size_t run_end = i;
    while (run_end < text_.size() && is_name_char(text_[run_end])) ++run_end;
    std::string_view run = text_.substr(i, run_end - i);
    if (run.empty()) {
      report(Severity::kError, kCompileError,
             "invalid formatting token at offset " + std::to_string(start) +
                 ": expected a field name after '%' (there is no escape for a literal '%')");
      return std::nullopt;
    }
    size_t len = run.size();
    std::optional<lang::FieldRef> ref;
    for (; len > 0 && !ref; --len) {
      ref = catalog_.resolve(run.substr(0, len));
      if (ref) break;
    }
    // Blank whether or not the catalogue lists it (current Falco prints nothing for it).
    if (run.starts_with(kDeprecatedToken) && (!ref || len <= kDeprecatedToken.size())) {
      report(Severity::kWarning, "LOAD_DEPRECATED_ITEM",
             "%container.info at offset " + std::to_string(start) +
                 " is deprecated and prints nothing; use %container.name and %container.id");
      pos = i + kDeprecatedToken.size();
      return part;  // empty literal
    }
    if (!ref) {
      unknown_filter(start, run);
      return std::nullopt;
    }
    part.field = *ref;
    size_t end = i + len;
    if (!argument(part.field, end, start)) return std::nullopt;
    if ((part.field.info->flags & lang::kFieldFilterOnly) != 0) {
      report(Severity::kError, kCompileError,
             "field '" + std::string(part.field.info->name) + "' at offset " +
                 std::to_string(start) + " can be used in conditions only, not in outputs");
      return std::nullopt;
    }
    part.field_text = std::string(text_.substr(i, end - i));
    if ((part.field.info->flags & lang::kFieldDeprecated) != 0) {
      report(Severity::kWarning, "LOAD_DEPRECATED_ITEM",
             "field '" + std::string(part.field.info->name) + "' at offset " +
                 std::to_string(start) + " is deprecated");
    }
    pos = end;
    return part;
  }

  void unknown_filter(size_t start, std::string_view run) {
    std::vector<std::string_view> names;
    for (const auto& f : catalog_.fields()) names.push_back(f.name);
    std::string message = "unknown filter: '" + std::string(run) + "' at offset " +
                          std::to_string(start) + " is not a field";
    std::string hint = closest_match(run, names);
    if (!hint.empty()) message += " (did you mean '%" + hint + "'?)";
    report(Severity::kError, "LOAD_ERR_COMPILE_OUTPUT", message);
  }

  // Parses `[arg]` after a field when it takes one; `end` moves past it.
  bool argument(lang::FieldRef& ref, size_t& end, size_t start) {
    using lang::FieldArgKind;
    const FieldArgKind kind = ref.info->arg;
    const bool has_bracket = end < text_.size() && text_[end] == '[' && kind != FieldArgKind::kNone;
    const bool required = kind == FieldArgKind::kIndexRequired || kind == FieldArgKind::kKeyRequired;
    if (!has_bracket) {
      if (required && !ref.has_arg()) {
        report(Severity::kError, kCompileError,
               "field '" + std::string(ref.info->name) + "' at offset " + std::to_string(start) +
                   " requires an argument, e.g. %" + std::string(ref.info->name) +
                   (kind == FieldArgKind::kIndexRequired ? "[1]" : "[name]"));
        return false;
      }
      return true;
    }
    size_t close = text_.find(']', end);
    if (close == std::string_view::npos) {
      report(Severity::kError, kCompileError,
             "unterminated '[' after field '" + std::string(ref.info->name) + "' at offset " +
                 std::to_string(start));
      return false;
    }
    std::string arg(text_.substr(end + 1, close - end - 1));
    const bool is_index = kind == FieldArgKind::kIndexRequired || kind == FieldArgKind::kIndexOptional;
    if (is_index) {
      if (arg.empty() || arg.size() > 9 || arg.find_first_not_of("0123456789") != std::string::npos) {
        report(Severity::kError, kCompileError,
               "field '" + std::string(ref.info->name) + "' at offset " + std::to_string(start) +
                   " expects a numeric index in brackets, got '[" + arg + "]'");
        return false;
      }
      ref.index = std::stoll(arg);
    } else {
      ref.arg = arg;
    }
    end = close + 1;
    return true;
  }

  std::string_view text_;
  const lang::FieldCatalog& catalog_;
  Diagnostics& diags_;
  const SourceSpan& where_;
  std::vector<TemplatePart> parts_;
};

nlohmann::json value_to_json(const lang::FieldValue& v) {
  switch (v.type) {
    case lang::FieldType::kSigned: return v.num;
    case lang::FieldType::kUnsigned: return v.unsigned_num();
    case lang::FieldType::kBool: return v.num != 0;
    default: return value_to_text(v);
  }
}

}  // namespace

std::optional<OutputTemplate> OutputTemplate::compile(std::string_view text,
                                                      const lang::FieldCatalog& catalog,
                                                      Diagnostics& diags, const SourceSpan& where) {
  auto parts = TemplateCompiler(text, catalog, diags, where).run();
  if (!parts) return std::nullopt;
  OutputTemplate t;
  t.text_ = std::string(text);
  t.parts_ = std::move(*parts);
  return t;
}

std::string OutputTemplate::render(lang::FieldSource& source) const {
  std::string out;
  lang::FieldValues values;
  for (const auto& part : parts_) {
    if (!part.is_field()) {
      out += part.literal;
      continue;
    }
    const bool present = source.extract(part.field, values);
    std::string text = values_to_text(values, present);
    if (part.width != 0) text.resize(part.width, ' ');
    out += text;
  }
  return out;
}

void OutputTemplate::render_fields(lang::FieldSource& source, nlohmann::json& out) const {
  lang::FieldValues values;
  for (const auto& part : parts_) {
    if (!part.is_field()) continue;
    nlohmann::json& slot = out[part.field_text];
    if (!source.extract(part.field, values) || values.empty()) {
      slot = nullptr;
    } else if (values.size() == 1) {
      slot = value_to_json(values.front());
    } else {
      slot = nlohmann::json::array();
      for (const auto& v : values) slot.push_back(value_to_json(v));
    }
  }
}

std::string value_to_text(const lang::FieldValue& value) {
  switch (value.type) {
    case lang::FieldType::kSigned: return std::to_string(value.num);
    case lang::FieldType::kUnsigned: return std::to_string(value.unsigned_num());
    case lang::FieldType::kBool: return value.num != 0 ? "true" : "false";
    case lang::FieldType::kIpAddr:
    case lang::FieldType::kIpNet: {
      char buf[INET6_ADDRSTRLEN] = {};
      inet_ntop(value.ipv6 ? AF_INET6 : AF_INET, value.ip, buf, sizeof(buf));
      return buf;
    }
    case lang::FieldType::kString:
    case lang::FieldType::kBytes: return std::string(value.str);
  }
  return std::string(value.str);
}

std::string values_to_text(const lang::FieldValues& values, bool present) {
  if (!present || values.empty()) return "<NA>";
  if (values.size() == 1) return value_to_text(values.front());
  std::string out = "(";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += ",";
    out += value_to_text(values[i]);
  }
  return out + ")";
}

}  // namespace lanner::output
