// One HTTP/1.1 connection: read a request, run the handler on the worker pool, write the response
// (whole, or chunked as a stream), repeat while keep-alive allows. Every read and write has a
// deadline (tcp_stream::expires_after), so idle and slow clients are dropped.
#include "http/session.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/file_body.hpp>

#include <chrono>
#include <algorithm>
#include <cstdio>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "http/errors.h"
#include "http/temp_file.h"

namespace cairn::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::awaitable;
using asio::use_awaitable;
using beast::error_code;
using Clock = std::chrono::steady_clock;

namespace {

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// Headers worth keeping when a stream fails before its first byte and an error goes out instead.
bool KeepOnError(std::string_view name) {
  return IEquals(name.substr(0, std::min<std::size_t>(name.size(), 15)), "access-control-") || IEquals(name, "vary");
}

void LogLine(const ServerOptions& options, const Connection& c, const std::string& method, const std::string& path,
             const Outcome& o, Clock::time_point start) {
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  std::fprintf(stderr, "%s \"%s %s\" %d %llu %.1fms%s\n", c.remote.c_str(), method.c_str(), path.c_str(), o.status,
               static_cast<unsigned long long>(o.bytes), ms, o.aborted ? " aborted" : "");
  if (options.on_request_done) options.on_request_done(RequestRecord{method, path, o.status, o.bytes, ms / 1000});
}

// Reads the rest of a request's body into `parser`, each piece with its own deadline: a large
// upload may take long, a stalled one not. A chunked body is counted against the limit as it comes.
template <typename Parser>
awaitable<error_code> ReadBody(Connection& c, const ServerOptions& options, Parser& parser) {
  error_code ec;
  parser.body_limit(options.max_body_bytes);
  while (!ec && !parser.is_done()) {
    c.stream.expires_after(options.io_timeout);
    co_await bhttp::async_read_some(c.stream, c.buffer, parser, asio::redirect_error(use_awaitable, ec));
  }
  co_return ec;
}

// Watches the socket while a request is being answered: the peer closing it cancels the query.
// Readiness alone proves nothing (epoll may wake with nothing there, and available() is 0 both
// then and at end of stream), so a peek tells: 0 bytes is the peer's FIN, EAGAIN is a spurious
// wake-up (watch again), data is a pipelined request (the watch ends; it waits its turn).
void WatchForDisconnect(std::shared_ptr<Connection> c, std::shared_ptr<std::atomic<bool>> cancel) {
  c->stream.socket().async_wait(asio::ip::tcp::socket::wait_read, [c, cancel](error_code ec) {
    if (ec) return;
    char byte;
    ssize_t n = ::recv(c->stream.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0) {
      *cancel = true;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      WatchForDisconnect(c, cancel);
    } else if (n < 0) {
      *cancel = true;  // reset by the peer
    }
  });
}

// After an early error (413, 431): stop sending, then read and discard what the client still
// sends for a moment, so that closing does not reset the connection before it read the answer.
awaitable<void> DrainAndClose(Connection& c) {
  error_code ec;
  c.stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  char scratch[16384];
  std::size_t total = 0;
  c.stream.expires_after(std::chrono::seconds(2));
  while (total < (8u << 20)) {
    std::size_t n = co_await c.stream.async_read_some(asio::buffer(scratch), asio::redirect_error(use_awaitable, ec));
    if (ec) break;
    total += n;
  }
  c.stream.socket().close(ec);
}

template <typename Body>
Request ToRequest(const bhttp::request<Body>& message, const Connection& c) {
  Request request;
  request.method = std::string(message.method_string());
  std::string_view target = message.target();
  std::size_t q = target.find('?');
  request.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) request.query = std::string(target.substr(q + 1));
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.remote = c.remote;
  return request;
}

Response PayloadTooLarge(const ServerOptions& options) {
  return TextResponse(413, "Payload Too Large: the limit is " + std::to_string(options.max_body_bytes) + " bytes");
}

