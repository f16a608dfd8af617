// Writing responses on a connection: whole ones from the connection's coroutine, streamed
// (chunked) ones from a worker thread that hands each block to the connection's strand.
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <future>

#include "http/session.h"

namespace cairn::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::awaitable;
using asio::use_awaitable;
using beast::error_code;

namespace {

constexpr const char* kServerName = "cairn/0.1";

template <typename Body>
void AddHeaders(bhttp::response<Body>& message, const HeaderList& headers) {
  message.set(bhttp::field::server, kServerName);
  for (const auto& [name, value] : headers) message.set(name, value);
}

// Runs `start` (which begins one async write on the connection and calls its argument when done)
// on the connection's strand, and blocks this worker thread until it completes.
template <typename Start>
error_code WriteFromWorker(ServerState& state, Connection& c, Start start) {
  auto done = std::make_shared<std::promise<error_code>>();
  std::future<error_code> result = done->get_future();
  asio::post(c.stream.get_executor(), [start = std::move(start), done]() mutable {
    start([done](error_code ec, std::size_t) { done->set_value(ec); });
  });
  while (result.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
    if (state.stopped) return asio::error::operation_aborted;
  }
  return result.get();
}

}  // namespace

awaitable<bool> WriteWhole(Connection& c, const ServerOptions& options, const Response& response, bool keep_alive,
                           bool head_only, Outcome& outcome) {
  bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(response.status), 11};
  AddHeaders(message, response.headers);
  message.body() = response.body;
  message.keep_alive(keep_alive);
  if (response.stream) {
    message.chunked(true);
  } else {
    message.prepare_payload();
  }
  error_code ec;
  c.stream.expires_after(options.io_timeout);
  if (head_only) {
    bhttp::response_serializer<bhttp::string_body> serializer(message);
    co_await bhttp::async_write_header(c.stream, serializer, asio::redirect_error(use_awaitable, ec));
  } else {
    co_await bhttp::async_write(c.stream, message, asio::redirect_error(use_awaitable, ec));
  }
  outcome.status = response.status;
  outcome.bytes = head_only ? 0 : response.body.size();
  outcome.keep_alive = keep_alive && !ec;
  co_return !ec;
}

Status StreamBody(ServerState& state, Connection& c, const Response& response, bool keep_alive, bool& header_sent,
                  Outcome& outcome, std::atomic<bool>& cancel) {
  auto header = std::make_shared<bhttp::response<bhttp::empty_body>>(static_cast<bhttp::status>(response.status), 11);
  AddHeaders(*header, response.headers);
  header->keep_alive(keep_alive);
  header->chunked(true);
  auto send_header = [&]() -> error_code {
    header_sent = true;
    auto serializer = std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*header);
    return WriteFromWorker(state, c, [&c, &options = state.options, header, serializer](auto handler) {
      c.stream.expires_after(options.io_timeout);
      bhttp::async_write_header(c.stream, *serializer,
                                [header, serializer, handler](error_code ec, std::size_t n) { handler(ec, n); });
    });
  };
  ByteSink sink = [&](std::string_view bytes) -> Status {
    if (bytes.empty()) return Status::OK();
    error_code ec;
    if (!header_sent) ec = send_header();
    if (!ec) {
      ec = WriteFromWorker(state, c, [&c, &options = state.options, bytes](auto handler) {
        c.stream.expires_after(options.io_timeout);
        asio::async_write(c.stream, bhttp::make_chunk(asio::buffer(bytes.data(), bytes.size())), handler);
      });
    }
    if (ec) {
      cancel = true;  // the client is gone or too slow: stop the query
      return Status::IOError("client connection lost: " + ec.message());
    }
    outcome.bytes += bytes.size();
    return Status::OK();
  };
  Status st = response.stream(sink);
  if (st.ok() && !header_sent) {
    error_code ec = send_header();
    if (ec) return Status::IOError("client connection lost: " + ec.message());
  }
  return st;
}

}  // namespace cairn::http
