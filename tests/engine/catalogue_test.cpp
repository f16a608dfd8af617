// Publishing: declarations, the graph clock, computed VoID statistics and dumps. The statistics
// are checked against SPARQL COUNT queries on real data (org-data and bathing-water).
#include <catch2/catch.hpp>

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "engine/catalogue.h"
#include "engine/graph_clock.h"
#include "engine/publish.h"
#include "engine/store.h"
#include "sparql/parser/sparql_parser.h"
#include "tests/test_util.h"
#include "vocab/dcat.h"

using namespace cairn;
using cairn::testing::TempDir;

namespace {

const std::string kGraphs = "http://data.example.gov.uk/graph/";

std::unique_ptr<Store> OpenStore(const TempDir& dir) {
  auto store = Store::Open(dir.file("store"), StoreOptions());
  REQUIRE(store.ok());
  return std::move(store).value();
}

void LoadInto(Store& store, const std::string& graph, const std::vector<std::string>& files) {
  LoadOptions options;
  options.graph = Term::Iri(kGraphs + graph);
  auto report = store.Load(files, options);
  INFO(report.status().ToString());
  REQUIRE(report.ok());
}

std::uint64_t Count(Store& store, const std::string& query) {
  auto parsed = sparql::ParseQuery(query);
  INFO(query);
  REQUIRE(parsed.ok());
  auto results = store.Execute(*parsed, {});
  REQUIRE(results.ok());
  std::vector<std::optional<Term>> row;
  auto more = (*results)->NextSolution(row);
  REQUIRE(more.ok());
  REQUIRE(*more);
  return std::stoull(row[0]->value);
}

DatasetOptions Dataset(const std::string& id, std::vector<std::string> graphs) {
  DatasetOptions d;
  d.id = id;
  for (auto& g : graphs) d.graphs.push_back(kGraphs + g);
  d.title = id + " title";
  d.description = id + " description";
  d.publisher = "http://example.org/publisher";
  return d;
}

Status PublishOptions(Store& store, const std::vector<DatasetOptions>& datasets) {
  auto triples = DeclarationTriples(datasets, {});
  if (!triples.ok()) return triples.status();
  return Publish(store, *triples);
}

std::string Values(const std::vector<std::string>& graphs) {
  std::string v = "VALUES ?g {";
  for (const auto& g : graphs) v += " <" + kGraphs + g + ">";
  return v + " }";
}

}  // namespace

TEST_CASE("publish: declarations are validated and read back", "[engine][publish]") {
  TempDir dir;
  auto store = OpenStore(dir);
  std::string file = dir.file("a.ttl");
  std::ofstream(file) << "<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n";
  LoadInto(*store, "a", {file});

  CHECK(PublishOptions(*store, {Dataset("x", {})}).IsInvalidArgument());                // no graph
  CHECK(PublishOptions(*store, {Dataset("x", {"missing"})}).IsNotFound());             // unknown graph
  DatasetOptions bad_publisher = Dataset("x", {"a"});
  bad_publisher.publisher = "Cabinet Office";
  CHECK(PublishOptions(*store, {bad_publisher}).IsInvalidArgument());
  CHECK(PublishOptions(*store, {Dataset("a b", {"a"})}).IsInvalidArgument());

  DatasetOptions d = Dataset("a", {"a"});
  d.themes = {"ENVI"};
  d.spatial = {"GBR"};
  d.temporal = "2014-01-01/2014-12-31";
  d.contact = "data@example.org";
  REQUIRE(PublishOptions(*store, {d}).ok());
  auto config = ReadPublishingConfig(*store->quad_store().Snapshot());
  REQUIRE(config.ok());
  REQUIRE(config->datasets.size() == 1);
  CHECK(config->datasets[0].graphs == std::vector<std::string>{kGraphs + "a"});
  CHECK(DeclaredIri(config->datasets[0], vocab::dcat::kTheme) ==
        "http://publications.europa.eu/resource/authority/data-theme/ENVI");
  CHECK_FALSE(DeclaredText(config->datasets[0], vocab::dcterms::kIssued).empty());
  // The declarations are bookkeeping, not RDF: no query or statistic sees them.
  CHECK(store->Summary().named_graphs == 1);

  // Republishing replaces the declaration and keeps dct:issued.
  std::string issued = DeclaredText(config->datasets[0], vocab::dcterms::kIssued);
  d.title = "new title";
  REQUIRE(PublishOptions(*store, {d}).ok());
  config = ReadPublishingConfig(*store->quad_store().Snapshot());
  REQUIRE(config.ok());
  CHECK(DeclaredText(config->datasets[0], vocab::dcterms::kTitle) == "new title");
  CHECK(DeclaredText(config->datasets[0], vocab::dcterms::kIssued) == issued);
  CHECK(Withdraw(*store, "a").ok());
  CHECK(Withdraw(*store, "a").IsNotFound());
}

