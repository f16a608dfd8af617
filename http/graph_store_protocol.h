// The SPARQL 1.1 Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/) at
// /store: indirect identification (/store?graph=IRI, /store?default) and direct identification
// (/store/NAME is the graph http://HOST/store/NAME). GET and HEAD read (content-negotiated,
// streamed); PUT replaces, POST merges (POST /store alone creates a new graph and answers its
// Location), DELETE drops. The caller has checked write access for PUT, POST and DELETE.
#pragma once

#include "http/endpoint.h"
#include "http/message.h"

namespace cairn {
class Store;
}

namespace cairn::http {

// Status codes: 200 read; 201 a write created the graph; 204 a write changed an existing graph;
// 400 bad graph parameters or malformed RDF (line, column; nothing changed); 404 no such graph;
// 406; 415 a body in a media type that is not an RDF triple format.
Response HandleGraphStore(Store& store, const EndpointOptions& options, const Request& request);

}  // namespace cairn::http
