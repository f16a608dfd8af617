// The tokenizer: section 19.8's terminals, longest match first, plus section 19.2's code point
// escape pre-processing.
#include "sparql/parser/lexer.h"

namespace cairn::sparql::parser {
namespace {

bool IsPnCharsBase(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6) ||
         (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
         (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F) ||
         (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
         (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}
bool IsPnCharsU(char32_t c) { return IsPnCharsBase(c) || c == '_'; }
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsPnChars(char32_t c) {
  return IsPnCharsU(c) || c == '-' || IsDigit(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) ||
         (c >= 0x203F && c <= 0x2040);
}
bool IsVarChar(char32_t c) {
  return IsPnCharsU(c) || IsDigit(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}
bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsWordChar(char c) { return IsAlpha(c) || (c >= '0' && c <= '9') || c == '_'; }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : s_(text) {}

  std::vector<Token> Run() {
    std::vector<Token> out;
    while (true) {
      SkipSpace();
      Token t;
      t.offset = i_;
      if (i_ >= s_.size()) {
        t.kind = TokenKind::kEnd;
        out.push_back(std::move(t));
        return out;
      }
      if (!Next(t)) {
        t.kind = TokenKind::kError;
        t.text = error_;
        t.offset = error_offset_;
        out.push_back(std::move(t));
        return out;
      }
      out.push_back(std::move(t));
    }
  }

 private:
  char Peek(std::size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  char32_t PeekCp(std::size_t at, std::size_t* len = nullptr) const {
    std::size_t j = at;
    char32_t cp = 0;
    if (j >= s_.size() || !DecodeUtf8(s_, j, cp)) {
      if (len) *len = 1;
      return 0;
    }
    if (len) *len = j - at;
    return cp;
  }
  bool Fail(std::string msg, std::size_t at) {
    error_ = std::move(msg);
    error_offset_ = at;
    return false;
  }

  void SkipSpace() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++i_;
      } else if (c == '#') {
        while (i_ < s_.size() && s_[i_] != '\n' && s_[i_] != '\r') ++i_;
      } else {
        break;
      }
    }
  }
  // True if only whitespace/comments lie between i_ and the closing char `close`.
  bool EmptyUntil(char close, std::size_t& end) {
    std::size_t save = i_;
    ++i_;
    SkipSpace();
    bool ok = Peek() == close;
    end = i_ + 1;
    i_ = save;
    return ok;
  }

  bool Next(Token& t) {
    char c = Peek();
    switch (c) {
      case '<': return IriOrLess(t);
      case '?':
      case '$': return VarOrQuestion(t);
      case '"':
      case '\'': return String(t);
      case '@': return LangTag(t);
      case '_':
        if (Peek(1) == ':') return BlankLabel(t);
        break;
      case '(':
      case '[': {
        std::size_t end;
        if (EmptyUntil(c == '(' ? ')' : ']', end)) {
          t.kind = c == '(' ? TokenKind::kNil : TokenKind::kAnon;
          t.text = c == '(' ? "()" : "[]";
          i_ = end;
          return true;
        }
        return Punct(t, 1);
      }
      case '+':
      case '-':
        if (IsDigit(Peek(1)) || (Peek(1) == '.' && IsDigit(Peek(2)))) return Number(t);
        return Punct(t, 1);
      case '.':
        if (IsDigit(Peek(1))) return Number(t);
        return Punct(t, 1);
      case '|': return Punct(t, Peek(1) == '|' ? 2 : 1);
      case '&':
        if (Peek(1) == '&') return Punct(t, 2);
        return Fail("unexpected character '&'", i_);
      case '^': return Punct(t, Peek(1) == '^' ? 2 : 1);
      case '!':
      case '>': return Punct(t, Peek(1) == '=' ? 2 : 1);
      case '{': case '}': case ')': case ']': case ',': case ';': case '*': case '/': case '=':
        return Punct(t, 1);
      default: break;
    }
    if (IsDigit(c)) return Number(t);
    return NameOrPrefixed(t);
  }

  bool Punct(Token& t, std::size_t n) {
    t.kind = TokenKind::kPunct;
    t.text = std::string(s_.substr(i_, n));
    i_ += n;
    return true;
  }

  bool IriOrLess(Token& t) {
    std::size_t j = i_ + 1;
    while (j < s_.size()) {
      unsigned char c = s_[j];
      if (c == '>') {
        t.kind = TokenKind::kIriRef;
        t.text = std::string(s_.substr(i_ + 1, j - i_ - 1));
        i_ = j + 1;
        return true;
      }
      if (c <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`' ||
          c == '\\')
        break;
      ++j;
    }
    return Punct(t, Peek(1) == '=' ? 2 : 1);
  }

  bool VarOrQuestion(Token& t) {
    std::size_t len;
    char32_t cp = PeekCp(i_ + 1, &len);
    if (!IsPnCharsU(cp) && !IsDigit(cp)) {
      if (s_[i_] == '$') return Fail("expected a variable name after '$'", i_);
      return Punct(t, 1);
    }
    std::size_t j = i_ + 1;
    while (j < s_.size()) {
      char32_t c = PeekCp(j, &len);
      if (!IsVarChar(c)) break;
      j += len;
    }
    t.kind = TokenKind::kVar;
    t.text = std::string(s_.substr(i_ + 1, j - i_ - 1));
    i_ = j;
    return true;
  }

  bool LangTag(Token& t) {
    std::size_t j = i_ + 1;
    if (!IsAlpha(j < s_.size() ? s_[j] : 0)) return Fail("expected a language tag after '@'", i_);
    while (j < s_.size() && IsAlpha(s_[j])) ++j;
    while (j + 1 < s_.size() && s_[j] == '-' && (IsAlpha(s_[j + 1]) || IsDigit(s_[j + 1]))) {
      ++j;
      while (j < s_.size() && (IsAlpha(s_[j]) || IsDigit(s_[j]))) ++j;
    }
    t.kind = TokenKind::kLangTag;
    t.text = std::string(s_.substr(i_ + 1, j - i_ - 1));
    i_ = j;
    return true;
  }

  bool String(Token& t) {
    char q = s_[i_];
    bool long_form = Peek(1) == q && Peek(2) == q;
    std::size_t start = i_;
    i_ += long_form ? 3 : 1;
    std::string value;
    while (true) {
      if (i_ >= s_.size()) return Fail("unterminated string", start);
      char c = s_[i_];
      if (c == q) {
        if (!long_form) {
          ++i_;
          break;
        }
        if (Peek(1) == q && Peek(2) == q) {
          // """a"""" : the closing quotes are the last three.
          while (Peek(3) == q) {
            value.push_back(q);
            ++i_;
          }
          i_ += 3;
          break;
        }
        value.push_back(c);
        ++i_;
        continue;
      }
      if (c == '\\') {
        char e = Peek(1);
        switch (e) {
          case 't': value.push_back('\t'); break;
          case 'b': value.push_back('\b'); break;
          case 'n': value.push_back('\n'); break;
          case 'r': value.push_back('\r'); break;
          case 'f': value.push_back('\f'); break;
          case '"': value.push_back('"'); break;
          case '\'': value.push_back('\''); break;
          case '\\': value.push_back('\\'); break;
          default: return Fail("invalid escape sequence in string", i_);
        }
        i_ += 2;
        continue;
      }
      if (!long_form && (c == '\n' || c == '\r')) return Fail("line break in a short string", i_);
      value.push_back(c);
      ++i_;
    }
    t.kind = TokenKind::kString;
    t.text = std::move(value);
    return true;
  }

  bool BlankLabel(Token& t) {
    std::size_t j = i_ + 2;
    std::size_t len;
    char32_t cp = PeekCp(j, &len);
    if (!IsPnCharsU(cp) && !IsDigit(cp)) return Fail("expected a blank node label after '_:'", i_);
    j += len;
    std::size_t last_ok = j;
    while (j < s_.size()) {
      cp = PeekCp(j, &len);
      if (IsPnChars(cp)) {
        j += len;
        last_ok = j;
      } else if (cp == '.') {
        j += len;
      } else {
        break;
      }
    }
    t.kind = TokenKind::kBlankLabel;
    t.text = std::string(s_.substr(i_ + 2, last_ok - i_ - 2));
    i_ = last_ok;
    return true;
  }

  bool Number(Token& t) {
    std::size_t j = i_;
    t.signed_number = s_[j] == '+' || s_[j] == '-';
    if (t.signed_number) ++j;
    auto digits = [&] {
      std::size_t n = 0;
      while (j < s_.size() && IsDigit(s_[j])) ++j, ++n;
      return n;
    };
    auto exponent = [&] {
      if (j < s_.size() && (s_[j] == 'e' || s_[j] == 'E')) {
        std::size_t k = j + 1;
        if (k < s_.size() && (s_[k] == '+' || s_[k] == '-')) ++k;
        if (k < s_.size() && IsDigit(s_[k])) {
          j = k;
          digits();
          return true;
        }
      }
      return false;
    };
    std::size_t int_digits = digits();
    TokenKind kind = TokenKind::kInteger;
    if (j < s_.size() && s_[j] == '.' && j + 1 < s_.size() && IsDigit(s_[j + 1])) {
      ++j;
      digits();
      kind = exponent() ? TokenKind::kDouble : TokenKind::kDecimal;
    } else if (int_digits > 0 && j < s_.size() && s_[j] == '.' &&
               j + 1 < s_.size() && (s_[j + 1] == 'e' || s_[j + 1] == 'E')) {
      std::size_t save = j;
      ++j;
      if (exponent()) kind = TokenKind::kDouble;
      else j = save;
    } else if (exponent()) {
      kind = TokenKind::kDouble;
    }
    t.kind = kind;
    t.text = std::string(s_.substr(i_, j - i_));
    i_ = j;
    return true;
  }

  // PN_PREFIX? ':' PN_LOCAL?, or a bare word.
  bool NameOrPrefixed(Token& t) {
    std::size_t len;
    std::size_t j = i_;
    char32_t cp = PeekCp(j, &len);
    std::size_t prefix_end = i_;
    if (cp != ':') {
      if (!IsPnCharsBase(cp)) {
        std::string shown(s_.substr(i_, len));
        return Fail("unexpected character '" + shown + "'", i_);
      }
      j += len;
      prefix_end = j;
      while (j < s_.size()) {
        cp = PeekCp(j, &len);
        if (IsPnChars(cp)) {
          j += len;
          prefix_end = j;
        } else if (cp == '.') {
          j += len;
        } else {
          break;
        }
      }
      if (!(prefix_end < s_.size() && s_[prefix_end] == ':')) {
        // A bare word: keyword or function name.
        std::size_t k = i_;
        while (k < s_.size() && IsWordChar(s_[k])) ++k;
        if (k == i_) return Fail("unexpected character", i_);
        t.kind = TokenKind::kWord;
        t.text = std::string(s_.substr(i_, k - i_));
        i_ = k;
        return true;
      }
    }
    t.kind = TokenKind::kPrefixedName;
    t.text = std::string(s_.substr(i_, prefix_end - i_));
    j = prefix_end + 1;
    // PN_LOCAL
    std::string local;
    std::size_t committed_j = j;
    std::size_t committed_len = 0;
    bool first = true;
    while (j < s_.size()) {
      char c = s_[j];
      if (c == '%') {
        if (j + 2 < s_.size() && IsHex(s_[j + 1]) && IsHex(s_[j + 2])) {
          local.append(s_.substr(j, 3));
          j += 3;
        } else {
          return Fail("invalid %-escape in prefixed name", j);
        }
      } else if (c == '\\') {
        char e = j + 1 < s_.size() ? s_[j + 1] : 0;
        if (std::string_view("_~.-!$&'()*+,;=/?#@%").find(e) == std::string_view::npos || e == 0)
          return Fail("invalid escape in prefixed name", j);
        local.push_back(e);
        j += 2;
      } else {
        cp = PeekCp(j, &len);
        bool ok = first ? (IsPnCharsU(cp) || cp == ':' || IsDigit(cp)) : (IsPnChars(cp) || cp == ':' || cp == '.');
        if (!ok) break;
        local.append(s_.substr(j, len));
        j += len;
        if (cp == '.') {
          first = false;
          continue;  // not committed: a local name cannot end with '.'
        }
      }
      first = false;
      committed_j = j;
      committed_len = local.size();
    }
    local.resize(committed_len);
    t.local = std::move(local);
    i_ = committed_j;
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::string error_;
  std::size_t error_offset_ = 0;
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

}  // namespace

bool DecodeUtf8(std::string_view s, std::size_t& i, char32_t& cp) {
  unsigned char c = s[i];
  int extra;
  if (c < 0x80) {
    cp = c;
    ++i;
    return true;
  } else if ((c & 0xE0) == 0xC0) {
    cp = c & 0x1F, extra = 1;
  } else if ((c & 0xF0) == 0xE0) {
    cp = c & 0x0F, extra = 2;
  } else if ((c & 0xF8) == 0xF0) {
    cp = c & 0x07, extra = 3;
  } else {
    return false;
  }
  for (int k = 1; k <= extra; ++k) {
    if (i + k >= s.size()) return false;
    unsigned char d = s[i + k];
    if ((d & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (d & 0x3F);
  }
  i += extra + 1;
  return true;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string UnescapeCodepoints(std::string_view text, std::vector<std::uint32_t>& origin, std::string& error,
                               std::size_t& error_offset) {
  std::string out;
  out.reserve(text.size());
  origin.clear();
  origin.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '\\') {
      // An escaped backslash (string ECHAR): kept, so "\\u0041" stays a backslash and "u0041".
      out.append("\\\\");
      origin.push_back(i);
      origin.push_back(i + 1);
      i += 2;
      continue;
    }
    if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == 'u' || text[i + 1] == 'U')) {
      std::size_t n = text[i + 1] == 'u' ? 4 : 8;
      char32_t cp = 0;
      bool ok = i + 2 + n <= text.size();
      for (std::size_t k = 0; ok && k < n; ++k) {
        char c = text[i + 2 + k];
        if (!IsHex(c)) ok = false;
        else cp = cp * 16 + HexValue(c);
      }
      if (!ok || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        error = "invalid code point escape";
        error_offset = i;
        return {};
      }
      std::size_t before = out.size();
      AppendUtf8(cp, out);
      for (std::size_t k = before; k < out.size(); ++k) origin.push_back(i);
      i += 2 + n;
      continue;
    }
    out.push_back(text[i]);
    origin.push_back(i);
    ++i;
  }
  origin.push_back(text.size());
  return out;
}

std::vector<Token> Tokenize(std::string_view text) { return Lexer(text).Run(); }

}  // namespace cairn::sparql::parser
