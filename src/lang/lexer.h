#pragma once
// Byte-level lexer for conditions. Each lex_* method tries to read one token class at the current
// position (after the caller skipped blanks); on success it advances and returns the token, on
// failure it leaves the position unchanged. Only lex_quoted_string can fail with an error
// (bad escape), reported through LexError.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "lang/token.h"

namespace lanner::lang {

// A lexical error at a byte offset (bad escape sequence, unterminated string).
struct LexError : std::runtime_error {
  LexError(const std::string& what, uint32_t at) : std::runtime_error(what), offset(at) {}
  uint32_t offset;
};

bool is_blank(char c);  // space, \t, \b, \r, \n, \v, \f

class Lexer {
 public:
  explicit Lexer(std::string_view input) : input_(input) {}

  uint32_t pos() const { return pos_; }
  bool at_end() const { return pos_ >= input_.size(); }
  std::string_view input() const { return input_; }
  // The next `n` characters (fewer at the end), for error messages.
  std::string_view peek(size_t n) const { return input_.substr(pos_, n); }

  bool skip_blanks();  // true if at least one blank was skipped
  // Consumes `word` if the input continues with it (plain prefix match, like libsinsp).
  std::optional<Token> lex_literal(std::string_view word, TokenKind kind = TokenKind::kPunct);
  // Consumes `word` only if a blank or one of `followers` comes next (the follower is not eaten).
  std::optional<Token> lex_word(std::string_view word, std::string_view followers);
  std::optional<Token> lex_identifier();
  std::optional<Token> lex_field_name();
  std::optional<Token> lex_field_arg();
  std::optional<Token> lex_number();
  std::optional<Token> lex_bare_string();
  std::optional<Token> lex_quoted_string();  // throws LexError on a bad escape

 private:
  Token make(TokenKind kind, uint32_t start, std::string text);
  size_t identifier_length(size_t at) const;

  std::string_view input_;
  uint32_t pos_ = 0;
};

// Unescapes the inside of a quoted string per Falco's rules (\b \f \n \r \t \\ "\ " \/ \xHH and
// the matching quote). Throws LexError with an offset relative to `base`.
std::string unescape_quoted(std::string_view body, char quote, uint32_t base);

}  // namespace lanner::lang
