// The string-level work behind section 17.4's string, hash, IRI and regex functions: Unicode
// code points (not bytes or UTF-16 units), ICU case mapping and regular expressions with XPath
// flags, OpenSSL digests and RFC 3986 reference resolution.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "sparql/algebra.h"

namespace cairn::sparql {

std::size_t CodePointCount(std::string_view utf8);
// fn:substring: code points at 1-based positions p with round(start) <= p < round(start) +
// round(length) (no upper bound without a length); NaN and infinities as XPath says.
std::string Substring(std::string_view utf8, double start, std::optional<double> length);
// Full Unicode case mapping (so UCASE("ß") is "SS"); nullopt on invalid UTF-8.
std::optional<std::string> CaseMap(std::string_view utf8, bool upper);
std::string EncodeForUri(std::string_view utf8);
// Lower-case hex digest for kMd5, kSha1, kSha256, kSha384, kSha512.
std::optional<std::string> HexDigest(Builtin op, std::string_view data);
// A random (version 4) UUID, lower-case, without "urn:uuid:".
std::string RandomUuid(std::mt19937_64& random);
// RFC 4647 basic filtering, "*" matching any non-empty tag; case-insensitive.
bool LangMatches(std::string_view tag, std::string_view range);
bool IsValidLanguageTag(std::string_view tag);
// RFC 3986 section 5.2; nullopt if `reference` is relative and there is no usable base, or if
// the result contains characters an IRI may not contain.
std::optional<std::string> ResolveIri(std::string_view base, std::string_view reference);

// An XPath regular expression (flags s, m, i, x, q) compiled with ICU.
class CompiledRegex {
 public:
  // nullopt for an invalid pattern or unknown flag.
  static std::optional<CompiledRegex> Compile(std::string_view pattern, std::string_view flags);
  CompiledRegex(CompiledRegex&&) noexcept;
  CompiledRegex& operator=(CompiledRegex&&) noexcept;
  ~CompiledRegex();

  bool Find(std::string_view text) const;
  // fn:replace; nullopt if the pattern matches the empty string (err:FORX0003) or the
  // replacement is invalid.
  std::optional<std::string> ReplaceAll(std::string_view text, std::string_view replacement) const;

 private:
  struct Impl;
  explicit CompiledRegex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::sparql
