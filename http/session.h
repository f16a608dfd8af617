// PRIVATE to http/: the state shared by the listener (server.cpp), connections (session.cpp) and
// response writing (response_writer.cpp). It includes Asio and Beast, so only those may include it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <set>

#include "http/server.h"

namespace cairn::http {

struct Connection;

struct ServerState {
  ServerState(const ServerOptions& o, RequestHandler h, int threads) : options(o), handler(std::move(h)), workers(threads) {}

  const ServerOptions options;
  const RequestHandler handler;
  boost::asio::io_context io;
  boost::asio::thread_pool workers;  // handlers and body streaming (they block)
  std::atomic<bool> stopping{false};  // no new requests: finish the current one and close
  std::atomic<bool> stopped{false};   // the event loop is gone: workers must stop waiting on it

  std::mutex mutex;
  std::set<std::shared_ptr<Connection>> connections;  // guarded by mutex
};

struct Connection {
  explicit Connection(boost::asio::ip::tcp::socket socket) : stream(std::move(socket)) {}
  boost::beast::tcp_stream stream;
  boost::beast::flat_buffer buffer;
  std::string remote;
  bool idle = true;  // waiting for the next request (touched on the strand only)
  // The current request's cancel flag; replaced per request so that a late watcher cannot
  // cancel the next one. Guarded by ServerState::mutex.
  std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
};

// What a response came to, for the access log.
struct Outcome {
  int status = 0;
  std::uint64_t bytes = 0;
  bool keep_alive = true;
  bool aborted = false;  // the body was cut short: the connection must close
};

// Writes a whole response (from the connection's strand). Returns false when the connection is gone.
// `head_only` (a HEAD request): the header alone, with the Content-Length the body would have, or
// chunked transfer coding when the body would have been streamed.
boost::asio::awaitable<bool> WriteWhole(Connection& c, const ServerOptions& options, const Response& response,
                                        bool keep_alive, bool head_only, Outcome& outcome);

// On a worker thread: runs response.stream, sending the header with the first bytes and each
// block as a chunk, but not the last chunk (the caller decides). A failed write sets `cancel` and
// fails the producer. Returns the producer's status; `header_sent` says whether any byte left.
Status StreamBody(ServerState& state, Connection& c, const Response& response, bool keep_alive, bool& header_sent,
                  Outcome& outcome, std::atomic<bool>& cancel);

// Runs one connection until it closes. Registers itself in state.connections meanwhile.
void StartSession(ServerState& state, boost::asio::ip::tcp::socket socket);

// Shutdown hooks, called on the event loop: close connections waiting for a request; past the
// grace period, cancel every query and close every connection.
void CloseIdleConnections(ServerState& state);
void AbortAllConnections(ServerState& state);

}  // namespace cairn::http
