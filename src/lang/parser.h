#pragma once
// Recursive-descent parser for Falco conditions (libsinsp grammar, see falco-language.md 2.1).
//
//   Expr        ::= Or
//   Or          ::= And ( "or" ( Blank And | "(" Expr ")" ) )*
//   And         ::= Not ( "and" ( Blank Not | "(" Expr ")" ) )*
//   Not         ::= ( "not" Blank+ )* ( "not(" Expr ")" | Check )    -- each "not" toggles
//   Check       ::= "(" Expr ")" | Operand Condition | Identifier    -- Identifier = macro
//   Operand     ::= Field | Transformer
//   Field       ::= FieldName ( "[" ( QuotedStr | FieldArgBare ) "]" )?
//   Transformer ::= TrName "(" TrArg ( "," TrArg )* ")" FieldArgSuffix?
//   TrName      ::= tolower | toupper | b64 | basename | len | join | concat | getopt
//   TrArg       ::= Transformer | Field | QuotedStr | Number | "(" TrArg ( "," TrArg )* ")"
//   Condition   ::= "exists"
//                 | NumOp ( Number | RhsOperand )
//                 | StrOp ( Modifier ListValue | RhsOperand | StrValue )
//                 | ListOp ( ListValue | RhsOperand )
//   NumOp       ::= "<=" | "<" | ">=" | ">"
//   StrOp       ::= "==" | "=" | "!=" | ( glob | iglob | contains | icontains | bcontains
//                   | startswith | bstartswith | endswith | regex ) Blank
//   ListOp      ::= "intersects" | "in" | "pmatch"
//   Modifier    ::= ( "oneof" | "anyof" | "allof" ) Blank     -- only before "(" or identifier
//   RhsOperand  ::= "val(" Field ")" | Transformer
//   ListValue   ::= "(" ( StrValue ( "," StrValue )* )? ")" | Identifier
//   StrValue    ::= QuotedStr | BareStr
//
// The whole input must be consumed. Recursion is bounded by a depth limit (deeply nested
// parentheses fail with an error instead of overflowing the stack).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lang/ast.h"

namespace lanner::lang {

inline constexpr uint32_t kDefaultMaxParseDepth = 1000;

struct ParseError {
  std::string message;  // Falco-like text, e.g. "expected a ')' token"
  uint32_t offset = 0;  // byte offset in the condition where parsing stopped
};

struct ParseResult {
  NodePtr ast;                      // null on error
  std::optional<ParseError> error;  // set on error
  bool ok() const { return ast != nullptr; }
};

// Parses one condition. Never throws.
ParseResult parse_condition(std::string_view text, uint32_t max_depth = kDefaultMaxParseDepth);

}  // namespace lanner::lang
