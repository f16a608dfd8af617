#include "http/update_protocol.h"

#include <sstream>

#include "engine/load_policy.h"
#include "engine/store.h"
#include "http/errors.h"
#include "http/form.h"
#include "http/http_fetch.h"
#include "http/media_type.h"
#include "sparql/eval/query_context.h"
#include "sparql/parser/sparql_parser.h"

namespace cairn::http {
namespace {

bool NamesItsOwnDataset(const sparql::Update& update) {
  for (const auto& op : update.operations) {
    if (op.with_graph || op.using_dataset.specified || !op.using_dataset.default_graphs.empty() ||
        !op.using_dataset.named_graphs.empty()) {
      return true;
    }
  }
  return false;
}

}  // namespace

Response HandleSparqlUpdate(Store& store, const EndpointOptions& options, const Request& request) {
  Params params;
  Status st = ParseForm(request.query, params);
  if (!st.ok()) return ErrorResponse(st);
  std::string type = BareMediaType(request.Header("content-type"));
  auto body = request.BodyText();
  if (!body.ok()) return ErrorResponse(body.status());
  std::optional<std::string> text;
  if (type == "application/x-www-form-urlencoded") {
    st = ParseForm(*body, params);
    if (!st.ok()) return ErrorResponse(st);
  } else if (type == "application/sparql-update") {
    text = std::move(body).value();
  } else {
    return TextResponse(415, "Unsupported Media Type: POST /update takes application/sparql-update or "
                             "application/x-www-form-urlencoded" +
                                 (type.empty() ? std::string(" (the request has no Content-Type)") : ", not " + type));
  }
  if (!ParamValues(params, "query").empty()) return TextResponse(400, "this endpoint applies updates: send queries to /sparql");
  auto updates = ParamValues(params, "update");
  if (updates.size() > 1 || (text && !updates.empty())) return TextResponse(400, "give exactly one update (several were given)");
  if (!updates.empty()) text = std::move(updates[0]);
  if (!text) return TextResponse(400, "no update: give it as the update parameter or as an application/sparql-update body");

  auto update = sparql::ParseUpdate(*text, request.BaseIri());
  if (!update.ok()) return ErrorResponse(update.status());

  sparql::UpdateOptions execute;
  for (const auto& g : ParamValues(params, "using-graph-uri")) execute.using_graphs.push_back(Term::Iri(g));
  for (const auto& g : ParamValues(params, "using-named-graph-uri")) execute.using_named_graphs.push_back(Term::Iri(g));
  // SPARQL 1.1 Protocol 2.2.3: a dataset in both the protocol and the request is an error.
  if ((!execute.using_graphs.empty() || !execute.using_named_graphs.empty()) && NamesItsOwnDataset(*update)) {
    return TextResponse(400, "the update names its dataset (USING, USING NAMED or WITH) and the request gives "
                             "using-graph-uri / using-named-graph-uri: give one or the other");
  }
  execute.cancel = request.cancel;
  execute.deadline = sparql::DeadlineAfter(options.timeout_seconds);
  execute.load = MakeFileLoadHandler(options.allow_load_dirs);
  if (options.http_load) {
    FetchOptions fetch;
    fetch.allow_private = options.http_load_private;
    execute.load = MakeHttpLoadHandler(fetch, std::move(execute.load));
  }
  auto summary = store.Update(*update, execute);
  if (!summary.ok()) {
    if (summary.status().code() == Status::Code::kTimeout) {
      std::ostringstream message;
      message << "update timed out after " << options.timeout_seconds << " s; nothing was changed";
      return TextResponse(503, message.str());
    }
    Response response = ErrorResponse(summary.status());
    if (response.status >= 500) return response;
    return TextResponse(response.status, "update failed, nothing was changed: " + summary.status().message());
  }
  std::ostringstream message;
  message << "applied " << summary->operations << (summary->operations == 1 ? " operation" : " operations")
          << "; triples: " << summary->triples_before << " -> " << summary->triples_after;
  return TextResponse(200, message.str());
}

}  // namespace cairn::http
