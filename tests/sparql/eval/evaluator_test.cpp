// The evaluator end to end on small real stores: parse, plan, run. The W3C suites cover the
// semantics broadly; these cases pin down Cairn's own choices and its interrupt handling.
#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <thread>

#include "engine/rdf_reader.h"
#include "engine/store.h"
#include "sparql/parser/sparql_parser.h"
#include "tests/test_util.h"

using namespace cairn;
using cairn::testing::TempDir;

namespace {

struct Fixture {
  TempDir dir;
  std::unique_ptr<Store> store;

  explicit Fixture(const std::string& trig) {
    auto s = Store::Open(dir.file("store"), StoreOptions());
    REQUIRE(s.ok());
    store = std::move(s).value();
    auto txn = store->quad_store().BeginWrite();
    REQUIRE(txn.ok());
    RdfReadOptions options;
    options.format = RdfFormat::kTriG;
    options.base_iri = "http://example.org/";
    REQUIRE(ReadRdfString(trig, "fixture.trig", options, [&](const Quad& q) { return (*txn)->Insert(q); }).ok());
    REQUIRE((*txn)->Commit().ok());
  }

  Result<std::unique_ptr<sparql::QueryResults>> Run(const std::string& text, sparql::ExecuteOptions options = {}) {
    auto query = sparql::ParseQuery(text, "http://example.org/");
    if (!query.ok()) return query.status();
    return store->Execute(*query, options);
  }

  // SELECT results as "?a=term ?b=term" strings (unbound omitted), as a multiset.
  std::multiset<std::string> Select(const std::string& text) {
    auto results = Run(text);
    REQUIRE(results.ok());
    std::multiset<std::string> rows;
    std::vector<std::optional<Term>> row;
    for (;;) {
      auto more = (*results)->NextSolution(row);
      REQUIRE(more.ok());
      if (!*more) break;
      std::string s;
      for (std::size_t i = 0; i < row.size(); ++i)
        if (row[i]) s += (s.empty() ? "" : " ") + std::string("?") + (*results)->variables()[i] + "=" + ToNTriples(*row[i]);
      rows.insert(s);
    }
    return rows;
  }
};

const char* kData = R"(
@prefix : <http://example.org/> .
:a :p 1 ; :q "x" .
:b :p 2 ; :q "y" .
:c :p 3 .
:g1 { :a :r :b . :b :r :c . }
:g2 { :a :r :c . :c :name "long name in g2" . }
)";

}  // namespace

TEST_CASE("a basic graph pattern joins on shared variables", "[sparql][eval]") {
  Fixture f(kData);
  CHECK(f.Select("PREFIX : <http://example.org/> SELECT ?s ?o WHERE { ?s :p ?n ; :q ?o }") ==
        std::multiset<std::string>{"?s=<http://example.org/a> ?o=\"x\"", "?s=<http://example.org/b> ?o=\"y\""});
}

TEST_CASE("FROM merges graphs: a triple in two FROM graphs counts once", "[sparql][eval]") {
  Fixture f(kData);
  auto rows = f.Select(
      "PREFIX : <http://example.org/> SELECT ?o FROM :g1 FROM :g2 FROM :g1 WHERE { :a :r ?o }");
  CHECK(rows == std::multiset<std::string>{"?o=<http://example.org/b>", "?o=<http://example.org/c>"});
  // FROM NAMED limits GRAPH ?g to the listed graphs.
  CHECK(f.Select("PREFIX : <http://example.org/> SELECT ?g FROM NAMED :g2 WHERE { GRAPH ?g { :a :r ?o } }") ==
        std::multiset<std::string>{"?g=<http://example.org/g2>"});
}

TEST_CASE("GRAPH ?g around a subquery evaluates it once per graph", "[sparql][eval]") {
  Fixture f(kData);
  auto rows = f.Select(
      "PREFIX : <http://example.org/> SELECT ?g ?n WHERE { GRAPH ?g { SELECT (COUNT(*) AS ?n) WHERE { ?s :r ?o } } }");
  CHECK(rows == std::multiset<std::string>{
                    "?g=<http://example.org/g1> ?n=\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>",
                    "?g=<http://example.org/g2> ?n=\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>"});
}

TEST_CASE("computed terms join like stored ones (query-local ids)", "[sparql][eval]") {
  Fixture f(kData);
  // CONCAT builds "long name in g2", a term the store also holds: the join must see them equal.
  auto rows = f.Select(
      "PREFIX : <http://example.org/> SELECT ?c WHERE { BIND(CONCAT(\"long name \", \"in g2\") AS ?name) "
      "GRAPH :g2 { ?c :name ?name } }");
  CHECK(rows == std::multiset<std::string>{"?c=<http://example.org/c>"});
  // A computed term the store does not hold still comes back intact.
  CHECK(f.Select("SELECT ?x WHERE { BIND(CONCAT(\"not\", \" stored anywhere\") AS ?x) }") ==
        std::multiset<std::string>{"?x=\"not stored anywhere\""});
}

