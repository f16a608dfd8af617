// The SPARQL 1.1 Protocol's query operation (https://www.w3.org/TR/sparql11-protocol/#query-operation):
// GET ?query=, POST application/x-www-form-urlencoded and POST application/sparql-query, with
// default-graph-uri / named-graph-uri, content negotiation, and results streamed as they come.
// GET without a query is the Service Description (service_description.h).
#pragma once

#include "http/endpoint.h"
#include "http/message.h"

namespace cairn {
class Store;
}

namespace cairn::http {

// Status codes: 400 malformed query or parameters (body: the parser's "line L, column C: ..."),
// 406 no acceptable format, 415 unsupported POST Content-Type, 503 past the deadline.
Response HandleSparqlQuery(Store& store, const EndpointOptions& options, const Request& request);

}  // namespace cairn::http
