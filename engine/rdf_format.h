// The RDF serialisations Cairn reads and writes, with their names, file extensions and media types.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cairn {

enum class RdfFormat { kNTriples, kNQuads, kTurtle, kTriG, kRdfXml, kJsonLd };

// "ntriples"/"nt", "nquads"/"nq", "turtle"/"ttl", "trig", "rdfxml"/"rdf", "jsonld"/"json-ld";
// also media types. nullopt if unknown.
std::optional<RdfFormat> RdfFormatFromName(std::string_view name);
// From a file name's extension, ignoring a trailing ".gz": data.ttl.gz is Turtle.
std::optional<RdfFormat> RdfFormatFromPath(std::string_view path);
std::string_view RdfFormatName(RdfFormat format);
std::string_view RdfFormatMediaType(RdfFormat format);
// N-Quads, TriG and JSON-LD hold named graphs; the others write a quad's triple only.
bool RdfFormatHasGraphs(RdfFormat format);

}  // namespace cairn
