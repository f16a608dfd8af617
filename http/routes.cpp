#include "http/routes.h"

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/store.h"
#include "http/catalog.h"
#include "http/errors.h"
#include "http/graph_store_protocol.h"
#include "http/home_page.h"
#include "http/linked_data.h"
#include "http/metrics.h"
#include "http/sparql_protocol.h"
#include "http/update_protocol.h"
#include "http/write_access.h"

namespace cairn::http {
namespace {

struct Context {
  Store& store;
  EndpointOptions options;
};

using Handler = Response (*)(const Context&, const Request&);

struct Route {
  std::string_view path;
  bool prefix;                     // also answers path + "/..." (direct graph identification)
  std::string_view methods;        // comma-separated, as sent in Allow (HEAD wherever GET is)
  std::string_view write_methods;  // those that change the store: need write access
  bool cacheable;                  // GET/HEAD answers depend only on the store's state: ETag, 304
  Handler handler;
};

const Route kRoutes[] = {
    {"/", false, "GET, HEAD", "", true, [](const Context&, const Request& r) { return HomePage(r); }},
    {"/sparql", false, "GET, HEAD, POST", "", true,
     [](const Context& c, const Request& r) { return HandleSparqlQuery(c.store, c.options, r); }},
    {"/update", false, "POST", "POST", false,
     [](const Context& c, const Request& r) { return HandleSparqlUpdate(c.store, c.options, r); }},
    {"/store", true, "GET, HEAD, PUT, POST, DELETE", "PUT, POST, DELETE", true,
     [](const Context& c, const Request& r) { return HandleGraphStore(c.store, c.options, r); }},
    {"/id", true, "GET, HEAD", "", true,
     [](const Context& c, const Request& r) { return HandleIdentifier(c.store, c.options, r); }},
    {"/doc", true, "GET, HEAD", "", true,
     [](const Context& c, const Request& r) { return HandleDocument(c.store, c.options, r); }},
    {"/describe", false, "GET, HEAD", "", true,
     [](const Context& c, const Request& r) { return HandleDocument(c.store, c.options, r); }},
    {"/def", true, "GET, HEAD", "", true,
     [](const Context& c, const Request& r) { return HandleDocument(c.store, c.options, r); }},
    {"/set", true, "GET, HEAD", "", true,
     [](const Context& c, const Request& r) { return HandleDocument(c.store, c.options, r); }},
    {"/catalog", false, "GET, HEAD", "", true, [](const Context& c, const Request& r) { return HandleCatalog(c.store, c.options, r); }},
    {"/.well-known/void", false, "GET, HEAD", "", true, [](const Context& c, const Request& r) { return HandleVoid(c.store, c.options, r); }},
    {"/dumps", true, "GET, HEAD", "", false, [](const Context& c, const Request& r) { return HandleDump(c.store, c.options, r); }},
    {"/metrics", false, "GET, HEAD", "", false,
     [](const Context& c, const Request&) {
       Response response = TextResponse(200, c.options.metrics ? c.options.metrics->Render(c.store.Summary()) : "");
       response.SetHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
       return response;
     }},
    {"/ui", true, "GET, HEAD", "", false, [](const Context&, const Request& r) { return ServeUiAsset(r); }},
    {"/health", false, "GET, HEAD", "", false, [](const Context&, const Request&) { return TextResponse(200, "ok"); }},
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

const Route* FindRoute(std::string_view path) {
  for (const Route& r : kRoutes) {
    if (r.path == path) return &r;
    if (r.prefix && path.size() > r.path.size() + 1 && path.substr(0, r.path.size()) == r.path && path[r.path.size()] == '/')
      return &r;
  }
  return nullptr;
}

// A weak validator for a read: the store's state, and what selects the representation (target
// and the negotiation headers). Weak because equal tags promise the same data, not the same bytes.
std::string EntityTag(const Store& store, const Request& request) {
  std::string selector = request.path + "?" + request.query + "\n" + std::string(request.Header("accept"));
  char hash[20];
  std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>()(selector));
  return "W/\"" + store.StateTag() + "-" + hash + "\"";
}

// If-None-Match (RFC 9110 13.1.2) matches with the weak comparison: "*" or any listed tag equal
// to ours once the W/ prefixes are set aside.
bool NoneMatchHits(std::string_view header, std::string_view tag) {
  auto opaque = [](std::string_view t) { return t.substr(0, 2) == "W/" ? t.substr(2) : t; };
  std::string_view ours = opaque(tag);
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item == "*" || opaque(item) == ours) return true;
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
  }
  return false;
}

Response Dispatch(const Context& context, const Request& request) {
  const Route* route = FindRoute(request.path);
  if (!route) return TextResponse(404, "Not Found: " + request.path + " (the SPARQL endpoint is /sparql)");
  if (request.method == "OPTIONS" && !context.options.cors_origin.empty()) {
    Response preflight;
    preflight.status = 204;
    preflight.SetHeader("Access-Control-Allow-Methods", std::string(route->methods) + ", OPTIONS");
    preflight.SetHeader("Access-Control-Allow-Headers", "Accept, Content-Type, Authorization, If-None-Match");
    preflight.SetHeader("Access-Control-Max-Age", "86400");
    return preflight;
  }
  if (!Allows(route->methods, request.method)) {
    Response response = TextResponse(405, "Method Not Allowed: " + request.path + " takes " + std::string(route->methods));
    response.SetHeader("Allow", std::string(route->methods));
    return response;
  }
  if (Allows(route->write_methods, request.method)) {
    if (auto refused = RefuseWrite(context.options, request)) return std::move(*refused);
    return route->handler(context, request);
  }
  bool read = request.method == "GET" || request.method == "HEAD";
  if (!route->cacheable || !read) return route->handler(context, request);

  // Taken before the handler's snapshot, so the tag never claims newer data than the response.
  std::string tag = EntityTag(context.store, request);
  if (NoneMatchHits(request.Header("if-none-match"), tag)) {
    Response not_modified;
    not_modified.status = 304;
    not_modified.SetHeader("ETag", tag);
    not_modified.SetHeader("Vary", "Accept");
    return not_modified;
  }
  Response response = route->handler(context, request);
  if (response.status == 200) response.SetHeader("ETag", tag);
  return response;
}

}  // namespace

RequestHandler MakeRouter(Store& store, const EndpointOptions& options) {
  auto context = std::make_shared<Context>(Context{store, options});
  return [context](const Request& request) {
    std::shared_ptr<void> in_progress;
    if (context->options.metrics) in_progress = context->options.metrics->TrackInProgress(request.path);
    Response response = Dispatch(*context, request);
    if (!context->options.cors_origin.empty()) {
      response.SetHeader("Access-Control-Allow-Origin", context->options.cors_origin);
      response.SetHeader("Access-Control-Expose-Headers", "ETag, Location");
    }
    if (response.stream && in_progress) {
      // Still in progress while the body streams: the token lives as long as the producer.
      response.stream = [inner = std::move(response.stream), in_progress](const ByteSink& sink) { return inner(sink); };
    }
    return response;
  };
}

}  // namespace cairn::http
