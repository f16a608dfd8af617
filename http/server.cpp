// The listener: binds, accepts connections onto their own strands, runs the event loop on the
// I/O threads, and shuts down gracefully on SIGINT/SIGTERM.
#include "http/server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cstdio>
#include <thread>
#include <vector>

#include "http/session.h"

namespace cairn::http {

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

asio::awaitable<void> Accept(ServerState& state, tcp::acceptor& acceptor) {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::make_strand(state.io), asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;  // e.g. too many open files: keep serving the others
    // Responses go out as a header write then body chunks; without TCP_NODELAY a keep-alive
    // client's delayed ACK stalls each response by ~40 ms (Nagle), as measured on Virtuoso.
    socket.set_option(tcp::no_delay(true), ec);
    StartSession(state, std::move(socket));
  }
}

std::size_t OpenConnections(ServerState& state) {
  std::lock_guard lock(state.mutex);
  return state.connections.size();
}

// After the signal: poll until the connections are gone, or abort them at the deadline.
void WaitForConnections(ServerState& state, asio::steady_timer& timer, Clock::time_point deadline, bool aborted) {
  timer.expires_after(std::chrono::milliseconds(50));
  timer.async_wait([&state, &timer, deadline, aborted](boost::system::error_code) {
    if (OpenConnections(state) == 0) return;  // the event loop runs out of work and returns
    if (Clock::now() < deadline) return WaitForConnections(state, timer, deadline, aborted);
    if (!aborted) {
      std::fprintf(stderr, "cairn: grace period over: cancelling %zu connection(s)\n", OpenConnections(state));
      AbortAllConnections(state);
      return WaitForConnections(state, timer, Clock::now() + std::chrono::seconds(1), true);
    }
    state.stopped = true;
    state.io.stop();
  });
}

}  // namespace

Status Serve(const ServerOptions& options, RequestHandler handler) {
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ServerState state(options, std::move(handler), threads);

  boost::system::error_code ec;
  auto address = asio::ip::make_address(options.address, ec);
  if (ec) return Status::InvalidArgument("not an IP address: " + options.address);
  tcp::endpoint endpoint(address, options.port);
  tcp::acceptor acceptor(state.io);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Status::IOError("cannot listen on " + options.address + ":" + std::to_string(options.port) + ": " + ec.message());
  std::uint16_t port = acceptor.local_endpoint().port();
  if (options.on_listening) options.on_listening(options.address, port);

  asio::co_spawn(state.io, Accept(state, acceptor), asio::detached);

  asio::signal_set signals(state.io, SIGINT, SIGTERM);
  asio::steady_timer shutdown_timer(state.io);
  signals.async_wait([&](boost::system::error_code error, int signal) {
    if (error) return;
    std::fprintf(stderr, "cairn: %s received: finishing %zu connection(s), then stopping\n",
                 signal == SIGINT ? "SIGINT" : "SIGTERM", OpenConnections(state));
    state.stopping = true;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    CloseIdleConnections(state);
    WaitForConnections(state, shutdown_timer, Clock::now() + options.shutdown_grace, false);
  });

  std::vector<std::thread> io_threads;
  for (int i = 1; i < threads; ++i) io_threads.emplace_back([&state] { state.io.run(); });
  state.io.run();
  for (auto& t : io_threads) t.join();
  state.stopped = true;
  state.workers.join();
  return Status::OK();
}

}  // namespace cairn::http
