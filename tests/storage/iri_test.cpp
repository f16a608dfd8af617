// IRI reference resolution (engine/iri.h): every example of RFC 3986 section 5.4, the
// remove_dot_segments examples of 5.2.4, and the edges the reader relies on.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "storage/iri.h"

using namespace cairn;

namespace {
constexpr const char* kRfcBase = "http://a/b/c/d;p?q";

std::string Resolve(std::string_view base, std::string_view reference) {
  std::optional<std::string> iri = ResolveIri(base, reference);
  return iri ? *iri : std::string("(none)");
}
}  // namespace

TEST_CASE("RFC 3986 5.4.1: normal examples", "[engine][iri]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
  };
  for (const auto& [reference, expected] : cases) {
    INFO("<" << reference << ">");
    CHECK(Resolve(kRfcBase, reference) == expected);
  }
}

TEST_CASE("RFC 3986 5.4.2: abnormal examples", "[engine][iri]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      // More ".." segments than the base path has.
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      // Dot segments that are not complete segments, or stand at the start of an absolute path.
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      // Unnecessary or nonsensical dot segments.
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      // Dot segments in the query or fragment are left alone.
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      // A scheme equal to the base's: strict parsers (like this one) keep it.
      {"http:g", "http:g"},
  };
  for (const auto& [reference, expected] : cases) {
    INFO("<" << reference << ">");
    CHECK(Resolve(kRfcBase, reference) == expected);
  }
}

TEST_CASE("RFC 3986 5.2.4: remove_dot_segments", "[engine][iri]") {
  CHECK(RemoveDotSegments("/a/b/c/./../../g") == "/a/g");
  CHECK(RemoveDotSegments("mid/content=5/../6") == "mid/6");
  CHECK(RemoveDotSegments("") == "");
  CHECK(RemoveDotSegments("/") == "/");
  CHECK(RemoveDotSegments(".") == "");
  CHECK(RemoveDotSegments("..") == "");
  CHECK(RemoveDotSegments("/.") == "/");
  CHECK(RemoveDotSegments("/..") == "/");
  CHECK(RemoveDotSegments("/a/..") == "/");
  CHECK(RemoveDotSegments("/a/b/..") == "/a/");
  CHECK(RemoveDotSegments("/a//../b") == "/a/b");  // ".." drops the empty segment
  CHECK(RemoveDotSegments("/a/.../b") == "/a/.../b");
  CHECK(RemoveDotSegments("/.well-known/x") == "/.well-known/x");
  // 5.2.4 as written: the last ".." leaves an empty output and the input "/c", so the result is
  // rooted although the input was not.
  CHECK(RemoveDotSegments("a/./b/../../../c") == "/c");
}

