// RDF/XML parsing (RDF 1.1 XML Syntax) on expat, streaming: triples go to the sink as their
// elements are read, so memory stays flat whatever the document's size.
//
// The whole grammar is covered: rdf:RDF (optional), rdf:Description and typed node elements,
// property attributes, rdf:about/ID/nodeID/resource/datatype, rdf:parseType Literal (exclusive
// canonical XML), Resource and Collection, rdf:li, reification through a property's rdf:ID,
// xml:base and xml:lang. xmlns prefixes are reported to the PrefixSink.
//
// Errors (not well-formed XML, or XML that is not RDF/XML) are "source:line:column: message" and
// always stop the read: XML cannot be resumed after an error, so lenient mode does not apply.
//
// Safety: external entities and external DTD subsets are never loaded; a document may declare at
// most 1,000 internal entities of at most 64 KiB each (enough for the usual
// <!ENTITY rdf "http://...">), declaring an external entity is an error, and expat's
// amplification limit (billion laughs protection) stops anything that expands too much.
#pragma once

#include <string>

#include "engine/rdf_reader.h"

namespace cairn {

// `read` fills a buffer and returns how many bytes it wrote, 0 at the end of the input.
Status ReadRdfXml(const ReadBytes& read, const std::string& source_name, const RdfReadOptions& options,
                  const QuadSink& sink, RdfReadStats& stats, const PrefixSink& prefixes);

}  // namespace cairn
