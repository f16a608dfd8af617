#include "http/routes.h"

#include <memory>
#include <string_view>
#include <vector>

#include "http/errors.h"
#include "http/home_page.h"
#include "http/sparql_protocol.h"

namespace cairn::http {
namespace {

struct Context {
  Store& store;
  EndpointOptions options;
};

using Handler = Response (*)(const Context&, const Request&);

struct Route {
  std::string_view path;
  std::string_view methods;  // comma-separated, as sent in Allow
  Handler handler;
};

// Every route of the server. Writes (/update, /store) come with the update issue.
const Route kRoutes[] = {
    {"/", "GET", [](const Context&, const Request&) { return HomePage(); }},
    {"/sparql", "GET, POST",
     [](const Context& c, const Request& r) { return HandleSparqlQuery(c.store, c.options, r); }},
    {"/health", "GET", [](const Context&, const Request&) { return TextResponse(200, "ok"); }},
};

bool Allows(std::string_view methods, std::string_view method) {
  while (!methods.empty()) {
    std::size_t comma = methods.find(',');
    std::string_view m = methods.substr(0, comma);
    while (!m.empty() && m.front() == ' ') m.remove_prefix(1);
    if (m == method) return true;
    methods = comma == std::string_view::npos ? std::string_view() : methods.substr(comma + 1);
  }
  return false;
}

Response Dispatch(const Context& context, const Request& request) {
  const Route* route = nullptr;
  for (const Route& r : kRoutes) {
    if (r.path == request.path) route = &r;
  }
  if (!route) return TextResponse(404, "Not Found: " + request.path + " (the SPARQL endpoint is /sparql)");
  if (request.method == "OPTIONS" && !context.options.cors_origin.empty()) {
    Response preflight;
    preflight.status = 204;
    preflight.SetHeader("Access-Control-Allow-Methods", std::string(route->methods) + ", OPTIONS");
    preflight.SetHeader("Access-Control-Allow-Headers", "Accept, Content-Type, Authorization");
    preflight.SetHeader("Access-Control-Max-Age", "86400");
    return preflight;
  }
  if (!Allows(route->methods, request.method)) {
    Response response = TextResponse(405, "Method Not Allowed: " + request.path + " takes " + std::string(route->methods));
    response.SetHeader("Allow", std::string(route->methods));
    return response;
  }
  return route->handler(context, request);
}

}  // namespace

RequestHandler MakeRouter(Store& store, const EndpointOptions& options) {
  auto context = std::make_shared<Context>(Context{store, options});
  return [context](const Request& request) {
    Response response = Dispatch(*context, request);
    if (!context->options.cors_origin.empty()) {
      response.SetHeader("Access-Control-Allow-Origin", context->options.cors_origin);
    }
    return response;
  };
}

}  // namespace cairn::http
