// What the meaning side of the server (routes and protocols) is configured with; the transport's
// own limits are in server.h.
#pragma once

#include <string>

namespace cairn::http {

struct EndpointOptions {
  double timeout_seconds = 30;  // each query's deadline; 0 = none
  std::string cors_origin;      // non-empty: send Access-Control-Allow-Origin and answer preflights
};

}  // namespace cairn::http
