#include "http/write_access.h"

#include <strings.h>

#include "http/errors.h"

namespace cairn::http {
namespace {

// Compares in time independent of where the strings differ, so that response timing does not
// reveal how much of a guessed token was right.
bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i % (b.empty() ? 1 : b.size())]);
  return diff == 0 && !b.empty();
}

Response Unauthorized(std::string message) {
  Response response = TextResponse(401, std::move(message));
  response.SetHeader("WWW-Authenticate", "Bearer realm=\"cairn\"");
  return response;
}

}  // namespace

std::optional<Response> RefuseWrite(const EndpointOptions& options, const Request& request) {
  if (options.read_only) return TextResponse(403, "Forbidden: this server is read-only");
  if (options.update_token.empty()) {
    return TextResponse(403, "Forbidden: this server takes no writes (it was started without --update-token-file)");
  }
  std::string_view authorization = request.Header("authorization");
  if (authorization.empty()) return Unauthorized("Unauthorized: writes need an Authorization: Bearer <token> header");
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size() || strncasecmp(authorization.data(), kScheme.data(), kScheme.size()) != 0) {
    return Unauthorized("Unauthorized: writes need a Bearer token");
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (!ConstantTimeEquals(token, options.update_token)) return Unauthorized("Unauthorized: wrong token");
  return std::nullopt;
}

}  // namespace cairn::http
