// The SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/) of
// the /sparql endpoint, as content-negotiated RDF (Turtle by default). It advertises only what
// the server really does: SPARQL 1.1 Query, the result formats it can send, and the default
// dataset with each graph's triple count (void:triples). No sd:feature is claimed: the server
// has no SERVICE handler (so no sd:BasicFederatedQuery) and no union default graph.
#pragma once

#include "http/message.h"

namespace cairn {
class Store;
}

namespace cairn::http {

// `request` gives the endpoint IRI (Host header and path) and the Accept header.
Response HandleServiceDescription(Store& store, const Request& request);

}  // namespace cairn::http
