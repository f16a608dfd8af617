#include <CLI/CLI.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <string>

#include "engine/cli/commands.h"
#include "engine/store.h"
#include "http/metrics.h"
#include "http/routes.h"
#include "http/served_iris.h"
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
  std::string update_token_file;
  bool read_only = false;
  std::vector<std::string> allow_load;
  bool allow_http_load = false, allow_http_load_private = false;
  std::string base_uri;
};

// The token is the file's first line, without surrounding white space.
Result<std::string> ReadToken(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IOError("cannot read --update-token-file " + path);
  std::string token;
  std::getline(in, token);
  auto not_space = [](unsigned char ch) { return !std::isspace(ch); };
  token.erase(token.begin(), std::find_if(token.begin(), token.end(), not_space));
  token.erase(std::find_if(token.rbegin(), token.rend(), not_space).base(), token.end());
  if (token.size() < 16) {
    return Status::InvalidArgument("--update-token-file " + path + ": the token (its first line) must have at least 16 characters");
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO))) {
    std::fprintf(stderr, "cairn: warning: %s can be read by other users (chmod 600 it)\n", path.c_str());
  }
  return token;
}

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
    std::fprintf(stderr, "cairn: listening on http://%s:%u/ (SPARQL endpoint /sparql, updates /update, graph store /store)\n",
                 host.c_str(), port);
  };

  http::EndpointOptions endpoint;
  endpoint.timeout_seconds = args.timeout;
  endpoint.cors_origin = args.cors;
  endpoint.read_only = args.read_only;
  endpoint.allow_load_dirs = args.allow_load;
  endpoint.http_load = args.allow_http_load || args.allow_http_load_private;
  endpoint.http_load_private = args.allow_http_load_private;
  if (!args.base_uri.empty()) {
    if (args.base_uri.rfind("http://", 0) != 0 && args.base_uri.rfind("https://", 0) != 0) {
      return Fail("--base-uri wants an http(s) URI, not " + args.base_uri, 2);
    }
    endpoint.base_uri = args.base_uri;
    if (endpoint.base_uri.back() != '/') endpoint.base_uri += '/';
  }
  if (!args.update_token_file.empty()) {
    auto token = ReadToken(args.update_token_file);
    if (!token.ok()) return Fail(token.status().message(), 2);
    endpoint.update_token = *token;
  }
  http::Metrics metrics;
  endpoint.metrics = &metrics;
  server.on_request_done = [&metrics](const http::RequestRecord& r) { metrics.RecordRequest(r.path, r.status, r.seconds); };

  auto store = Store::Open(args.location, StoreOptions{});
  if (!store.ok()) return Fail(store.status());
  // Opened after the store: the store's lock says no other server uses this directory.
  auto served = http::ServedIris::Open(args.location + "/served-iris");
  if (!served.ok()) return Fail(served.status());
  endpoint.served = served->get();
  Status st = http::Serve(server, http::MakeRouter(**store, endpoint));
  store->reset();  // close the store before saying so
  if (!st.ok()) return Fail(st);
  std::fprintf(stderr, "cairn: stopped\n");
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the store over HTTP: SPARQL 1.1 Protocol (/sparql, /update), Graph Store Protocol (/store)");
  cmd->add_option("--location,-l", args->location, "Store directory")->required();
  cmd->add_option("--bind", args->bind, "ADDRESS:PORT to listen on (port 0: any free port)")->capture_default_str();
  cmd->add_option("--threads", args->threads, "I/O threads and as many query workers (default: one per core)");
  cmd->add_option("--timeout", args->timeout, "Stop each query after this many seconds (0: never)")->capture_default_str();
  cmd->add_option("--cors", args->cors, "Allow this origin (or *) to call the endpoint from a browser");
  cmd->add_option("--max-body", args->max_body, "Largest request body in bytes (413 past it)")->capture_default_str();
  cmd->add_option("--update-token-file", args->update_token_file,
                  "Writes (/update, PUT/POST/DELETE /store) need 'Authorization: Bearer <first line of this file>'; "
                  "without it the server takes no writes");
  cmd->add_flag("--read-only", args->read_only, "Refuse every write (403)");
  cmd->add_option("--base-uri", args->base_uri,
                  "The URI space this server publishes, e.g. http://data.example.gov.uk/ (/id/x names <BASE/id/x>); "
                  "default: http://HOST/ of each request");
  cmd->add_option("--allow-load", args->allow_load, "SPARQL LOAD may read file: IRIs inside this directory (repeatable)")
      ->allow_extra_args(false);
  cmd->add_flag("--allow-http-load", args->allow_http_load, "SPARQL LOAD may fetch http(s) IRIs of public hosts (off by default)");
  cmd->add_flag("--allow-http-load-private", args->allow_http_load_private,
                "... and of loopback, private and link-local addresses too (implies --allow-http-load)");
  cmd->callback([args] { g_exit_code = RunServe(*args); });
}

}  // namespace cairn::cli
