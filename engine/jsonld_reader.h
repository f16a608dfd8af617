// JSON-LD 1.1 parsing into quads: the Expansion and Deserialize JSON-LD to RDF algorithms of the
// JSON-LD 1.1 Processing Algorithms and API, for the features ordinary documents use.
//
// Supported: @context (inline objects and arrays of them, null), term definitions as strings
// or objects with @id, @type (@id, @vocab or a datatype IRI), @language, @container @list/@set,
// @reverse; @vocab, @base, @language; compact IRIs; @id, @type, @value with @language or @type,
// @list, @set, @graph (named graphs), @reverse, @included, nested node objects and arrays;
// native numbers and booleans become xsd:integer/xsd:double/xsd:boolean literals as the spec
// says. Not supported: remote contexts (a string @context is an error: Cairn fetches nothing),
// @import, @nest, @propagate, @protected, scoped contexts, language/index/id/type maps,
// @json literals, @direction. Unsupported features are reported as errors, not ignored.
//
// The whole document is read before the first quad is produced (JSON-LD's context rules need
// it). Errors are "source: message" (with "line L, column C" for JSON syntax errors) and always
// stop the read; lenient mode does not apply.
#pragma once

#include <string>

#include "engine/rdf_reader.h"

namespace cairn {

Status ReadJsonLd(const ReadBytes& read, const std::string& source_name, const RdfReadOptions& options,
                  const QuadSink& sink, RdfReadStats& stats, const PrefixSink& prefixes);

}  // namespace cairn
