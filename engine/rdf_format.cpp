#include "engine/rdf_format.h"

#include <algorithm>
#include <cctype>

namespace cairn {

namespace {
struct FormatInfo {
  RdfFormat format;
  std::string_view name;
  std::string_view media_type;
  std::string_view aliases[3];
};
constexpr FormatInfo kFormats[] = {
    {RdfFormat::kNTriples, "ntriples", "application/n-triples", {"nt", "n-triples", "application/n-triples"}},
    {RdfFormat::kNQuads, "nquads", "application/n-quads", {"nq", "n-quads", "application/n-quads"}},
    {RdfFormat::kTurtle, "turtle", "text/turtle", {"ttl", "text/turtle", ""}},
    {RdfFormat::kTriG, "trig", "application/trig", {"application/trig", "", ""}},
    {RdfFormat::kRdfXml, "rdfxml", "application/rdf+xml", {"rdf", "rdf-xml", "application/rdf+xml"}},
    {RdfFormat::kJsonLd, "jsonld", "application/ld+json", {"json-ld", "application/ld+json", ""}},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}
}  // namespace

std::optional<RdfFormat> RdfFormatFromName(std::string_view name) {
  std::string n = Lower(name);
  for (const auto& f : kFormats) {
    if (n == f.name) return f.format;
    for (auto alias : f.aliases)
      if (!alias.empty() && n == alias) return f.format;
  }
  return std::nullopt;
}

std::optional<RdfFormat> RdfFormatFromPath(std::string_view path) {
  std::string p = Lower(path);
  if (p.size() > 3 && p.ends_with(".gz")) p.resize(p.size() - 3);
  auto dot = p.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  std::string ext = p.substr(dot + 1);
  if (ext == "nt") return RdfFormat::kNTriples;
  if (ext == "nq") return RdfFormat::kNQuads;
  if (ext == "ttl") return RdfFormat::kTurtle;
  if (ext == "trig") return RdfFormat::kTriG;
  if (ext == "rdf" || ext == "owl") return RdfFormat::kRdfXml;
  if (ext == "jsonld") return RdfFormat::kJsonLd;
  return std::nullopt;
}

std::string_view RdfFormatName(RdfFormat format) {
  for (const auto& f : kFormats)
    if (f.format == format) return f.name;
  return "";
}

std::string_view RdfFormatMediaType(RdfFormat format) {
  for (const auto& f : kFormats)
    if (f.format == format) return f.media_type;
  return "";
}

bool RdfFormatHasGraphs(RdfFormat format) {
  return format == RdfFormat::kNQuads || format == RdfFormat::kTriG || format == RdfFormat::kJsonLd;
}

}  // namespace cairn
