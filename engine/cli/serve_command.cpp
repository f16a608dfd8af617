#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

#include "engine/cli/commands.h"
#include "engine/store.h"
#include "http/routes.h"
#include "http/server.h"

namespace cairn::cli {
namespace {

struct ServeArgs {
  std::string location;
  std::string bind = "127.0.0.1:7878";
  int threads = 0;
  double timeout = 30;
  std::string cors;
  std::uint64_t max_body = std::uint64_t{1} << 30;
};

int RunServe(const ServeArgs& args) {
  http::ServerOptions server;
  std::size_t colon = args.bind.rfind(':');
  if (colon == std::string::npos) return Fail("--bind wants ADDRESS:PORT, not " + args.bind, 2);
  server.address = args.bind.substr(0, colon);
  if (server.address.size() >= 2 && server.address.front() == '[') server.address = server.address.substr(1, server.address.size() - 2);
  try {
    int port = std::stoi(args.bind.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    server.port = static_cast<std::uint16_t>(port);
  } catch (const std::exception&) {
    return Fail("--bind wants ADDRESS:PORT, not " + args.bind, 2);
  }
  server.threads = args.threads;
  server.max_body_bytes = args.max_body;
  server.on_listening = [](const std::string& address, std::uint16_t port) {
    std::string host = address.find(':') != std::string::npos ? "[" + address + "]" : address;
    std::fprintf(stderr, "cairn: listening on http://%s:%u/ (SPARQL endpoint /sparql)\n", host.c_str(), port);
  };

  auto store = Store::Open(args.location, StoreOptions{});
  if (!store.ok()) return Fail(store.status());
  http::EndpointOptions endpoint;
  endpoint.timeout_seconds = args.timeout;
  endpoint.cors_origin = args.cors;
  Status st = http::Serve(server, http::MakeRouter(**store, endpoint));
  store->reset();  // close the store before saying so
  if (!st.ok()) return Fail(st);
  std::fprintf(stderr, "cairn: stopped\n");
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the store over HTTP: the SPARQL 1.1 Protocol at /sparql");
  cmd->add_option("--location,-l", args->location, "Store directory")->required();
  cmd->add_option("--bind", args->bind, "ADDRESS:PORT to listen on (port 0: any free port)")->capture_default_str();
  cmd->add_option("--threads", args->threads, "I/O threads and as many query workers (default: one per core)");
  cmd->add_option("--timeout", args->timeout, "Stop each query after this many seconds (0: never)")->capture_default_str();
  cmd->add_option("--cors", args->cors, "Allow this origin (or *) to call the endpoint from a browser");
  cmd->add_option("--max-body", args->max_body, "Largest request body in bytes (413 past it)")->capture_default_str();
  cmd->callback([args] { g_exit_code = RunServe(*args); });
}

}  // namespace cairn::cli
