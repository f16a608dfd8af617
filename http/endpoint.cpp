#include "http/endpoint.h"

namespace cairn::http {

std::optional<std::string> BaseUriFor(const EndpointOptions& options, const Request& request) {
  if (!options.base_uri.empty()) return options.base_uri;
  auto authority = request.Authority();
  if (!authority) return std::nullopt;
  return "http://" + *authority + "/";
}

}  // namespace cairn::http
