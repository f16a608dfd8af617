#include "http/service_description.h"

#include <string>
#include <vector>

#include "engine/rdf_writer.h"
#include "engine/store.h"
#include "http/errors.h"
#include "http/media_type.h"
#include "vocab/vocab.h"

namespace cairn::http {
namespace {

const std::string kSd(vocab::sd::kNamespace);
const std::string kVoid(vocab::void_::kNamespace);
const std::string kFormats = "http://www.w3.org/ns/formats/";

// Result formats as the W3C format IRIs name them, in the order media_type.cpp prefers them.
constexpr const char* kResultFormats[] = {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                                          "SPARQL_Results_TSV",  "Turtle",             "N-Triples",
                                          "N-Quads",             "TriG"};

class Builder {
 public:
  void Add(const Term& s, const std::string& p, Term o) {
    quads_.push_back(Quad{s, Term::Iri(p), std::move(o), Term::DefaultGraph()});
  }
  void Type(const Term& s, const std::string& cls) { Add(s, std::string(vocab::rdf::kType), Term::Iri(cls)); }
  const std::vector<Quad>& quads() const { return quads_; }

 private:
  std::vector<Quad> quads_;
};

Term Count(std::uint64_t n) { return Term::Literal(std::to_string(n), std::string(vocab::xsd::kInteger)); }

}  // namespace

Response HandleServiceDescription(Store& store, const Request& request) {
  auto format = NegotiateRdfFormat(request.Header("accept"));
  if (!format) return TextResponse(406, NotAcceptableMessage("the service description", true));

  std::string host(request.Header("host"));
  if (host.empty()) host = "localhost";
  Builder b;
  Term service = Term::BlankNode("service");
  b.Type(service, kSd + "Service");
  b.Add(service, kSd + "endpoint", Term::Iri("http://" + host + request.path));
  b.Add(service, kSd + "supportedLanguage", Term::Iri(kSd + "SPARQL11Query"));
  for (const char* f : kResultFormats) b.Add(service, kSd + "resultFormat", Term::Iri(kFormats + f));

  Term dataset = Term::BlankNode("dataset");
  b.Add(service, kSd + "defaultDataset", dataset);
  b.Type(dataset, kSd + "Dataset");
  auto view = store.quad_store().Snapshot();
  const Statistics& stats = view->statistics();
  Term default_graph = Term::BlankNode("defaultGraph");
  b.Add(dataset, kSd + "defaultGraph", default_graph);
  b.Type(default_graph, kSd + "Graph");
  auto def = stats.graph_triples.find(TermId::None());
  b.Add(default_graph, kVoid + "triples", Count(def == stats.graph_triples.end() ? 0 : def->second));
  int n = 0;
  for (const auto& [id, triples] : stats.graph_triples) {
    if (id == TermId::None()) continue;
    auto name = view->Decode(id);
    if (!name.ok()) return ErrorResponse(name.status());
    ++n;
    Term named = Term::BlankNode("namedGraph" + std::to_string(n));
    Term graph = Term::BlankNode("graph" + std::to_string(n));
    b.Add(dataset, kSd + "namedGraph", named);
    b.Type(named, kSd + "NamedGraph");
    b.Add(named, kSd + "name", *name);
    b.Add(named, kSd + "graph", graph);
    b.Type(graph, kSd + "Graph");
    b.Add(graph, kVoid + "triples", Count(triples));
  }

  Response response;
  auto writer = MakeRdfWriter(*format, [&response](std::string_view bytes) {
    response.body.append(bytes);
    return Status::OK();
  }, WellKnownPrefixes());
  for (const Quad& q : b.quads()) {
    Status st = writer->Write(q);
    if (!st.ok()) return ErrorResponse(st);
  }
  Status st = writer->Finish();
  if (!st.ok()) return ErrorResponse(st);
  response.SetHeader("Content-Type", std::string(RdfFormatMediaType(*format)));
  response.SetHeader("Vary", "Accept");
  return response;
}

}  // namespace cairn::http
