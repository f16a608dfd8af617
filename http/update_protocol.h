// The SPARQL 1.1 Protocol's update operation (https://www.w3.org/TR/sparql11-protocol/#update-operation)
// at /update: POST application/sparql-update (using-graph-uri / using-named-graph-uri in the URL)
// or POST application/x-www-form-urlencoded (update=, using-graph-uri=, using-named-graph-uri=).
// The request is one transaction (Store::Update). The caller has checked write access.
#pragma once

#include "http/endpoint.h"
#include "http/message.h"

namespace cairn {
class Store;
}

namespace cairn::http {

// 200 with a one-line summary when applied; 400 malformed update or parameters (line, column),
// or an operation that cannot apply (nothing changed); 415 another Content-Type; 503 past the
// deadline (nothing changed).
Response HandleSparqlUpdate(Store& store, const EndpointOptions& options, const Request& request);

}  // namespace cairn::http
