// SPARQL tokens (section 19.8 terminals) with their positions. Internal to the parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::sparql::parser {

enum class TokenKind {
  kIriRef,      // text: the IRI as written, without <>
  kPrefixedName,  // text: prefix (without ':'), local: unescaped local part
  kBlankLabel,  // text: label without "_:"
  kVar,         // text: name without ? or $
  kString,      // text: unescaped value
  kLangTag,     // text: tag without '@'
  kInteger,     // text: lexical form, sign included when written
  kDecimal,
  kDouble,
  kWord,        // a bare word: keyword, 'a', function name (text as written)
  kPunct,       // text: "{", "||", "^^", ...
  kNil,         // ( ) with only whitespace between
  kAnon,        // [ ] with only whitespace between
  kEnd,
  kError,       // text: the lexical error message
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  std::string local;   // kPrefixedName
  std::size_t offset = 0;  // byte offset in the preprocessed text
  bool signed_number = false;  // numbers written with a leading + or -
};

// Replaces \uXXXX and \UXXXXXXXX code point escapes everywhere (section 19.2). `origin` receives,
// for each byte of the result, the offset of the byte it came from in `text`.
std::string UnescapeCodepoints(std::string_view text, std::vector<std::uint32_t>& origin, std::string& error,
                               std::size_t& error_offset);

// Splits `text` into tokens, ending with kEnd (or kError at the first lexical error).
std::vector<Token> Tokenize(std::string_view text);

// Code point helpers shared with the parser.
bool DecodeUtf8(std::string_view s, std::size_t& i, char32_t& cp);
void AppendUtf8(char32_t cp, std::string& out);

}  // namespace cairn::sparql::parser
