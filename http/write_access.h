// Who may write. Reads are public; every write (SPARQL Update, Graph Store PUT/POST/DELETE) must
// carry `Authorization: Bearer <token>` with the operator's token. 401 (with WWW-Authenticate)
// when the credentials are missing or wrong, 403 when the server takes no writes at all.
#pragma once

#include <optional>

#include "http/endpoint.h"
#include "http/message.h"

namespace cairn::http {

// nullopt: the request may write. Otherwise the response refusing it.
std::optional<Response> RefuseWrite(const EndpointOptions& options, const Request& request);

}  // namespace cairn::http
