#include "lang/parser.h"

#include <array>
#include <stdexcept>

#include "lang/lexer.h"

namespace lanner::lang {

namespace {

constexpr std::array<std::string_view, 4> kNumOps = {"<=", "<", ">=", ">"};
constexpr std::array<std::string_view, 3> kSymbolStrOps = {"==", "=", "!="};
constexpr std::array<std::string_view, 9> kWordStrOps = {
    "glob", "iglob", "contains", "icontains", "bcontains", "startswith", "bstartswith",
    "endswith", "regex"};
constexpr std::array<std::string_view, 3> kListOps = {"intersects", "in", "pmatch"};
constexpr std::array<std::string_view, 3> kModifiers = {"oneof", "anyof", "allof"};
constexpr std::array<std::string_view, 8> kTransformers = {
    "tolower", "toupper", "b64", "basename", "len", "join", "concat", "getopt"};

constexpr std::string_view kTransformerList =
    "'val', 'tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'";
constexpr std::string_view kOperatorList =
    "'exists', '<=', '<', '>=', '>', '==', '=', '!=', 'glob', 'iglob', 'contains', 'icontains', "
    "'bcontains', 'startswith', 'bstartswith', 'endswith', 'regex', 'intersects', 'in', 'pmatch'";

struct Failure : std::runtime_error {
  Failure(const std::string& what, uint32_t at) : std::runtime_error(what), offset(at) {}
  uint32_t offset;
};

Span span_between(uint32_t start, uint32_t end) { return Span{start, end - start}; }

class Parser {
 public:
  Parser(std::string_view text, uint32_t max_depth) : lex_(text), max_depth_(max_depth) {}

  NodePtr parse_all() {
    if (lex_.input().empty()) fail("filter input string is empty");
    NodePtr root = parse_or();
    if (!lex_.at_end()) fail("unexpected token after '" + last_ + "', expecting 'or', 'and'");
    return root;
  }

 private:
  // Named RAII guard bounding the recursion (style rule: guards are never temporaries).
  class DepthGuard {
   public:
    explicit DepthGuard(Parser& p) : p_(p) {
      if (++p_.depth_ >= p_.max_depth_) {
        p_.fail("exceeded max depth limit of " + std::to_string(p_.max_depth_));
      }
    }
    ~DepthGuard() { --p_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser& p_;
  };

  [[noreturn]] void fail(const std::string& message) { throw Failure(message, lex_.pos()); }

  std::optional<Token> took(std::optional<Token> t) {
    if (t) last_ = t->text;
    return t;
  }
  bool accept(std::string_view literal) { return took(lex_.lex_literal(literal)).has_value(); }
  void expect(std::string_view literal, const std::string& message) {
    if (!accept(literal)) fail(message);
  }

  // Or ::= And ( "or" ( Blank And | "(" Expr ")" ) )*
  NodePtr parse_or() {
    DepthGuard guard(*this);
    return parse_chain(NodeKind::kOr, "or", [this] { return parse_and(); });
  }

  // And ::= Not ( "and" ( Blank Not | "(" Expr ")" ) )*
  NodePtr parse_and() {
    DepthGuard guard(*this);
    return parse_chain(NodeKind::kAnd, "and", [this] { return parse_not(); });
  }

  template <typename Next>
  NodePtr parse_chain(NodeKind kind, std::string_view keyword, Next next) {
    lex_.skip_blanks();
    uint32_t start = lex_.pos();
    std::vector<NodePtr> children;
    children.push_back(next());
    lex_.skip_blanks();
    while (accept(keyword)) {
      if (lex_.skip_blanks()) {
        children.push_back(next());
      } else if (accept("(")) {
        children.push_back(parse_embedded_remainder());
      } else {
        fail("expected blank or '(' after '" + std::string(keyword) + "'");
      }
      lex_.skip_blanks();
    }
    if (children.size() == 1) return std::move(children[0]);
    const Node& last = *children.back();
    auto node = Node::make(kind, span_between(start, last.span.offset + last.span.length));
    node->children = std::move(children);
    return node;
  }

  // Not ::= ( "not" Blank+ )* ( "not(" Expr ")" | Check )
  NodePtr parse_not() {
    DepthGuard guard(*this);
    lex_.skip_blanks();
    uint32_t start = lex_.pos();
    bool negate = false;
    while (took(lex_.lex_word("not", ""))) {
      lex_.skip_blanks();
      negate = !negate;
    }
    NodePtr child;
    if (accept("not(")) {
      negate = !negate;
      child = parse_embedded_remainder();
    } else {
      child = parse_check();
    }
    if (!negate) return child;
    auto node = Node::make(NodeKind::kNot, span_between(start, child->span.offset + child->span.length));
    node->children.push_back(std::move(child));
    return node;
  }

