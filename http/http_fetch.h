// Fetching RDF over http(s) for SPARQL LOAD, when the operator enables it (off by default: a
// server that fetches what an update names can be made to attack its own network). Even when
// enabled, hosts that resolve to loopback, private, link-local or other non-public addresses
// are refused unless allow_private is set too, and the connection goes to the addresses that were
// checked (no DNS rebinding). HTTPS verifies the certificate against the system's CAs and the
// host name. Redirects are followed (at most 5); the body is streamed to a temporary file under
// a size limit and then parsed in the format its Content-Type (or, failing that, its path) names.
#pragma once

#include <chrono>
#include <cstdint>

#include "sparql/eval/update_executor.h"

namespace cairn::http {

struct FetchOptions {
  bool allow_private = false;                        // also loopback/private addresses (tests, intranets)
  std::uint64_t max_bytes = std::uint64_t{1} << 30;  // larger documents fail the LOAD
  std::chrono::seconds timeout{120};                 // for the whole fetch
};

// A LoadHandler that fetches http: and https: IRIs and hands every other IRI to `other` (the
// file: policy; null: refused).
sparql::LoadHandler MakeHttpLoadHandler(const FetchOptions& options, sparql::LoadHandler other);

}  // namespace cairn::http