// Answers a request that will not be read to its end (a limit was hit), then closes.
awaitable<void> RefuseAndClose(Connection& c, const ServerOptions& options, Response response, const std::string& method,
                               const std::string& path, Clock::time_point start) {
  Outcome outcome;
  co_await WriteWhole(c, options, response, false, false, outcome);
  LogLine(options, c, method, path, outcome, start);
  co_await DrainAndClose(c);
}

awaitable<void> RunSession(ServerState& state, std::shared_ptr<Connection> c) {
  const ServerOptions& options = state.options;
  for (;;) {
    if (state.stopping) co_return;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser.body_limit(boost::none);  // Content-Length is checked below, so that the 413 is logged with its request
    error_code ec;
    c->idle = true;
    c->stream.expires_after(options.idle_timeout);
    co_await bhttp::async_read_header(c->stream, c->buffer, parser, asio::redirect_error(use_awaitable, ec));
    c->idle = false;
    Clock::time_point start = Clock::now();
    if (ec == bhttp::error::header_limit) {
      co_await RefuseAndClose(*c, options,
                              TextResponse(431, "Request Header Fields Too Large: at most " +
                                                    std::to_string(options.max_header_bytes) + " bytes"),
                              "-", "-", start);
      co_return;
    }
    if (ec) co_return;  // closed, timed out, cancelled at shutdown or malformed: just close

    auto& header = parser.get();
    std::string method(header.method_string());
    std::string path(header.target().substr(0, header.target().find('?')));
    if (header.target().size() > options.max_target_bytes) {
      co_await RefuseAndClose(*c, options,
                              TextResponse(414, "URI Too Long: at most " + std::to_string(options.max_target_bytes) +
                                                    " bytes; send long queries with POST"),
                              method, "-", start);
      co_return;
    }
    if (parser.content_length() && *parser.content_length() > options.max_body_bytes) {
      co_await RefuseAndClose(*c, options, PayloadTooLarge(options), method, path, start);
      co_return;
    }
    if (IEquals(header[bhttp::field::expect], "100-continue")) {
      bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
      c->stream.expires_after(options.io_timeout);
      co_await bhttp::async_write(c->stream, cont, asio::redirect_error(use_awaitable, ec));
      if (ec) co_return;
    }
    // Small bodies are read into memory; chunked and large ones go to a spool file, so memory
    // stays bounded whatever the upload's size (the graph store then bulk-loads from the file).
    bool spool = parser.chunked() || (parser.content_length() && *parser.content_length() > options.spool_threshold_bytes);
    bool keep_alive = header.keep_alive();
    Request request;
    if (!spool) {
      ec = co_await ReadBody(*c, options, parser);
      if (!ec) {
        request = ToRequest(parser.get(), *c);
        request.body = std::move(parser.get().body());
      }
    } else {
      bhttp::request_parser<bhttp::file_body> file_parser(std::move(parser));
      // Removed with the last Request that refers to it.
      auto spool_file = std::make_shared<TempFile>("cairn-upload");
      file_parser.get().body().open(spool_file->path().c_str(), beast::file_mode::write_new, ec);
      if (ec) {
        co_await RefuseAndClose(*c, options,
                                TextResponse(500, "Internal Server Error: cannot store the request body: " + ec.message()),
                                method, path, start);
        co_return;
      }
      spool_file->MarkCreated();
      ec = co_await ReadBody(*c, options, file_parser);
      file_parser.get().body().close();
      if (!ec) {
        request = ToRequest(file_parser.get(), *c);
        request.body_file = spool_file->path();
        request.body_file_owner = spool_file;
      }
    }
    if (ec == bhttp::error::body_limit) {
      co_await RefuseAndClose(*c, options, PayloadTooLarge(options), method, path, start);
      co_return;
    }
    if (ec) co_return;

    Outcome outcome;
    std::shared_ptr<std::atomic<bool>> cancel;
    {
      std::lock_guard lock(state.mutex);
      cancel = c->cancel = std::make_shared<std::atomic<bool>>(false);
    }
    request.cancel = cancel.get();
    WatchForDisconnect(c, cancel);
    // HEAD is answered like GET without the body; a streamed body is not even produced.
    bool head = method == "HEAD";

    Response response = co_await asio::co_spawn(
        state.workers,
        [&]() -> awaitable<Response> {
          try {
            co_return state.handler(request);
          } catch (const std::exception& e) {
            co_return TextResponse(500, std::string("Internal Server Error: ") + e.what());
          }
        },
        use_awaitable);
    keep_alive = keep_alive && !state.stopping;

    bool ok;
    if (*cancel) {
      outcome.status = 499;  // the client went away (nginx's code): nobody to answer
      outcome.aborted = true;
      ok = false;
    } else if (!response.stream || head) {
      c->stream.socket().cancel(ec);  // ends the disconnect watch
      ok = co_await WriteWhole(*c, options, response, keep_alive, head, outcome);
    } else {
      bool header_sent = false;
      outcome.status = response.status;
      Status st = co_await asio::co_spawn(
          state.workers,
          [&]() -> awaitable<Status> {
            try {
              co_return StreamBody(state, *c, response, keep_alive, header_sent, outcome, *cancel);
            } catch (const std::exception& e) {
              co_return Status::IOError(e.what());
            }
          },
          use_awaitable);
      c->stream.socket().cancel(ec);
      keep_alive = keep_alive && !state.stopping;
      if (st.ok()) {
        c->stream.expires_after(options.io_timeout);
        co_await asio::async_write(c->stream, bhttp::make_chunk_last(), asio::redirect_error(use_awaitable, ec));
        ok = !ec;
      } else if (*cancel) {
        outcome.status = 499;
        outcome.aborted = true;
        ok = false;
      } else if (!header_sent) {
        Response error = ErrorResponse(st);
        for (const auto& [name, value] : response.headers) {
          if (KeepOnError(name)) error.SetHeader(name, value);
        }
        ok = co_await WriteWhole(*c, options, error, keep_alive, false, outcome);
      } else {
        outcome.aborted = true;  // no last chunk: the client sees a truncated, not a complete, body
        ok = false;
      }
    }
    LogLine(options, *c, method, path, outcome, start);
    if (!ok || !keep_alive) {
      c->stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
      c->stream.socket().close(ec);
      co_return;
    }
  }
}

}  // namespace