  // The rest of "(" Expr ")" once "(" was read.
  NodePtr parse_embedded_remainder() {
    DepthGuard guard(*this);
    uint32_t open = lex_.pos() - 1;
    lex_.skip_blanks();
    NodePtr child = parse_or();
    lex_.skip_blanks();
    expect(")", "expected a ')' token");
    // Widen the child's span over the parentheses so errors point at the whole group.
    if (child->kind == NodeKind::kAnd || child->kind == NodeKind::kOr) {
      child->span = span_between(open, lex_.pos());
    }
    return child;
  }

  // Check ::= "(" Expr ")" | Operand Condition | Identifier
  NodePtr parse_check() {
    DepthGuard guard(*this);
    lex_.skip_blanks();
    if (accept("(")) return parse_embedded_remainder();
    if (NodePtr lhs = try_parse_operand()) return parse_condition(std::move(lhs));
    if (auto id = took(lex_.lex_identifier())) {
      return Node::make(NodeKind::kMacroRef, Span{id->offset, id->length}, id->text);
    }
    fail("expected a '(' token, a field check, or an identifier");
  }

  NodePtr try_parse_operand() {
    if (auto name = took(lex_.lex_field_name())) return parse_field_remainder(*name);
    return try_parse_transformer();
  }

  // Field ::= FieldName ( "[" ( QuotedStr | FieldArgBare ) "]" )?
  NodePtr parse_field_remainder(const Token& name) {
    DepthGuard guard(*this);
    auto field = Node::make(NodeKind::kField, Span{name.offset, name.length}, name.text);
    parse_optional_arg(*field);
    field->span.length = lex_.pos() - field->span.offset;
    return field;
  }

  void parse_optional_arg(Node& node) {
    if (!accept("[")) return;
    auto arg = took(lex_.lex_quoted_string());
    if (!arg) arg = took(lex_.lex_field_arg());
    if (!arg) fail("expected a valid field argument: a quoted string or a bare string");
    node.arg = arg->text;
    node.has_arg = true;
    expect("]", "expected a ']' token");
  }

  // Transformer ::= TrName "(" TrArg ( "," TrArg )* ")" FieldArgSuffix?
  NodePtr try_parse_transformer() {
    uint32_t start = lex_.pos();
    for (std::string_view name : kTransformers) {
      std::string_view ahead = lex_.peek(name.size() + 1);
      if (ahead.size() != name.size() + 1 || ahead.back() != '(' || ahead.substr(0, name.size()) != name) {
        continue;
      }
      took(lex_.lex_literal(name));
      accept("(");
      DepthGuard guard(*this);
      auto node = Node::make(NodeKind::kTransformer, Span{start, 0}, std::string(name));
      do {
        lex_.skip_blanks();
        node->children.push_back(parse_transformer_arg());
        lex_.skip_blanks();
      } while (accept(","));
      expect(")", "expected a ')' token closing the transformer");
      parse_optional_arg(*node);
      node->span.length = lex_.pos() - start;
      return node;
    }
    return nullptr;
  }

  // TrArg ::= Transformer | Field | QuotedStr | Number | "(" TrArg ( "," TrArg )* ")"
  NodePtr parse_transformer_arg() {
    DepthGuard guard(*this);
    uint32_t start = lex_.pos();
    if (NodePtr operand = try_parse_operand()) return operand;
    if (auto q = took(lex_.lex_quoted_string())) return make_value(*q);
    if (auto n = took(lex_.lex_number())) return make_value(*n);
    if (accept("(")) {
      auto list = Node::make(NodeKind::kList, Span{start, 0});
      do {
        lex_.skip_blanks();
        list->children.push_back(parse_transformer_arg());
        lex_.skip_blanks();
      } while (accept(","));
      expect(")", "expected a ')' token");
      list->span.length = lex_.pos() - start;
      return list;
    }
    fail("expected a field or a nested valid transformer: " + std::string(kTransformerList));
  }

  static NodePtr make_value(const Token& t) {
    auto v = Node::make(NodeKind::kValue, Span{t.offset, t.length}, t.text);
    v->quoted = t.kind == TokenKind::kQuotedString;
    return v;
  }

  // RhsOperand ::= "val(" Field ")" | Transformer
  NodePtr try_parse_rhs_operand() {
    DepthGuard guard(*this);
    lex_.skip_blanks();
    uint32_t start = lex_.pos();
    if (accept("val(")) {
      lex_.skip_blanks();
      auto name = took(lex_.lex_field_name());
      if (!name) fail("expected a field within 'val' transformer");
      auto val = Node::make(NodeKind::kVal, Span{start, 0});
      val->children.push_back(parse_field_remainder(*name));
      lex_.skip_blanks();
      expect(")", "expected a ')' token closing the transformer");
      val->span.length = lex_.pos() - start;
      return val;
    }
    return try_parse_transformer();
  }

