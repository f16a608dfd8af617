// Streaming RDF serialisation: N-Triples and N-Quads (written directly, the fast path for dumps),
// Turtle and TriG (through Serd's writer, abbreviated, with prefixes), RDF/XML
// (engine/rdfxml_writer.h) and JSON-LD (engine/jsonld_writer.h). Output goes to a
// ByteSink in blocks of about 64 KiB, so a writer can feed a file or, later, an HTTP response.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/rdf_format.h"
#include "storage/byte_sink.h"
#include "storage/status.h"
#include "storage/term.h"

namespace cairn {

using PrefixList = std::vector<std::pair<std::string, std::string>>;  // (prefix, namespace IRI)

class RdfWriter {
 public:
  virtual ~RdfWriter() = default;
  // Triple formats (N-Triples, Turtle, RDF/XML) write the quad's triple whatever its graph.
  virtual Status Write(const Quad& quad) = 0;
  // Flushes everything; the writer must not be used afterwards.
  virtual Status Finish() = 0;
};

// `prefixes` are used by Turtle, TriG, RDF/XML and JSON-LD.
std::unique_ptr<RdfWriter> MakeRdfWriter(RdfFormat format, ByteSink sink, const PrefixList& prefixes = {});

// The vocab::kWellKnownPrefixes as a PrefixList.
PrefixList WellKnownPrefixes();

}  // namespace cairn
