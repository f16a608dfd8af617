// ByteSink: where serialisers send their output (a file, stdout, an HTTP response body).
// Writers buffer and call it with large blocks; a non-OK status stops the writer.
#pragma once

#include <functional>
#include <string_view>

#include "storage/status.h"

namespace cairn {
using ByteSink = std::function<Status(std::string_view bytes)>;
}  // namespace cairn
