// GET /: a small HTML page saying what this server is, pointing at /sparql. (The query editor,
// YASGUI, comes later.)
#pragma once

#include "http/message.h"

namespace cairn::http {
Response HomePage();
}  // namespace cairn::http