  NodePtr make_check(NodePtr lhs, std::string op, NodePtr rhs) {
    uint32_t start = lhs->span.offset;
    auto check = Node::make(NodeKind::kCheck, span_between(start, lex_.pos()));
    check->op = std::move(op);
    check->children.push_back(std::move(lhs));
    if (rhs) check->children.push_back(std::move(rhs));
    return check;
  }

  // Condition ::= "exists" | NumOp ... | StrOp ... | ListOp ...
  NodePtr parse_condition(NodePtr lhs) {
    DepthGuard guard(*this);
    lex_.skip_blanks();
    if (accept("exists")) return make_check(std::move(lhs), "exists", nullptr);
    for (std::string_view op : kNumOps) {
      if (accept(op)) return make_check(std::move(lhs), std::string(op), parse_num_value());
    }
    for (std::string_view op : kSymbolStrOps) {
      if (accept(op)) return parse_str_condition(std::move(lhs), std::string(op));
    }
    for (std::string_view op : kWordStrOps) {
      if (took(lex_.lex_word(op, ""))) return parse_str_condition(std::move(lhs), std::string(op));
    }
    for (std::string_view op : kListOps) {
      if (accept(op)) return make_check(std::move(lhs), std::string(op), parse_list_value());
    }
    fail("expected a valid check operator: one of " + std::string(kOperatorList));
  }

  NodePtr parse_num_value() {
    DepthGuard guard(*this);
    lex_.skip_blanks();
    if (NodePtr rhs = try_parse_rhs_operand()) return rhs;
    if (auto n = took(lex_.lex_number())) return make_value(*n);
    fail("expected a number value or a field with a valid transformer: " +
         std::string(kTransformerList));
  }

  NodePtr parse_str_condition(NodePtr lhs, std::string op) {
    lex_.skip_blanks();
    if (std::string modifier = try_parse_modifier(); !modifier.empty()) {
      NodePtr list = parse_list_value();
      NodePtr check = make_check(std::move(lhs), std::move(op), std::move(list));
      check->modifier = std::move(modifier);
      return check;
    }
    return make_check(std::move(lhs), std::move(op), parse_str_value_or_operand());
  }

  // Modifier ::= ("oneof" | "anyof" | "allof") Blank, only when "(" or an identifier follows.
  std::string try_parse_modifier() {
    for (std::string_view m : kModifiers) {
      Lexer saved = lex_;
      if (!lex_.lex_word(m, "")) continue;
      lex_.skip_blanks();
      Lexer probe = lex_;
      if (probe.lex_literal("(") || probe.lex_identifier()) {
        last_ = std::string(m);
        return std::string(m);
      }
      lex_ = saved;
    }
    return {};
  }

  NodePtr parse_str_value_or_operand() {
    DepthGuard guard(*this);
    if (NodePtr rhs = try_parse_rhs_operand()) return rhs;
    if (NodePtr v = try_parse_str_value()) return v;
    fail("expected a string value or a field with a valid transformer: " +
         std::string(kTransformerList));
  }

  NodePtr try_parse_str_value() {
    lex_.skip_blanks();
    if (auto q = took(lex_.lex_quoted_string())) return make_value(*q);
    if (auto b = took(lex_.lex_bare_string())) return make_value(*b);
    return nullptr;
  }

  // ListValue ::= "(" ( StrValue ( "," StrValue )* )? ")" | Identifier, or an RhsOperand
  NodePtr parse_list_value() {
    DepthGuard guard(*this);
    lex_.skip_blanks();
    uint32_t start = lex_.pos();
    if (accept("(")) {
      auto list = Node::make(NodeKind::kList, Span{start, 0});
      if (NodePtr first = try_parse_str_value()) {
        list->children.push_back(std::move(first));
        lex_.skip_blanks();
        while (accept(",")) {
          NodePtr item = try_parse_str_value();
          if (!item) fail("expected a string value");
          list->children.push_back(std::move(item));
          lex_.skip_blanks();
        }
      }
      expect(")", "expected a ')' token");
      list->span.length = lex_.pos() - start;
      return list;
    }
    if (NodePtr rhs = try_parse_rhs_operand()) return rhs;
    if (auto id = took(lex_.lex_identifier())) {
      // A bare identifier names a list that was not substituted: it is the literal string.
      auto list = Node::make(NodeKind::kList, Span{id->offset, id->length});
      list->children.push_back(make_value(*id));
      return list;
    }
    fail("expected a list, an identifier, or a field with a valid transformer: " +
         std::string(kTransformerList));
  }

  Lexer lex_;
  uint32_t max_depth_;
  uint32_t depth_ = 0;
  std::string last_;
};

}  // namespace

ParseResult parse_condition(std::string_view text, uint32_t max_depth) {
  ParseResult result;
  try {
    Parser parser(text, max_depth);
    result.ast = parser.parse_all();
  } catch (const Failure& f) {
    result.error = ParseError{f.what(), f.offset};
  } catch (const LexError& e) {
    result.error = ParseError{e.what(), e.offset};
  }
  return result;
}

}  // namespace lanner::lang
