#pragma once
// Tokens of the condition language. The lexer is driven by the parser (the language is
// context-sensitive: `a.b` is a field name at the start of a check but a bare string after `=`),
// so each token kind has its own lex_* entry point in lang/lexer.h rather than one tokenize().
#include <cstdint>
#include <string>
#include <string_view>

namespace lanner::lang {

enum class TokenKind : uint8_t {
  kEnd,
  kIdentifier,   // [a-zA-Z]+[a-zA-Z0-9_]*
  kFieldName,    // identifier ( '.' identifier )+
  kFieldArg,     // bare text inside [ ]
  kQuotedString, // "..." or '...' (text holds the unescaped value)
  kBareString,   // [^()"'[:space:]=,]+
  kNumber,       // [+-]?[0-9]+\.?[0-9]*([eE][+-][0-9]+)?  or 0x...
  kOperator,     // = == != < <= > >= contains ... exists
  kPunct,        // ( ) [ ] ,
  kKeyword,      // and or not oneof anyof allof
};

std::string_view token_kind_name(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;     // token text; for quoted strings, the unescaped value
  uint32_t offset = 0;  // byte offset of the first character in the condition
  uint32_t length = 0;  // bytes of source text covered (including quotes)
};

}  // namespace lanner::lang