TEST_CASE("a query past its deadline stops with Timeout", "[sparql][eval]") {
  Fixture f(kData);
  sparql::ExecuteOptions options;
  options.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
  // A cross product of the 5 default-graph triples, 10 times: 5^10 = 9.8M rows to sort, far more
  // than 200 ms of work.
  auto results = f.Run(
      "SELECT * WHERE { ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f . ?g ?p4 ?h . ?i ?p5 ?j . ?k ?p6 ?l . ?m ?p7 ?n ."
      " ?o ?p8 ?q . ?r ?p9 ?t . ?u ?p10 ?v } ORDER BY ?a ?b ?c",
      options);
  auto start = std::chrono::steady_clock::now();
  Status status = results.ok() ? Status::OK() : results.status();
  if (results.ok()) {
    std::vector<std::optional<Term>> row;
    for (;;) {
      auto more = (*results)->NextSolution(row);
      if (!more.ok()) {
        status = more.status();
        break;
      }
      if (!*more) break;
    }
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(status.code() == Status::Code::kTimeout);
  CHECK(elapsed < std::chrono::seconds(5));
}

TEST_CASE("a cancelled query stops with Cancelled", "[sparql][eval]") {
  Fixture f(kData);
  std::atomic<bool> cancel{false};
  sparql::ExecuteOptions options;
  options.cancel = &cancel;
  auto results = f.Run("SELECT * WHERE { ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f . ?g ?p4 ?h . ?i ?p5 ?j . ?k ?p6 ?l }", options);
  REQUIRE(results.ok());
  std::vector<std::optional<Term>> row;
  auto first = (*results)->NextSolution(row);
  REQUIRE(first.ok());
  cancel = true;
  Status status;
  for (int i = 0; i < 10'000'000; ++i) {
    auto more = (*results)->NextSolution(row);
    if (!more.ok()) {
      status = more.status();
      break;
    }
    if (!*more) break;
  }
  CHECK(status.code() == Status::Code::kCancelled);
}

TEST_CASE("SERVICE without a handler fails; SERVICE SILENT is the empty solution", "[sparql][eval]") {
  Fixture f(kData);
  auto failing = f.Run("SELECT * WHERE { SERVICE <http://remote.example/sparql> { ?s ?p ?o } }");
  Status status = failing.ok() ? Status::OK() : failing.status();
  if (failing.ok()) {
    std::vector<std::optional<Term>> row;
    auto more = (*failing)->NextSolution(row);
    status = more.ok() ? Status::OK() : more.status();
  }
  CHECK_FALSE(status.ok());
  CHECK(f.Select("PREFIX : <http://example.org/> SELECT ?n WHERE { :c :p ?n SERVICE SILENT <http://remote.example/sparql> { ?s ?p ?o } }") ==
        std::multiset<std::string>{"?n=\"3\"^^<http://www.w3.org/2001/XMLSchema#integer>"});
}

TEST_CASE("DESCRIBE gives the concise bounded description", "[sparql][eval]") {
  Fixture f("@prefix : <http://example.org/> . :a :p [ :q [ :r 1 ] ] ; :s :b . :b :t 2 .");
  auto results = f.Run("DESCRIBE <http://example.org/a>");
  REQUIRE(results.ok());
  int triples = 0;
  Quad q;
  for (;;) {
    auto more = (*results)->NextTriple(q);
    REQUIRE(more.ok());
    if (!*more) break;
    ++triples;
  }
  CHECK(triples == 4);  // :a's two triples and the two blank nodes' triples, not :b's
}

TEST_CASE("explain shows the chosen plan with estimates", "[sparql][eval]") {
  Fixture f(kData);
  auto results = f.Run("PREFIX : <http://example.org/> SELECT * WHERE { ?s :q ?o . ?s :p 3 }");
  REQUIRE(results.ok());
  std::string plan = (*results)->Explain();
  CHECK_THAT(plan, Catch::Matchers::Contains("scan ?s <http://example.org/p>"));
  CHECK_THAT(plan, Catch::Matchers::Contains("rows)"));
  // The bound object makes :p 3 the cheaper pattern: it is scanned first (deepest in the chain).
  CHECK(plan.find("scan ?s <http://example.org/q>") < plan.find("scan ?s <http://example.org/p>"));
}
