// IRI reference resolution (RFC 3986 section 5.2, with 5.2.4 remove_dot_segments), as Turtle and
// TriG need it: string work only, no validation and no normalisation beyond what section 5.2 does
// (no case folding, no percent-encoding changes). IRIs are handled as the UTF-8 strings they are;
// the algorithm never looks inside non-ASCII characters, so it applies to IRIs unchanged.
//
// For parsers resolving many references against one base: split the base once with SplitIri and
// resolve into a reused std::string with ResolveIriInto, which allocates nothing once the string
// has grown to the longest result.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cairn {

// The length of `iri`'s scheme (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), followed
// by ':'), or 0 if it has none, i.e. it is a relative reference.
std::size_t IriSchemeLength(std::string_view iri);
inline bool IsAbsoluteIri(std::string_view iri) { return IriSchemeLength(iri) != 0; }

// The five components of an IRI reference (RFC 3986 appendix B), as views into the string that
// was split. An absent component differs from an empty one ("http://a/b?" has an empty query).
struct IriParts {
  std::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false;
  bool has_authority = false;
  bool has_query = false;
  bool has_fragment = false;
};
IriParts SplitIri(std::string_view iri);

// RFC 3986 5.2.4 on a path ("/a/b/../c/./d" -> "/a/c/d").
std::string RemoveDotSegments(std::string_view path);

// RFC 3986 5.2.2 (strict: a reference with a scheme is used as is, bar its dot segments) and 5.3.
// Replaces `out` with the target IRI and returns true, or returns false (leaving `out`
// unspecified) when `reference` is relative and `base` has no scheme, e.g. is empty. The
// base's fragment is ignored. `out` must not share storage with `base` or `reference`.
bool ResolveIriInto(const IriParts& base, std::string_view reference, std::string& out);
bool ResolveIriInto(std::string_view base, std::string_view reference, std::string& out);
// The same, returning a new string; nullopt when the result can't be formed.
std::optional<std::string> ResolveIri(std::string_view base, std::string_view reference);

}  // namespace cairn