TEST_CASE("publish: a Turtle configuration names datasets by dct:identifier", "[engine][publish]") {
  TempDir dir;
  std::string file = dir.file("config.ttl");
  std::ofstream(file) << "@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .\n"
                         "<http://example.org/mine> a dcat:Dataset ; dct:identifier \"mine\" ;\n"
                         "  <urn:cairn:graph> <http://example.org/g> ; dct:title \"T\"@en .\n";
  auto triples = DeclarationTriplesFromFile(file);
  REQUIRE(triples.ok());
  bool renamed = std::any_of(triples->begin(), triples->end(),
                             [](const Quad& q) { return q.subject.value == "urn:cairn:dataset:mine"; });
  CHECK(renamed);
  std::ofstream(file) << "[] a <http://www.w3.org/ns/dcat#Dataset> .\n";
  CHECK(DeclarationTriplesFromFile(file).status().IsInvalidArgument());
}

TEST_CASE("graph clock: every write path stamps the graphs it changed, and only those", "[engine][publish]") {
  TempDir dir;
  auto store = OpenStore(dir);
  std::string file = dir.file("a.nt");
  std::ofstream(file) << "<http://example.org/s> <http://example.org/p> \"1\" .\n";
  LoadInto(*store, "a", {file});
  LoadInto(*store, "b", {file});
  auto times = [&] {
    auto clock = ReadGraphClock(*store->quad_store().Snapshot());
    REQUIRE(clock.ok());
    return *clock;
  };
  auto t0 = times();
  REQUIRE(t0.count(kGraphs + "a"));
  REQUIRE(t0.count(kGraphs + "b"));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));

  auto update = sparql::ParseUpdate("INSERT DATA { GRAPH <" + kGraphs + "a> { <http://example.org/s> <http://example.org/p> \"2\" } }");
  REQUIRE(update.ok());
  REQUIRE(store->Update(*update, {}).ok());
  auto t1 = times();
  CHECK(t1[kGraphs + "a"] > t0[kGraphs + "a"]);
  CHECK(t1[kGraphs + "b"] == t0[kGraphs + "b"]);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));

  GraphSource source;
  source.text = "<http://example.org/s> <http://example.org/p> \"3\" .";
  source.format = RdfFormat::kNTriples;
  REQUIRE(store->WriteGraph(Term::Iri(kGraphs + "b"), source, /*replace=*/true).ok());
  auto t2 = times();
  CHECK(t2[kGraphs + "b"] > t1[kGraphs + "b"]);
  CHECK(t2[kGraphs + "a"] == t1[kGraphs + "a"]);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));

  REQUIRE(store->DropGraph(Term::Iri(kGraphs + "a")).ok());
  CHECK(times()[kGraphs + "a"] > t2[kGraphs + "a"]);
}

