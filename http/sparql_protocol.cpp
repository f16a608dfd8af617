#include "http/sparql_protocol.h"

#include <chrono>
#include <memory>
#include <optional>
#include <sstream>
#include <vector>

#include "engine/query_output.h"
#include "engine/rdf_writer.h"
#include "engine/store.h"
#include "sparql/eval/query_context.h"
#include "http/errors.h"
#include "http/form.h"
#include "http/media_type.h"
#include "http/service_description.h"
#include "sparql/parser/sparql_parser.h"
#include "sparql/results/solution_writer.h"

namespace cairn::http {
namespace {

using Form = sparql::Query::Form;

std::string TimeoutMessage(double seconds) {
  std::ostringstream out;
  out << "query timed out after " << seconds << " s";
  return out.str();
}

// The request's parameters (URL and form body) and query text, or the response to send instead.
struct ProtocolRequest {
  Params params;
  std::optional<std::string> query;
};

std::optional<Response> ReadProtocolRequest(const Request& request, ProtocolRequest& out) {
  Status st = ParseForm(request.query, out.params);
  if (!st.ok()) return ErrorResponse(st);
  if (request.method == "POST") {
    std::string type = BareMediaType(request.Header("content-type"));
    auto body = request.BodyText();
    if (!body.ok()) return ErrorResponse(body.status());
    if (type == "application/x-www-form-urlencoded") {
      st = ParseForm(*body, out.params);
      if (!st.ok()) return ErrorResponse(st);
    } else if (type == "application/sparql-query") {
      out.query = std::move(body).value();
    } else {
      return TextResponse(415, "Unsupported Media Type: POST /sparql takes application/sparql-query or "
                               "application/x-www-form-urlencoded" +
                                   (type.empty() ? std::string(" (the request has no Content-Type)") : ", not " + type));
    }
  }
  auto queries = ParamValues(out.params, "query");
  if (!ParamValues(out.params, "update").empty()) {
    return TextResponse(400, "this endpoint answers queries only: send updates to /update");
  }
  if (queries.size() > 1 || (out.query && !queries.empty())) {
    return TextResponse(400, "give exactly one query (several were given)");
  }
  if (!queries.empty()) out.query = std::move(queries[0]);
  return std::nullopt;
}

}  // namespace

Response HandleSparqlQuery(Store& store, const EndpointOptions& options, const Request& request) {
  ProtocolRequest protocol;
  if (auto early = ReadProtocolRequest(request, protocol)) return std::move(*early);
  if (!protocol.query) {
    if (request.method != "POST") return HandleServiceDescription(store, request);
    return TextResponse(400, "no query: give it as the query parameter or as an application/sparql-query body");
  }
  auto query = sparql::ParseQuery(*protocol.query, request.BaseIri());
  if (!query.ok()) return ErrorResponse(query.status());

  // Negotiate before running anything: a 406 costs nothing. format= overrides Accept.
  bool solutions = query->form == Form::kSelect || query->form == Form::kAsk;
  std::optional<sparql::ResultFormat> result_format;
  std::optional<RdfFormat> rdf_format;
  // format= (and output=, as some clients send) overrides Accept when Cairn knows one of its
  // values; clients such as SPARQLWrapper send names of their own ("n3", "rdf+xml") next to a
  // proper Accept header, so unknown values fall back to negotiation rather than failing.
  std::vector<std::string> format_params = ParamValues(protocol.params, "format");
  for (auto& v : ParamValues(protocol.params, "output")) format_params.push_back(std::move(v));
  for (const std::string& name : format_params) {
    if (solutions && !result_format) result_format = sparql::ResultFormatFromName(name);
    if (!solutions && !rdf_format) rdf_format = name == "n3" ? std::optional(RdfFormat::kTurtle) : RdfFormatFromName(name);
  }
  std::string_view accept = request.Header("accept");
  if (solutions && !result_format) {
    result_format = NegotiateResultFormat(accept);
    if (!result_format) return TextResponse(406, NotAcceptableMessage("SELECT and ASK results", false));
  } else if (!solutions && !rdf_format) {
    rdf_format = NegotiateRdfFormat(accept);
    if (!rdf_format) return TextResponse(406, NotAcceptableMessage("CONSTRUCT and DESCRIBE results", true));
  }

  sparql::ExecuteOptions execute;
  for (const auto& g : ParamValues(protocol.params, "default-graph-uri")) execute.default_graphs.push_back(Term::Iri(g));
  for (const auto& g : ParamValues(protocol.params, "named-graph-uri")) execute.named_graphs.push_back(Term::Iri(g));
  execute.cancel = request.cancel;
  double timeout = options.timeout_seconds;
  execute.deadline = sparql::DeadlineAfter(timeout);
  auto executed = store.Execute(*query, execute);
  if (!executed.ok()) {
    if (executed.status().code() == Status::Code::kTimeout) return TextResponse(503, TimeoutMessage(timeout));
    return ErrorResponse(executed.status());
  }
  std::shared_ptr<sparql::QueryResults> results = std::move(*executed);

  Response response;
  response.SetHeader("Content-Type", std::string(result_format ? sparql::ResultFormatMediaType(*result_format)
                                                               : RdfFormatMediaType(*rdf_format)));
  response.SetHeader("Vary", "Accept");
  response.stream = [results, result_format, rdf_format, timeout](const ByteSink& sink) -> Status {
    Status st = result_format ? StreamSolutions(*results, *result_format, sink)
                              : StreamTriples(*results, *rdf_format, sink);
    if (st.code() == Status::Code::kTimeout) return Status::Timeout(TimeoutMessage(timeout));
    return st;
  };
  return response;
}

}  // namespace cairn::http