TEST_CASE("IRI resolution: no base, odd bases, absolute references", "[engine][iri]") {
  // A relative reference needs a base with a scheme.
  CHECK_FALSE(ResolveIri("", "g").has_value());
  CHECK_FALSE(ResolveIri("", "").has_value());
  CHECK_FALSE(ResolveIri("a/b", "g").has_value());
  CHECK_FALSE(ResolveIri("//host/b", "g").has_value());
  // An absolute reference needs none; RFC 3986 still removes its dot segments.
  CHECK(Resolve("", "http://x/y") == "http://x/y");
  CHECK(Resolve("", "http://x/y/../z/./w?q/../#f/..") == "http://x/z/w?q/../#f/..");
  CHECK(Resolve("", "urn:isbn:0451450523") == "urn:isbn:0451450523");
  // A base with an authority and an empty path merges as "/".
  CHECK(Resolve("http://a", "g") == "http://a/g");
  CHECK(Resolve("http://a", "") == "http://a");
  CHECK(Resolve("http://a", "?q") == "http://a?q");
  // A base without an authority, and one with a rootless path.
  CHECK(Resolve("file:///a/bb/ccc/d;p?q", "../g") == "file:///a/bb/g");
  CHECK(Resolve("urn:a/b", "c") == "urn:a/c");
  CHECK(Resolve("urn:x", "c") == "urn:c");
  CHECK(Resolve("tag:x", "#f") == "tag:x#f");
  // The base's fragment is ignored; empty queries and fragments are kept.
  CHECK(Resolve("http://a/b#frag", "") == "http://a/b");
  CHECK(Resolve("http://a/b#frag", "c") == "http://a/c");
  CHECK(Resolve("http://a/b?q#frag", "#") == "http://a/b?q#");
  CHECK(Resolve("http://a/b?q", "?") == "http://a/b?");
  // Dot segments in the base path are removed by the merge, except for "" (5.2.2: T.path = Base.path).
  CHECK(Resolve("http://a/b/../c/d", "e") == "http://a/c/e");
  CHECK(Resolve("http://a/b/../c/d", "") == "http://a/b/../c/d");
  // The W3C Turtle suite's miscellaneous cases (IRI-resolution-08).
  CHECK(Resolve("http://abc/def/ghi", ".?a=b") == "http://abc/def/?a=b");
  CHECK(Resolve("http://abc/def/ghi", "..#a=b") == "http://abc/#a=b");
  CHECK(Resolve("http://ab//de//ghi", "../xyz") == "http://ab//de/xyz");
  CHECK(Resolve("http://abc/d:f/ghi", "./xyz") == "http://abc/d:f/xyz");
  // Non-ASCII characters pass through untouched.
  CHECK(Resolve("http://a/\xc3\xa9t\xc3\xa9/x", "../caf\xc3\xa9") == "http://a/caf\xc3\xa9");
}

TEST_CASE("IRI schemes and components", "[engine][iri]") {
  CHECK(IsAbsoluteIri("http://a"));
  CHECK(IsAbsoluteIri("g:h"));
  CHECK(IsAbsoluteIri("a+b-c.d:x"));
  CHECK(IriSchemeLength("https://x") == 5);
  CHECK_FALSE(IsAbsoluteIri(""));
  CHECK_FALSE(IsAbsoluteIri("g"));
  CHECK_FALSE(IsAbsoluteIri("1a:b"));   // a scheme starts with a letter
  CHECK_FALSE(IsAbsoluteIri("./a:b"));  // '/' before the ':'
  CHECK_FALSE(IsAbsoluteIri("a?b:c"));
  CHECK_FALSE(IsAbsoluteIri("#a:b"));
  CHECK_FALSE(IsAbsoluteIri(":a"));

  IriParts parts = SplitIri("http://user@host:80/p/q?x=1#frag");
  CHECK(parts.has_scheme);
  CHECK(parts.scheme == "http");
  CHECK(parts.has_authority);
  CHECK(parts.authority == "user@host:80");
  CHECK(parts.path == "/p/q");
  CHECK(parts.has_query);
  CHECK(parts.query == "x=1");
  CHECK(parts.has_fragment);
  CHECK(parts.fragment == "frag");

  parts = SplitIri("a/b");
  CHECK_FALSE(parts.has_scheme);
  CHECK_FALSE(parts.has_authority);
  CHECK(parts.path == "a/b");
  CHECK_FALSE(parts.has_query);
  CHECK_FALSE(parts.has_fragment);

  parts = SplitIri("//h?#");
  CHECK(parts.has_authority);
  CHECK(parts.authority == "h");
  CHECK(parts.path.empty());
  CHECK(parts.has_query);
  CHECK(parts.query.empty());
  CHECK(parts.has_fragment);
  CHECK(parts.fragment.empty());
}

TEST_CASE("ResolveIriInto reuses its output string", "[engine][iri]") {
  const IriParts base = SplitIri(kRfcBase);
  std::string out;
  REQUIRE(ResolveIriInto(base, "../../g", out));
  CHECK(out == "http://a/g");
  out.reserve(256);
  const char* storage = out.data();
  REQUIRE(ResolveIriInto(base, "g;x=1/../y", out));
  CHECK(out == "http://a/b/c/y");
  REQUIRE(ResolveIriInto(base, "#s", out));
  CHECK(out == "http://a/b/c/d;p?q#s");
  CHECK(out.data() == storage);  // no reallocation
  CHECK_FALSE(ResolveIriInto(SplitIri(""), "g", out));
}
