#include "lang/lexer.h"

#include <cctype>

namespace lanner::lang {

namespace {

bool is_posix_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) { return is_alpha(c) || is_digit(c) || c == '_'; }
bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_bare_char(char c) {
  return !(c == '(' || c == ')' || c == '"' || c == '\'' || c == '=' || c == ',' || is_posix_space(c));
}
bool is_field_arg_char(char c) {
  return !(c == '[' || c == ']' || c == '"' || c == '\'' || is_posix_space(c));
}

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  return (std::tolower(static_cast<unsigned char>(c)) - 'a') + 10;
}

}  // namespace

std::string_view token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd: return "end of input";
    case TokenKind::kIdentifier: return "identifier";
    case TokenKind::kFieldName: return "field name";
    case TokenKind::kFieldArg: return "field argument";
    case TokenKind::kQuotedString: return "quoted string";
    case TokenKind::kBareString: return "bare string";
    case TokenKind::kNumber: return "number";
    case TokenKind::kOperator: return "operator";
    case TokenKind::kPunct: return "punctuation";
    case TokenKind::kKeyword: return "keyword";
  }
  return "token";
}

bool is_blank(char c) { return c == '\b' || is_posix_space(c); }

Token Lexer::make(TokenKind kind, uint32_t start, std::string text) {
  Token t;
  t.kind = kind;
  t.text = std::move(text);
  t.offset = start;
  t.length = pos_ - start;
  return t;
}

bool Lexer::skip_blanks() {
  uint32_t start = pos_;
  while (pos_ < input_.size() && is_blank(input_[pos_])) ++pos_;
  return pos_ != start;
}

std::optional<Token> Lexer::lex_literal(std::string_view word, TokenKind kind) {
  if (input_.substr(pos_, word.size()) != word) return std::nullopt;
  uint32_t start = pos_;
  pos_ += static_cast<uint32_t>(word.size());
  return make(kind, start, std::string(word));
}

std::optional<Token> Lexer::lex_word(std::string_view word, std::string_view followers) {
  if (input_.substr(pos_, word.size()) != word) return std::nullopt;
  size_t next = pos_ + word.size();
  if (next < input_.size()) {
    char c = input_[next];
    if (!is_blank(c) && followers.find(c) == std::string_view::npos) return std::nullopt;
  } else if (followers.find('\0') == std::string_view::npos) {
    return std::nullopt;
  }
  return lex_literal(word, TokenKind::kKeyword);
}

size_t Lexer::identifier_length(size_t at) const {
  if (at >= input_.size() || !is_alpha(input_[at])) return 0;
  size_t end = at;
  while (end < input_.size() && is_ident_char(input_[end])) ++end;
  return end - at;
}

std::optional<Token> Lexer::lex_identifier() {
  size_t len = identifier_length(pos_);
  if (len == 0) return std::nullopt;
  uint32_t start = pos_;
  pos_ += static_cast<uint32_t>(len);
  return make(TokenKind::kIdentifier, start, std::string(input_.substr(start, len)));
}

std::optional<Token> Lexer::lex_field_name() {
  size_t end = pos_ + identifier_length(pos_);
  if (end == pos_) return std::nullopt;
  size_t segments = 1;
  // Longest match: keep taking ".segment" while a segment follows the dot.
  while (end < input_.size() && input_[end] == '.') {
    size_t seg = identifier_length(end + 1);
    if (seg == 0) break;
    end += 1 + seg;
    ++segments;
  }
  if (segments < 2) return std::nullopt;
  uint32_t start = pos_;
  pos_ = static_cast<uint32_t>(end);
  return make(TokenKind::kFieldName, start, std::string(input_.substr(start, end - start)));
}

std::optional<Token> Lexer::lex_field_arg() {
  size_t end = pos_;
  while (end < input_.size() && is_field_arg_char(input_[end])) ++end;
  if (end == pos_) return std::nullopt;
  uint32_t start = pos_;
  pos_ = static_cast<uint32_t>(end);
  return make(TokenKind::kFieldArg, start, std::string(input_.substr(start, end - start)));
}

std::optional<Token> Lexer::lex_number() {
  size_t i = pos_;
  const size_t n = input_.size();
  if (i + 2 < n && input_[i] == '0' && (input_[i + 1] == 'x' || input_[i + 1] == 'X') &&
      std::isalnum(static_cast<unsigned char>(input_[i + 2]))) {
    i += 2;
    while (i < n && std::isalnum(static_cast<unsigned char>(input_[i]))) ++i;
  } else {
    if (i < n && (input_[i] == '+' || input_[i] == '-')) ++i;
    size_t digits = i;
    while (i < n && is_digit(input_[i])) ++i;
    if (i == digits) return std::nullopt;
    if (i < n && input_[i] == '.') ++i;
    while (i < n && is_digit(input_[i])) ++i;
    if (i + 2 < n && (input_[i] == 'e' || input_[i] == 'E') &&
        (input_[i + 1] == '+' || input_[i + 1] == '-') && is_digit(input_[i + 2])) {
      i += 2;
      while (i < n && is_digit(input_[i])) ++i;
    }
  }
  uint32_t start = pos_;
  pos_ = static_cast<uint32_t>(i);
  return make(TokenKind::kNumber, start, std::string(input_.substr(start, i - start)));
}

std::optional<Token> Lexer::lex_bare_string() {
  size_t end = pos_;
  while (end < input_.size() && is_bare_char(input_[end])) ++end;
  if (end == pos_) return std::nullopt;
  uint32_t start = pos_;
  pos_ = static_cast<uint32_t>(end);
  return make(TokenKind::kBareString, start, std::string(input_.substr(start, end - start)));
}

std::optional<Token> Lexer::lex_quoted_string() {
  if (at_end()) return std::nullopt;
  char quote = input_[pos_];
  if (quote != '"' && quote != '\'') return std::nullopt;
  // The closing quote is the first quote character not preceded by a backslash (Falco's rule:
  // so a quoted string can never end with an escaped backslash).
  size_t i = pos_ + 1;
  char prev = '\0';
  while (i < input_.size() && !(input_[i] == quote && prev != '\\')) {
    prev = input_[i];
    ++i;
  }
  if (i >= input_.size()) return std::nullopt;  // unterminated: not a quoted string
  uint32_t start = pos_;
  std::string value = unescape_quoted(input_.substr(start + 1, i - start - 1), quote, start + 1);
  pos_ = static_cast<uint32_t>(i + 1);
  return make(TokenKind::kQuotedString, start, std::move(value));
}

std::string unescape_quoted(std::string_view body, char quote, uint32_t base) {
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\') {
      out += body[i];
      continue;
    }
    uint32_t at = base + static_cast<uint32_t>(i);
    if (++i >= body.size()) throw LexError("unterminated escape sequence in quoted string", at);
    char c = body[i];
    switch (c) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case ' ':   // legacy quirk: "\ " means a backslash (used upstream)
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case '"':
      case '\'':
        if (c != quote) {
          throw LexError(c == '"' ? "invalid \\\" escape in '-quoted string"
                                  : "invalid \\' escape in \"-quoted string", at);
        }
        out += c;
        break;
      case 'x':
        if (i + 2 >= body.size() || !is_hex(body[i + 1]) || !is_hex(body[i + 2])) {
          throw LexError("invalid \\x escape: expected two hex digits", at);
        }
        out += static_cast<char>(hex_value(body[i + 1]) * 16 + hex_value(body[i + 2]));
        i += 2;
        break;
      default:
        throw LexError(std::string("unsupported string escape sequence: \\") + c, at);
    }
  }
  return out;
}

}  // namespace lanner::lang
