// What the meaning side of the server (routes and protocols) is configured with; the transport's
// own limits are in server.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace cairn::http {

class Metrics;
class ServedIris;

struct EndpointOptions {
  double timeout_seconds = 30;  // each query's and update's deadline; 0 = none
  std::string cors_origin;      // non-empty: send Access-Control-Allow-Origin and answer preflights
  // Writes (/update, Graph Store PUT/POST/DELETE) need `Authorization: Bearer <update_token>`.
  // Empty token: every write is refused (403), as with read_only.
  std::string update_token;
  bool read_only = false;
  std::vector<std::string> allow_load_dirs;  // SPARQL LOAD may read file: IRIs under these
  bool http_load = false;          // ... and fetch http(s) IRIs of public hosts (http_fetch.h)
  bool http_load_private = false;  // ... and of loopback/private ones too
  Metrics* metrics = nullptr;                // /metrics; must outlive the router
  // The URI space this server answers for, e.g. "http://data.example.gov.uk/" (ends with '/'):
  // GET /id/x is about <http://data.example.gov.uk/id/x>. Empty: "http://HOST/" from each request.
  std::string base_uri;
  ServedIris* served = nullptr;  // IRIs described so far (410 once withdrawn); must outlive the router
};

// The URI space a request is answered in: base_uri, or "http://HOST/" from a well-formed Host
// header (it becomes part of IRIs in documents and the catalogue); nullopt when it is malformed.
std::optional<std::string> BaseUriFor(const EndpointOptions& options, const Request& request);

}  // namespace cairn::http
