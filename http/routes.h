// The server's routes as one table of path, methods and handler (routes.cpp), and the dispatch
// that every request goes through: 404 for an unknown path, 405 with Allow for a method the
// path does not take, CORS headers and preflight answers when configured.
#pragma once

#include "http/endpoint.h"
#include "http/message.h"

namespace cairn {
class Store;
}

namespace cairn::http {

// The handler `cairn serve` runs. `store` must outlive it. Thread-safe: called concurrently.
RequestHandler MakeRouter(Store& store, const EndpointOptions& options);

}  // namespace cairn::http