TEST_CASE("catalogue: VoID statistics equal SPARQL COUNT queries on org-data and bathing-water",
          "[engine][publish][realdata]") {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::string data = cairn::testing::SharedDir() + "/data/";
  const std::string bw = data + "bathing-water/baseline/component-data/";
  std::vector<std::string> vocabs;
  for (const auto& e : std::filesystem::directory_iterator(data + "org-data/vocabs")) vocabs.push_back(e.path().string());
  std::vector<std::string> bw_vocabs;
  for (const auto& e : std::filesystem::directory_iterator(bw + "vocabularies")) bw_vocabs.push_back(e.path().string());
  std::vector<std::string> bw_data;
  for (const char* part : {"annual", "inseason", "features"})
    for (const auto& e : std::filesystem::directory_iterator(bw + part))
      if (e.path().extension() == ".ttl") bw_data.push_back(e.path().string());
  LoadInto(*store, "org", {data + "org-data/2014-03-31/merge-2014-03-31.nt.gz"});
  LoadInto(*store, "org-vocab", vocabs);
  LoadInto(*store, "bw", bw_data);
  LoadInto(*store, "bw-vocab", bw_vocabs);
  REQUIRE(PublishOptions(*store, {Dataset("org", {"org", "org-vocab"}), Dataset("bw", {"bw", "bw-vocab"})}).ok());

  auto catalogue = RefreshCatalogue(*store, "http://data.example.gov.uk/");
  REQUIRE(catalogue.ok());
  REQUIRE((*catalogue)->datasets.size() == 2);
  for (const PublishedDataset& d : (*catalogue)->datasets) {
    std::vector<std::string> graphs = d.declaration.id == "org" ? std::vector<std::string>{"org", "org-vocab"}
                                                                : std::vector<std::string>{"bw", "bw-vocab"};
    const std::string v = Values(graphs);
    const DatasetStatistics& s = d.statistics;
    INFO(d.declaration.id);
    CHECK(s.triples == Count(*store, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } " + v + " } }"));
    CHECK(s.distinct_subjects == Count(*store, "SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH ?g { ?s ?p ?o } " + v + " }"));
    CHECK(s.entities == Count(*store, "SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH ?g { ?s ?p ?o } " + v + " FILTER(isIRI(?s)) }"));
    CHECK(s.properties == Count(*store, "SELECT (COUNT(DISTINCT ?p) AS ?n) { GRAPH ?g { ?s ?p ?o } " + v + " }"));
    CHECK(s.distinct_objects == Count(*store, "SELECT (COUNT(DISTINCT ?o) AS ?n) { GRAPH ?g { ?s ?p ?o } " + v + " }"));
    CHECK(s.classes == Count(*store, "SELECT (COUNT(DISTINCT ?o) AS ?n) { GRAPH ?g { ?s a ?o } " + v + " }"));
    REQUIRE(s.class_partitions.size() == s.classes);
    for (const ClassPartition& c : s.class_partitions) {
      if (c.class_iri.find('"') != std::string::npos) continue;
      CHECK(c.entities == Count(*store, "SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH ?g { ?s a <" + c.class_iri + "> } " + v + " }"));
    }
    for (std::size_t i = 0; i < s.property_partitions.size(); i += 7) {  // a sample: each is three queries
      const PropertyPartition& p = s.property_partitions[i];
      std::string inner = "{ SELECT DISTINCT ?s ?o { GRAPH ?g { ?s <" + p.property + "> ?o } " + v + " } }";
      CHECK(p.triples == Count(*store, "SELECT (COUNT(*) AS ?n) " + inner));
      CHECK(p.distinct_subjects == Count(*store, "SELECT (COUNT(DISTINCT ?s) AS ?n) " + inner));
      CHECK(p.distinct_objects == Count(*store, "SELECT (COUNT(DISTINCT ?o) AS ?n) " + inner));
    }
    CHECK_FALSE(s.uri_space.empty());
    CHECK(s.example_resources.size() == 3);
    CHECK_FALSE(d.modified.empty());
    // Dumps: the recorded size and checksum are the file's; the gzip holds void:triples lines.
    REQUIRE(d.dumps.size() == DumpKinds().size());
    for (const DumpFile& f : d.dumps) {
      std::string path = (*catalogue)->dumps_dir + "/" + f.file_name;
      CHECK(std::filesystem::file_size(path) == f.byte_size);
      CHECK(Sha256OfFile(path).value() == f.sha256);
    }
    gzFile gz = gzopen(((*catalogue)->dumps_dir + "/" + d.dumps[0].file_name).c_str(), "rb");
    REQUIRE(gz);
    std::uint64_t lines = 0;
    char buffer[1 << 16];
    int n;
    while ((n = gzread(gz, buffer, sizeof buffer)) > 0) lines += std::count(buffer, buffer + n, '\n');
    gzclose(gz);
    CHECK(lines == s.triples);
  }
  const auto& org = *(*catalogue)->FindDataset("org");
  CHECK(org.statistics.triples == 114257);  // the merge-2014-03-31-vocab file's count: the union

  // The catalogue graph is queryable; nothing changed, nothing is rebuilt.
  CHECK(Count(*store, "SELECT (COUNT(*) AS ?n) { GRAPH <urn:cairn:catalog> { ?d a <http://www.w3.org/ns/dcat#Dataset> } }") == 2);
  auto again = RefreshCatalogue(*store, "http://data.example.gov.uk/");
  REQUIRE(again.ok());
  CHECK((*again)->state == (*catalogue)->state);

  // A change to one dataset regenerates its dumps only.
  auto update = sparql::ParseUpdate("INSERT DATA { GRAPH <" + kGraphs + "bw> { <http://example.org/x> <http://example.org/p> 1 } }");
  REQUIRE(update.ok());
  REQUIRE(store->Update(*update, {}).ok());
  auto changed = RefreshCatalogue(*store, "http://data.example.gov.uk/");
  REQUIRE(changed.ok());
  const auto* bw_after = (*changed)->FindDataset("bw");
  const auto* bw_before = (*catalogue)->FindDataset("bw");
  CHECK(bw_after->statistics.triples == bw_before->statistics.triples + 1);
  CHECK(bw_after->dumps[0].sha256 != bw_before->dumps[0].sha256);
  CHECK(bw_after->modified > bw_before->modified);
  CHECK((*changed)->FindDataset("org")->dumps[0].sha256 == org.dumps[0].sha256);
  CHECK((*changed)->FindDataset("org")->modified == org.modified);
}
