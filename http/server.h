// The HTTP/1.1 transport of `cairn serve`: an asynchronous Boost.Beast server that knows nothing
// of SPARQL. It reads requests, hands them to a RequestHandler (routes.h gives them meaning) on a
// worker pool, and writes the responses, streaming chunked bodies as the handler produces them.
//
// Threads: `threads` I/O threads run the event loop (one strand per connection) and as many
// worker threads run handlers and stream their bodies, so a long query never stalls accepting
// or other connections' I/O. Beast and Asio stay inside server.cpp, session.cpp and
// response_writer.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "http/message.h"
#include "storage/status.h"

namespace cairn::http {

// One answered request, for metrics.
struct RequestRecord {
  std::string_view method, path;
  int status = 0;  // 499: the client went away first
  std::uint64_t bytes = 0;
  double seconds = 0;
};

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 7878;  // 0: any free port (on_listening says which)
  int threads = 0;            // 0: one per core
  std::uint64_t max_body_bytes = std::uint64_t{1} << 30;  // larger bodies get 413
  std::size_t max_target_bytes = 16 << 10;                // longer URLs get 414
  std::size_t max_header_bytes = 24 << 10;                // request line and headers; 431 past it
  std::chrono::seconds idle_timeout{30};                  // keep-alive connection with no request
  std::chrono::seconds io_timeout{30};                    // each read or write of a request/response
  std::chrono::seconds shutdown_grace{5};                 // in-flight requests get this long
  // Bodies larger than this, or chunked ones, are spooled to a file in spool_dir (default: the
  // system's temporary directory) instead of memory.
  std::uint64_t spool_threshold_bytes = 8 << 20;
  std::string spool_dir;
  std::function<void(const RequestRecord&)> on_request_done;  // after each request's log line
  std::function<void(const std::string& address, std::uint16_t port)> on_listening;
};

// Serves until SIGINT or SIGTERM, then stops accepting, lets in-flight requests finish (up to
// shutdown_grace, after which their queries are cancelled and connections closed) and returns.
// Logs one line per request to stderr: client, method, path, status, body bytes, milliseconds.
// Errors: IOError when the address cannot be bound.
Status Serve(const ServerOptions& options, RequestHandler handler);

}  // namespace cairn::http
