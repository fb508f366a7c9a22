#include "lang/ast_print.h"

#include <cstdio>

namespace lanner::lang {

namespace {

bool needs_quotes(const std::string& v) {
  if (v.empty()) return true;
  for (char c : v) {
    auto u = static_cast<unsigned char>(c);
    if (c == '(' || c == ')' || c == '"' || c == '\'' || c == '=' || c == ',' || c == '\\' ||
        u <= ' ' || u >= 0x7f) {
      return true;
    }
  }
  // A bare value starting like a keyword-followed-by-blank cannot occur (no blanks), but a
  // leading "val(" or transformer name is only read as such with '(' which forces quotes above.
  return false;
}

void append_escaped(std::string& out, const std::string& v) {
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '"': out += "\\\""; break;
      // A backslash right before the closing quote would escape it; spell that one as \x5c.
      case '\\': out += (i + 1 == v.size()) ? "\\x5c" : "\\\\"; break;
      default:
        if (u < ' ' || u == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", u);
          out += buf;
        } else {
          out += c;
        }
    }
  }
}

void print(const Node& n, std::string& out);

void print_joined(const Node& n, const char* sep, std::string& out) {
  for (size_t i = 0; i < n.children.size(); ++i) {
    if (i) out += sep;
    print(*n.children[i], out);
  }
}

// Transformer arguments have no bare strings: literals stay quoted unless they were numbers.
void print_transformer_args(const Node& n, std::string& out) {
  for (size_t i = 0; i < n.children.size(); ++i) {
    if (i) out += ", ";
    const Node& arg = *n.children[i];
    if (arg.kind == NodeKind::kValue && arg.quoted) {
      out += '"';
      append_escaped(out, arg.text);
      out += '"';
    } else if (arg.kind == NodeKind::kList) {
      out += '(';
      print_transformer_args(arg, out);
      out += ')';
    } else {
      print(arg, out);
    }
  }
}

void print_arg(const Node& n, std::string& out) {
  if (!n.has_arg) return;
  out += '[';
  bool bare = !n.arg.empty() && n.arg.find_first_of("[]\"' \t\r\n\v\f\\") == std::string::npos;
  out += bare ? n.arg : quote_value(n.arg);
  out += ']';
}

void print(const Node& n, std::string& out) {
  switch (n.kind) {
    case NodeKind::kAnd:
      out += '(';
      print_joined(n, " and ", out);
      out += ')';
      break;
    case NodeKind::kOr:
      out += '(';
      print_joined(n, " or ", out);
      out += ')';
      break;
    case NodeKind::kNot:
      out += "not ";
      print(*n.children[0], out);
      break;
    case NodeKind::kCheck:
      print(*n.children[0], out);
      out += ' ';
      out += n.op;
      if (!n.modifier.empty()) out += " " + n.modifier;
      if (n.children.size() > 1) {
        out += ' ';
        print(*n.children[1], out);
      }
      break;
    case NodeKind::kMacroRef:
      out += n.text;
      break;
    case NodeKind::kField:
      out += n.text;
      print_arg(n, out);
      break;
    case NodeKind::kTransformer:
      out += n.text + "(";
      print_transformer_args(n, out);
      out += ')';
      print_arg(n, out);
      break;
    case NodeKind::kVal:
      out += "val(";
      print(*n.children[0], out);
      out += ')';
      break;
    case NodeKind::kValue:
      out += quote_value(n.text);
      break;
    case NodeKind::kList:
      out += '(';
      print_joined(n, ", ", out);
      out += ')';
      break;
  }
}

}  // namespace

std::string quote_value(const std::string& value) {
  if (!needs_quotes(value)) return value;
  std::string out = "\"";
  append_escaped(out, value);
  out += '"';
  return out;
}

std::string to_string(const Node& node) {
  std::string out;
  print(node, out);
  return out;
}

}  // namespace lanner::lang
