// The one mapping from Cairn's Status codes to HTTP status codes, and small text responses.
#pragma once

#include <string>

#include "http/message.h"
#include "storage/status.h"

namespace cairn::http {

// Syntax and InvalidArgument -> 400, Unauthorized -> 401, NotFound -> 404, Timeout and Busy ->
// 503, anything else (I/O, corruption, cancellation) -> 500.
int HttpStatusFor(const Status& status);

// A text/plain response whose body is `message` (a newline is added if missing).
Response TextResponse(int status, std::string message);

// TextResponse(HttpStatusFor(status), status.message()).
Response ErrorResponse(const Status& status);

}  // namespace cairn::http
