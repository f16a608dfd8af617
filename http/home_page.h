// GET /: the query page. With YASGUI built in (ui_assets.h): a SPARQL editor with syntax
// highlighting, completion and a results table, talking to /sparql, pre-filled with a query that
// works on any data (the classes in the store and their sizes). Without it: a plain form.
#pragma once

#include "http/message.h"

namespace cairn::http {

// ?query=... pre-fills the editor (links from resource pages use it).
Response HomePage(const Request& request);

// GET /ui/...: the editor's script and stylesheet (versioned paths, cached for a year).
Response ServeUiAsset(const Request& request);

}  // namespace cairn::http
