#include "http/graph_store_protocol.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>

#include "engine/store.h"
#include "http/errors.h"
#include "http/form.h"
#include "engine/rdf_reader.h"
#include "http/media_type.h"
#include "http/multipart.h"
#include "storage/iri.h"

namespace cairn::http {
namespace {

constexpr std::string_view kStorePath = "/store";

// Which graph a request is about: Term::DefaultGraph(), a named graph, or nullopt for the graph
// store itself (POST /store: create a graph). `error` is set when the request is malformed.
struct Target {
  std::optional<Term> graph;
  std::string request_iri;  // the request's own IRI: base for relative IRIs in bodies
};

std::optional<Response> IdentifyGraph(const Request& request, Target& target) {
  auto authority = request.Authority();
  if (!authority) return TextResponse(400, "malformed Host header");
  std::string origin = "http://" + *authority;
  target.request_iri = origin + request.path + (request.query.empty() ? "" : "?" + request.query);
  if (request.path != kStorePath) {  // direct identification: /store/NAME
    if (!request.query.empty()) {
      return TextResponse(400, "a graph named by its URL (" + request.path + ") takes no graph or default parameter");
    }
    target.graph = Term::Iri(origin + request.path);
    return std::nullopt;
  }
  Params params;
  Status st = ParseForm(request.query, params);
  if (!st.ok()) return ErrorResponse(st);
  auto graphs = ParamValues(params, "graph");
  bool default_graph = !ParamValues(params, "default").empty();
  if (graphs.size() + (default_graph ? 1 : 0) > 1) return TextResponse(400, "give one of ?graph=IRI and ?default, once");
  if (default_graph) {
    target.graph = Term::DefaultGraph();
  } else if (!graphs.empty()) {
    // A relative graph IRI is resolved against the request's IRI (RFC 3986), as the protocol says.
    auto iri = ResolveIri(origin + std::string(kStorePath), graphs[0]);
    if (graphs[0].empty() || !iri) return TextResponse(400, "graph parameter is not an IRI: " + graphs[0]);
    target.graph = Term::Iri(*iri);
  }
  return std::nullopt;
}

Response Read(Store& store, const Request& request, const Term& graph) {
  auto exists = store.HasGraph(graph);
  if (!exists.ok()) return ErrorResponse(exists.status());
  if (!*exists) return TextResponse(404, "Not Found: the store has no graph " + ToNTriples(graph));
  auto format = NegotiateRdfFormat(request.Header("accept"));
  if (!format) return TextResponse(406, NotAcceptableMessage("a graph", true));
  Response response;
  response.SetHeader("Content-Type", std::string(RdfFormatMediaType(*format)));
  response.SetHeader("Vary", "Accept");
  response.stream = [&store, graph, format = *format](const ByteSink& sink) { return store.Dump(format, graph, sink); };
  return response;
}

// A name for a graph created by POST /store: unpredictable, so that it cannot be guessed or
// collide with one a client chose.
std::string NewGraphName() {
  static std::atomic<std::uint64_t> counter{0};
  std::random_device random;
  char name[48];
  std::snprintf(name, sizeof name, "g%08x%08x-%llu", random(), random(), static_cast<unsigned long long>(++counter));
  return name;
}

// The format of a body that holds one graph: any RDF media type Cairn reads but the dataset ones.
std::optional<RdfFormat> GraphFormat(std::string_view media_type) {
  auto format = RdfFormatFromMediaType(media_type);
  if (!format || *format == RdfFormat::kNQuads || *format == RdfFormat::kTriG) return std::nullopt;
  return format;
}

Response UnsupportedType(const std::string& type) {
  return TextResponse(415, "Unsupported Media Type: a graph is sent as text/turtle, application/x-turtle, "
                           "application/n-triples, application/ld+json, application/rdf+xml or multipart/form-data "
                           "of those" + (type.empty() ? std::string(", with its Content-Type") : ", not " + type));
}

// multipart/form-data: every part is a document of the graph, in the format its Content-Type
// (or file name) says; all are parsed before anything changes. Blank-node labels are scoped to
// their part.
std::optional<Response> ReadParts(const Request& request, GraphSource& source) {
  auto body = request.BodyText();
  if (!body.ok()) return ErrorResponse(body.status());
  auto parts = ParseMultipart(*body, request.Header("content-type"));
  if (!parts.ok()) return ErrorResponse(parts.status());
  source.parsed = true;
  for (std::size_t i = 0; i < parts->size(); ++i) {
    const BodyPart& part = (*parts)[i];
    std::string part_type = BareMediaType(part.content_type);
    std::optional<RdfFormat> format = part_type.empty() ? RdfFormatFromPath(part.filename) : GraphFormat(part_type);
    if (!format) return UnsupportedType(part_type.empty() ? "a part without a Content-Type" : part_type);
    RdfReadOptions read;
    read.format = *format;
    read.base_iri = source.base_iri;
    std::string scope = "p" + std::to_string(i) + "_";
    Status st = ReadRdfString(part.body, "part " + std::to_string(i + 1), read, [&](const Quad& q) {
      Quad quad = q;
      for (Term* t : {&quad.subject, &quad.object}) {
        if (t->is_blank()) t->value = scope + t->value;
      }
      source.quads.push_back(std::move(quad));
      return Status::OK();
    });
    if (!st.ok()) return ErrorResponse(st);
  }
  return std::nullopt;
}

Response Write(Store& store, const Request& request, const Target& target, bool replace) {
  if (std::string_view encoding = request.Header("content-encoding"); !encoding.empty() && encoding != "identity") {
    return TextResponse(415, "Unsupported Media Type: Content-Encoding " + std::string(encoding) + " (send the RDF uncompressed)");
  }
  GraphSource source;
  source.base_iri = target.request_iri;
  std::string type = BareMediaType(request.Header("content-type"));
  bool empty_body = request.body_file.empty() && request.body.empty();
  if (type == "multipart/form-data") {
    if (auto error = ReadParts(request, source)) return std::move(*error);
  } else if (type.empty() && empty_body) {
    source.format = RdfFormat::kNTriples;  // an empty body is an empty graph, whatever its type
  } else {
    auto format = GraphFormat(type);
    if (!format) return UnsupportedType(type);
    source.format = *format;
    source.text = request.body;
    source.file = request.body_file;
  }

  Term graph = target.graph ? *target.graph : Term::Iri("");
  std::string location;
  if (!target.graph) {  // POST /store: a new graph, named under /store/ so that its IRI is its URL
    auto authority = request.Authority();
    location = std::string(kStorePath) + "/" + NewGraphName();
    graph = Term::Iri("http://" + *authority + location);
  }
  auto written = store.WriteGraph(graph, source, replace);
  if (!written.ok()) return ErrorResponse(written.status());
  Response response;
  response.status = written->created ? 201 : 204;
  if (!location.empty()) {
    response.SetHeader("Location", location);
  }
  if (response.status == 201) {
    response.body = "created " + ToNTriples(graph) + " with " + std::to_string(written->triples) + " triples\n";
    response.SetHeader("Content-Type", "text/plain; charset=utf-8");
  }
  return response;
}

}  // namespace

Response HandleGraphStore(Store& store, const EndpointOptions&, const Request& request) {
  Target target;
  if (auto error = IdentifyGraph(request, target)) return std::move(*error);
  const std::string& method = request.method;
  if (!target.graph && method != "POST") {
    return TextResponse(400, "name the graph: /store?graph=IRI, /store?default or /store/NAME (only POST /store "
                             "alone creates a new graph)");
  }
  if (method == "GET" || method == "HEAD") return Read(store, request, *target.graph);
  if (method == "PUT") return Write(store, request, target, /*replace=*/true);
  if (method == "POST") return Write(store, request, target, /*replace=*/false);
  if (method == "DELETE") {
    auto dropped = store.DropGraph(*target.graph);
    if (!dropped.ok()) return ErrorResponse(dropped.status());
    if (!*dropped) return TextResponse(404, "Not Found: the store has no graph " + ToNTriples(*target.graph));
    Response response;
    response.status = 204;
    return response;
  }
  return TextResponse(405, "Method Not Allowed");
}

}  // namespace cairn::http
