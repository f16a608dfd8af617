#include "sparql/expression/string_functions.h"

#include <openssl/evp.h>
#include <unicode/locid.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <cmath>
#include <vector>

namespace cairn::sparql {
namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsAlpha(c) || (c >= '0' && c <= '9'); }

// XPath regex syntax over ICU's: with the x flag whitespace outside character classes is
// removed; without the m flag '$' matches only at the very end (ICU's '$' would also match before
// a final line terminator), so it becomes \z.
std::string TranslateXPathRegex(std::string_view pattern, bool strip_whitespace, bool multiline) {
  std::string out;
  int class_depth = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += c;
      out += pattern[++i];
      continue;
    }
    if (c == '[') ++class_depth;
    if (c == ']' && class_depth > 0) --class_depth;
    if (class_depth == 0) {
      if (strip_whitespace && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) continue;
      if (c == '$' && !multiline) {
        out += "\\z";
        continue;
      }
    }
    out += c;
  }
  return out;
}

// ---- RFC 3986 ----
struct IriParts {
  std::optional<std::string_view> scheme, authority, query, fragment;
  std::string_view path;
};

IriParts SplitIri(std::string_view s) {
  IriParts p;
  auto colon = s.find(':');
  if (colon != std::string_view::npos && colon > 0 && IsAlpha(s[0])) {
    bool ok = true;
    for (std::size_t i = 1; i < colon; ++i)
      if (!(IsAlnum(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) ok = false;
    if (ok) {
      p.scheme = s.substr(0, colon);
      s.remove_prefix(colon + 1);
    }
  }
  if (auto hash = s.find('#'); hash != std::string_view::npos) {
    p.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  if (auto q = s.find('?'); q != std::string_view::npos) {
    p.query = s.substr(q + 1);
    s = s.substr(0, q);
  }
  if (s.starts_with("//")) {
    s.remove_prefix(2);
    auto slash = s.find('/');
    p.authority = s.substr(0, slash);
    s = slash == std::string_view::npos ? std::string_view() : s.substr(slash);
  }
  p.path = s;
  return p;
}

std::string RemoveDotSegments(std::string_view in) {
  std::string input(in), output;
  while (!input.empty()) {
    if (input.starts_with("../")) input.erase(0, 3);
    else if (input.starts_with("./")) input.erase(0, 2);
    else if (input.starts_with("/./")) input.erase(0, 2);
    else if (input == "/.") input = "/";
    else if (input.starts_with("/../") || input == "/..") {
      input = input.size() == 3 ? "/" : input.substr(3);
      auto last = output.rfind('/');
      output.erase(last == std::string::npos ? 0 : last);
    } else if (input == "." || input == "..") input.clear();
    else {
      auto next = input.find('/', input[0] == '/' ? 1 : 0);
      output += input.substr(0, next);
      input.erase(0, next == std::string::npos ? input.size() : next);
    }
  }
  return output;
}

bool IsValidIriText(std::string_view s) {
  for (unsigned char c : s)
    if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' ||
        c == '`' || c == '\\')
      return false;
  return true;
}

}  // namespace

std::size_t CodePointCount(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += !IsContinuation(c);
  return n;
}

std::string Substring(std::string_view s, double start, std::optional<double> length) {
  double first = std::floor(start + 0.5);
  double end = length ? first + std::floor(*length + 0.5) : INFINITY;
  std::string out;
  double position = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i + 1;
    while (j < s.size() && IsContinuation(static_cast<unsigned char>(s[j]))) ++j;
    position += 1;
    if (position >= first && position < end) out.append(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::optional<std::string> CaseMap(std::string_view s, bool upper) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (upper) u.toUpper(icu::Locale::getRoot());
  else u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string EncodeForUri(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (IsAlnum(static_cast<char>(c)) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::optional<std::string> HexDigest(Builtin op, std::string_view data) {
  const EVP_MD* md = nullptr;
  switch (op) {
    case Builtin::kMd5: md = EVP_md5(); break;
    case Builtin::kSha1: md = EVP_sha1(); break;
    case Builtin::kSha256: md = EVP_sha256(); break;
    case Builtin::kSha384: md = EVP_sha384(); break;
    case Builtin::kSha512: md = EVP_sha512(); break;
    default: return std::nullopt;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, md, nullptr) != 1) return std::nullopt;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::string RandomUuid(std::mt19937_64& random) {
  std::uint64_t hi = random(), lo = random();
  hi = (hi & ~std::uint64_t{0xF000}) | 0x4000;                      // version 4
  lo = (lo & ~(std::uint64_t{0xC} << 60)) | (std::uint64_t{0x8} << 60);  // variant 10
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx",
                static_cast<unsigned long long>(hi >> 32), static_cast<unsigned long long>((hi >> 16) & 0xFFFF),
                static_cast<unsigned long long>(hi & 0xFFFF), static_cast<unsigned long long>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

bool LangMatches(std::string_view tag, std::string_view range) {
  if (range == "*") return !tag.empty();
  if (range.size() > tag.size()) return false;
  for (std::size_t i = 0; i < range.size(); ++i)
    if (ToLowerAscii(tag[i]) != ToLowerAscii(range[i])) return false;
  return tag.size() == range.size() || tag[range.size()] == '-';
}

bool IsValidLanguageTag(std::string_view tag) {
  // [a-zA-Z]{1,8}('-'[a-zA-Z0-9]{1,8})*
  std::size_t pos = 0, run = 0;
  bool first = true;
  for (; pos <= tag.size(); ++pos) {
    if (pos == tag.size() || tag[pos] == '-') {
      if (run == 0 || run > 8) return false;
      run = 0;
      first = false;
      continue;
    }
    if (first ? !IsAlpha(tag[pos]) : !IsAlnum(tag[pos])) return false;
    ++run;
  }
  return true;
}

std::optional<std::string> ResolveIri(std::string_view base, std::string_view reference) {
  if (!IsValidIriText(reference)) return std::nullopt;
  IriParts r = SplitIri(reference);
  if (r.scheme) return std::string(reference);
  if (base.empty()) return std::nullopt;
  IriParts b = SplitIri(base);
  if (!b.scheme) return std::nullopt;
  std::string authority_text, path;
  std::optional<std::string_view> authority, query;
  if (r.authority) {
    authority = r.authority;
    path = RemoveDotSegments(r.path);
    query = r.query;
  } else {
    authority = b.authority;
    if (r.path.empty()) {
      path = b.path;
      query = r.query ? r.query : b.query;
    } else {
      if (r.path[0] == '/') {
        path = RemoveDotSegments(r.path);
      } else {
        std::string merged;
        if (b.authority && b.path.empty()) {
          merged = "/" + std::string(r.path);
        } else {
          auto slash = b.path.rfind('/');
          merged = slash == std::string_view::npos ? std::string(r.path)
                                                   : std::string(b.path.substr(0, slash + 1)) + std::string(r.path);
        }
        path = RemoveDotSegments(merged);
      }
      query = r.query;
    }
  }
  std::string out(*b.scheme);
  out += ':';
  if (authority) {
    out += "//";
    out += *authority;
  }
  out += path;
  if (query) {
    out += '?';
    out += *query;
  }
  if (r.fragment) {
    out += '#';
    out += *r.fragment;
  }
  return out;
}

// ---- regex ----

struct CompiledRegex::Impl {
  std::unique_ptr<icu::RegexPattern> pattern;
  bool literal = false;
};

CompiledRegex::CompiledRegex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CompiledRegex::CompiledRegex(CompiledRegex&&) noexcept = default;
CompiledRegex& CompiledRegex::operator=(CompiledRegex&&) noexcept = default;
CompiledRegex::~CompiledRegex() = default;

std::optional<CompiledRegex> CompiledRegex::Compile(std::string_view pattern, std::string_view flags) {
  uint32_t icu_flags = 0;
  bool strip = false, literal = false, multiline = false;
  for (char f : flags) {
    switch (f) {
      case 's': icu_flags |= UREGEX_DOTALL; break;
      case 'm': icu_flags |= UREGEX_MULTILINE, multiline = true; break;
      case 'i': icu_flags |= UREGEX_CASE_INSENSITIVE; break;
      case 'x': strip = true; break;
      case 'q': literal = true; break;
      default: return std::nullopt;
    }
  }
  if (literal) icu_flags |= UREGEX_LITERAL;
  std::string text = literal ? std::string(pattern) : TranslateXPathRegex(pattern, strip, multiline);
  UParseError parse_error;
  UErrorCode status = U_ZERO_ERROR;
  auto impl = std::make_unique<Impl>();
  impl->literal = literal;
  impl->pattern.reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(text), icu_flags, parse_error, status));
  if (U_FAILURE(status) || !impl->pattern) return std::nullopt;
  return CompiledRegex(std::move(impl));
}

bool CompiledRegex::Find(std::string_view text) const {
  icu::UnicodeString input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> matcher(impl_->pattern->matcher(input, status));
  if (U_FAILURE(status)) return false;
  return matcher->find();
}

std::optional<std::string> CompiledRegex::ReplaceAll(std::string_view text, std::string_view replacement) const {
  UErrorCode status = U_ZERO_ERROR;
  {
    icu::UnicodeString empty;
    std::unique_ptr<icu::RegexMatcher> probe(impl_->pattern->matcher(empty, status));
    if (U_FAILURE(status)) return std::nullopt;
    if (probe->find()) return std::nullopt;  // err:FORX0003
  }
  icu::UnicodeString input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString repl = icu::UnicodeString::fromUTF8(icu::StringPiece(replacement.data(), static_cast<int32_t>(replacement.size())));
  std::unique_ptr<icu::RegexMatcher> matcher(impl_->pattern->matcher(input, status));
  if (U_FAILURE(status)) return std::nullopt;
  int32_t groups = matcher->groupCount();
  // Validate the replacement first (err:FORX0004), unless q makes it literal.
  if (!impl_->literal) {
    for (int32_t i = 0; i < repl.length(); ++i) {
      char16_t c = repl.charAt(i);
      if (c == u'\\') {
        if (i + 1 >= repl.length() || (repl.charAt(i + 1) != u'\\' && repl.charAt(i + 1) != u'$')) return std::nullopt;
        ++i;
      } else if (c == u'$') {
        if (i + 1 >= repl.length() || repl.charAt(i + 1) < u'0' || repl.charAt(i + 1) > u'9') return std::nullopt;
      }
    }
  }
  icu::UnicodeString out;
  int32_t last = 0;
  while (matcher->find()) {
    int32_t start = matcher->start(status), end = matcher->end(status);
    if (U_FAILURE(status)) return std::nullopt;
    out.append(input, last, start - last);
    if (impl_->literal) {
      out.append(repl);
    } else {
      for (int32_t i = 0; i < repl.length(); ++i) {
        char16_t c = repl.charAt(i);
        if (c == u'\\') {
          out.append(repl.charAt(++i));
        } else if (c == u'$') {
          // $N: the longest digit sequence naming an existing group.
          int32_t n = repl.charAt(++i) - u'0';
          while (i + 1 < repl.length() && repl.charAt(i + 1) >= u'0' && repl.charAt(i + 1) <= u'9' &&
                 n * 10 + (repl.charAt(i + 1) - u'0') <= groups) {
            n = n * 10 + (repl.charAt(++i) - u'0');
          }
          if (n <= groups) out.append(matcher->group(n, status));
        } else {
          out.append(c);
        }
      }
    }
    last = end;
  }
  out.append(input, last, input.length() - last);
  std::string result;
  out.toUTF8String(result);
  return result;
}

}  // namespace cairn::sparql
