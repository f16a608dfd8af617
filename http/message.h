// Request and Response as the meaning side of http/ sees them: plain values, no Beast types.
// server.cpp / session.cpp translate between these and the wire; routes.cpp and the protocol
// files (sparql_protocol.cpp, service_description.cpp) only ever see these.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/byte_sink.h"
#include "storage/status.h"

namespace cairn::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // "GET", "POST", ... as sent
  std::string path;    // the target before '?', still percent-encoded
  std::string query;   // the target after '?' (raw), empty if none
  HeaderList headers;  // names lower-cased
  std::string body;
  // Large or chunked bodies are spooled to a temporary file instead of `body` (memory stays
  // bounded whatever the upload's size): its path, removed when the last copy of the Request
  // (body_file_owner) goes.
  std::string body_file;
  std::shared_ptr<const void> body_file_owner;
  std::string remote;  // "address:port" of the client, for logs
  // Set by the transport when the client goes away or the server is shutting down; a handler
  // passes it on to long-running work (sparql::ExecuteOptions::cancel). Never null.
  const std::atomic<bool>* cancel = nullptr;

  // The first header with this lower-case name, or "" when absent.
  std::string_view Header(std::string_view lower_name) const;
  // The Host header when it is a plain host[:port] (it may end up in IRIs and links);
  // "localhost" when absent; nullopt when malformed.
  std::optional<std::string> Authority() const;
  // "http://HOST/path": the request's own IRI without its query, the base for relative IRIs in
  // queries, updates and uploaded RDF (SPARQL 1.1 Protocol leaves the base to the service).
  std::string BaseIri() const;
  // The body as text, read from body_file when it was spooled. For bodies that must be in
  // memory anyway (query and update text).
  Result<std::string> BodyText() const;
};

struct Response {
  int status = 200;
  HeaderList headers;  // Content-Length and Transfer-Encoding are the transport's business
  std::string body;
  // When set, the body is produced by calling `stream` with a sink, and sent with chunked
  // transfer encoding as it comes (`body` is ignored). The header goes out with the first
  // bytes: if `stream` fails before calling the sink, the client gets an error response made
  // from the Status instead (see errors.h); if it fails later, the connection is closed without
  // the final chunk so that a partial result is never taken for a complete one.
  std::function<Status(const ByteSink& sink)> stream;

  void SetHeader(std::string name, std::string value);
  std::string_view Header(std::string_view name) const;  // case-insensitive; "" when absent
};

using RequestHandler = std::function<Response(const Request&)>;

}  // namespace cairn::http