void StartSession(ServerState& state, asio::ip::tcp::socket socket) {
  auto c = std::make_shared<Connection>(std::move(socket));
  error_code ec;
  auto endpoint = c->stream.socket().remote_endpoint(ec);
  c->remote = ec ? "-" : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  {
    std::lock_guard lock(state.mutex);
    state.connections.insert(c);
  }
  auto executor = c->stream.get_executor();
  asio::co_spawn(executor, RunSession(state, c), [&state, c](std::exception_ptr e) {
    if (e) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        std::fprintf(stderr, "cairn: connection %s: %s\n", c->remote.c_str(), ex.what());
      }
    }
    std::lock_guard lock(state.mutex);
    state.connections.erase(c);
  });
}

void CloseIdleConnections(ServerState& state) {
  std::lock_guard lock(state.mutex);
  for (const auto& c : state.connections) {
    asio::post(c->stream.get_executor(), [c] {
      if (c->idle) c->stream.cancel();
    });
  }
}

void AbortAllConnections(ServerState& state) {
  std::lock_guard lock(state.mutex);
  for (const auto& c : state.connections) {
    *c->cancel = true;
    asio::post(c->stream.get_executor(), [c] {
      error_code ec;
      c->stream.socket().close(ec);
    });
  }
}

}  // namespace cairn::http
