// Streaming RDF parsing: N-Triples, N-Quads, Turtle and TriG with Serd, RDF/XML with expat
// (engine/rdfxml_reader.h), JSON-LD with Boost.JSON (engine/jsonld_reader.h), from a file, stdin
// ("-") or a string; gzip input is detected by its magic bytes and decompressed on the fly.
//
// Errors name the source and where: "data.ttl:12:7: ..." for syntax errors Serd finds, and
// "data.ttl: statement 12: ..." for those Cairn finds in a parsed statement (undefined prefix,
// relative IRI, surrogate code point: Serd 0.30 exposes no cursor for them). In strict mode (the
// default) the first error stops the read and the caller must discard what it got; in lenient
// mode bad statements are skipped (Serd resumes at the next line) and counted.
// Relative IRIs are resolved per RFC 3986 (engine/iri.h); absolute ones are kept as written.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "engine/rdf_format.h"
#include "storage/status.h"
#include "storage/term.h"

namespace cairn {

struct RdfReadOptions {
  RdfFormat format = RdfFormat::kNTriples;
  // Base IRI for relative references (Turtle, TriG). Empty: the file's own file: IRI; for
  // ReadRdfString and stdin an empty base makes any relative IRI an error.
  std::string base_iri;
  // Where triples outside any GRAPH block go (default: the default graph).
  Term default_graph = Term::DefaultGraph();
  bool lenient = false;
  // Called now and then with the bytes consumed so far (of the file as stored, e.g. compressed).
  std::function<void(std::uint64_t bytes)> progress;
};

struct RdfReadStats {
  std::uint64_t statements = 0;
  std::uint64_t skipped = 0;  // lenient mode: statements dropped for errors
  std::uint64_t total_bytes = 0;  // size of the file as stored, 0 if unknown (stdin)
  std::string first_error;  // lenient mode: the first error, for the summary
};

using QuadSink = std::function<Status(const Quad&)>;
// A byte source for the document readers (RDF/XML, JSON-LD): fills `buffer` with up to
// `capacity` bytes and returns how many, 0 at the end of the input.
using ReadBytes = std::function<std::size_t(char* buffer, std::size_t capacity)>;
// Called with each `@prefix` the document declares.
using PrefixSink = std::function<void(std::string_view prefix, std::string_view iri)>;

// Reads `path` ("-" for stdin). Returns a Syntax status with "file:line:column: message".
Status ReadRdfFile(const std::string& path, const RdfReadOptions& options, const QuadSink& sink,
                   RdfReadStats* stats = nullptr, const PrefixSink& prefixes = nullptr);
Status ReadRdfString(std::string_view text, std::string_view source_name, const RdfReadOptions& options,
                     const QuadSink& sink, RdfReadStats* stats = nullptr, const PrefixSink& prefixes = nullptr);

// The file: IRI of a local path (made absolute), for use as a base IRI.
std::string FileIri(const std::string& path);

}  // namespace cairn
