// Dereferenceable URIs after the UK government URI pattern, for IRIs in the server's URI space
// (EndpointOptions::base_uri, or http://HOST/):
//   /id/x   names a thing: 303 See Other to /doc/x (Vary: Accept); 303 to its replacement when
//           dct:isReplacedBy says so; 404 unknown; 410 withdrawn (served once, data gone since).
//   /doc/x  the document about <BASE/id/x>: its concise bounded description, the labels of what it
//           links to and a page of inbound links (Link rel=next for more), content-negotiated
//           (Turtle, N-Triples, JSON-LD, RDF/XML, HTML; browsers get HTML) or chosen by
//           extension (/doc/x.ttl .nt .jsonld .rdf .html); Link rel=alternate, Content-Location.
//   /def/x  a vocabulary (hash URIs): <BASE/def/x> and the terms that say rdfs:isDefinedBy it.
//   /set/x  the list of things named /id/x/..., paged (rdfs:member), with their labels.
//   /doc?uri=IRI and /describe?uri=IRI  the same document for any IRI in the store
//           (&format=ttl|nt|jsonld|rdf|html, &page=N).
#pragma once

#include "http/endpoint.h"
#include "http/message.h"

namespace cairn {
class Store;
}

namespace cairn::http {

Response HandleIdentifier(Store& store, const EndpointOptions& options, const Request& request);
Response HandleDocument(Store& store, const EndpointOptions& options, const Request& request);

}  // namespace cairn::http
