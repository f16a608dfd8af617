// Streaming RDF/XML output (RDF 1.1 XML Syntax), behind MakeRdfWriter(RdfFormat::kRdfXml, ...).
//
// Consecutive triples with the same subject share one rdf:Description (rdf:about, or rdf:nodeID
// for blank nodes); a dump, which scans in subject order, gets one element per subject. The
// PrefixList becomes the xmlns declarations of rdf:RDF (prefixes that are not NCNames, or bind
// rdf to another namespace, are left out). A predicate no prefix covers gets a generated prefix
// (ns1, ns2...) declared on its own element, so nothing needs buffering. Objects: rdf:resource,
// rdf:nodeID, text with xml:lang or rdf:datatype (XML literals too, as escaped text: exact).
// Graphs are ignored, as in N-Triples.
//
// Errors (InvalidArgument): a predicate IRI with no NCName at its end (".../123") cannot be an
// element name, and XML 1.0 cannot carry most C0 control characters, even escaped.
#pragma once

#include <memory>

#include "engine/rdf_writer.h"

namespace cairn {

std::unique_ptr<RdfWriter> MakeRdfXmlWriter(ByteSink sink, const PrefixList& prefixes);

// True if `s` is an XML Namespaces NCName (non-ASCII characters are taken as name characters).
bool IsXmlNcName(std::string_view s);

}  // namespace cairn
