#include "storage/iri.h"

#include <cstring>

namespace cairn {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSchemeChar(char c) { return IsAlpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'; }

// Output position after removing the last segment, and the '/' before it, from s[start, w).
std::size_t PopSegment(const char* s, std::size_t start, std::size_t w) {
  while (w > start) {
    if (s[--w] == '/') return w;
  }
  return start;
}

// RFC 3986 5.2.4 on s[start, end), in place: the output (s[start, w)) never outgrows what has
// been read (s[start, r)), so one buffer serves as input and output buffers both. Truncates `s`
// to the end of the output.
void RemoveDotSegmentsInPlace(std::string& s, std::size_t start) {
  if (start >= s.size() || std::memchr(s.data() + start, '.', s.size() - start) == nullptr) return;
  char* p = s.data();
  const std::size_t end = s.size();
  std::size_t r = start;  // start of the input buffer
  std::size_t w = start;  // end of the output buffer
  while (r < end) {
    const std::size_t n = end - r;
    const char* in = p + r;
    if (in[0] == '.') {
      if (n >= 3 && in[1] == '.' && in[2] == '/') {  // A: "../"
        r += 3;
        continue;
      }
      if (n >= 2 && in[1] == '/') {  // A: "./"
        r += 2;
        continue;
      }
      if (n == 1 || (n == 2 && in[1] == '.')) {  // D: "." or ".."
        r = end;
        continue;
      }
    } else if (in[0] == '/' && n >= 2 && in[1] == '.') {
      if (n == 2) {  // B: "/." -> "/"
        p[++r] = '/';
        continue;
      }
      if (in[2] == '/') {  // B: "/./" -> "/"
        r += 2;
        continue;
      }
      if (in[2] == '.' && (n == 3 || in[3] == '/')) {  // C: "/../" or "/.." -> "/", drop a segment
        w = PopSegment(p, start, w);
        if (n == 3) {
          r += 2;
          p[r] = '/';
        } else {
          r += 3;
        }
        continue;
      }
    }
    // E: move the first segment, with its leading '/' if any, up to the next '/'.
    const void* slash = n > 1 ? std::memchr(in + 1, '/', n - 1) : nullptr;
    const std::size_t len = slash ? static_cast<std::size_t>(static_cast<const char*>(slash) - in) : n;
    if (w != r) std::memmove(p + w, in, len);
    w += len;
    r += len;
  }
  s.resize(w);
}

void AppendQueryAndFragment(std::string& out, bool has_query, std::string_view query, const IriParts& ref) {
  if (has_query) {
    out += '?';
    out.append(query);
  }
  if (ref.has_fragment) {
    out += '#';
    out.append(ref.fragment);
  }
}

}  // namespace

std::size_t IriSchemeLength(std::string_view iri) {
  if (iri.empty() || !IsAlpha(iri[0])) return 0;
  for (std::size_t i = 1; i < iri.size(); ++i) {
    if (iri[i] == ':') return i;
    if (!IsSchemeChar(iri[i])) return 0;
  }
  return 0;
}

IriParts SplitIri(std::string_view iri) {
  IriParts parts;
  std::size_t i = 0;
  const std::size_t n = iri.size();
  if (std::size_t scheme = IriSchemeLength(iri)) {
    parts.has_scheme = true;
    parts.scheme = iri.substr(0, scheme);
    i = scheme + 1;
  }
  if (n - i >= 2 && iri[i] == '/' && iri[i + 1] == '/') {
    i += 2;
    std::size_t j = iri.find_first_of("/?#", i);
    if (j == std::string_view::npos) j = n;
    parts.has_authority = true;
    parts.authority = iri.substr(i, j - i);
    i = j;
  }
  std::size_t j = iri.find_first_of("?#", i);
  if (j == std::string_view::npos) j = n;
  parts.path = iri.substr(i, j - i);
  i = j;
  if (i < n && iri[i] == '?') {
    j = iri.find('#', i + 1);
    if (j == std::string_view::npos) j = n;
    parts.has_query = true;
    parts.query = iri.substr(i + 1, j - i - 1);
    i = j;
  }
  if (i < n) {  // iri[i] == '#'
    parts.has_fragment = true;
    parts.fragment = iri.substr(i + 1);
  }
  return parts;
}

std::string RemoveDotSegments(std::string_view path) {
  std::string out(path);
  RemoveDotSegmentsInPlace(out, 0);
  return out;
}

bool ResolveIriInto(const IriParts& base, std::string_view reference, std::string& out) {
  const IriParts ref = SplitIri(reference);
  out.clear();
  if (ref.has_scheme) {
    out.append(ref.scheme);
    out += ':';
    if (ref.has_authority) {
      out += "//";
      out.append(ref.authority);
    }
    const std::size_t path_start = out.size();
    out.append(ref.path);
    RemoveDotSegmentsInPlace(out, path_start);
    AppendQueryAndFragment(out, ref.has_query, ref.query, ref);
    return true;
  }
  if (!base.has_scheme) return false;
  out.append(base.scheme);
  out += ':';
  if (ref.has_authority) {
    out += "//";
    out.append(ref.authority);
    const std::size_t path_start = out.size();
    out.append(ref.path);
    RemoveDotSegmentsInPlace(out, path_start);
    AppendQueryAndFragment(out, ref.has_query, ref.query, ref);
    return true;
  }
  if (base.has_authority) {
    out += "//";
    out.append(base.authority);
  }
  if (ref.path.empty()) {
    out.append(base.path);
    if (ref.has_query) {
      AppendQueryAndFragment(out, true, ref.query, ref);
    } else {
      AppendQueryAndFragment(out, base.has_query, base.query, ref);
    }
    return true;
  }
  const std::size_t path_start = out.size();
  if (ref.path[0] != '/') {
    // 5.2.3 merge: the base path up to its last '/', or "/" for an authority with no path.
    if (base.has_authority && base.path.empty()) {
      out += '/';
    } else if (std::size_t slash = base.path.rfind('/'); slash != std::string_view::npos) {
      out.append(base.path.substr(0, slash + 1));
    }
  }
  out.append(ref.path);
  RemoveDotSegmentsInPlace(out, path_start);
  AppendQueryAndFragment(out, ref.has_query, ref.query, ref);
  return true;
}

bool ResolveIriInto(std::string_view base, std::string_view reference, std::string& out) {
  return ResolveIriInto(SplitIri(base), reference, out);
}

std::optional<std::string> ResolveIri(std::string_view base, std::string_view reference) {
  std::string out;
  if (!ResolveIriInto(base, reference, out)) return std::nullopt;
  return out;
}

}  // namespace cairn
