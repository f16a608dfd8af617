// Streaming JSON-LD 1.1 output, behind MakeRdfWriter(RdfFormat::kJsonLd, ...): a compacted
// document whose @context is written first, from the PrefixList, and whose nodes follow one per
// subject, so nothing but the current node is buffered.
//
//   {"@context": {"dcat": "http://www.w3.org/ns/dcat#", ...},
//    "@graph": [ {"@id": "ex:a", "@type": ["dcat:Dataset"], "dcat:title": ["A"]},
//                {"@id": "ex:g", "@graph": [ ...the named graph's nodes... ]} ]}
//
// Every prefix given is declared (used or not), so any IRI a prefix covers can be written as a
// compact IRI. Consecutive quads with the same graph and subject make one node object; a subject
// met again later gets a second node object with the same @id, which JSON-LD merges. rdf:type
// objects that are IRIs or blank nodes go in @type. Literals: xsd:string as a JSON string,
// "true"/"false" xsd:boolean as JSON booleans, everything else (numbers included, so nothing is
// lost to JSON's doubles) as {"@value", "@type"} or {"@value", "@language"}. Blank nodes are
// "_:label". Named graphs are graph objects in the top-level @graph.
//
// Prefixes are left out when JSON-LD could not use them (empty, or not a simple name) or when
// they would change how absolute IRIs read ("urn", "http" and other common schemes: with a "urn"
// prefix, "urn:isbn:1" would be a compact IRI).
#pragma once

#include <memory>

#include "engine/rdf_writer.h"

namespace cairn {

std::unique_ptr<RdfWriter> MakeJsonLdWriter(ByteSink sink, const PrefixList& prefixes);

}  // namespace cairn
