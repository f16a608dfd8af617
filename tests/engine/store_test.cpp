// The Store facade on real files: atomic multi-file loads, dumps, and a round trip of real
// government data (org-data, 110,809 triples) compared under blank-node isomorphism.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "engine/rdf_reader.h"
#include "engine/store.h"
#include "tests/test_util.h"
#include "tests/w3c/graph_isomorphism.h"

using namespace cairn;
using cairn::testing::TempDir;

namespace {
std::unique_ptr<Store> OpenStore(const std::string& path) {
  auto store = Store::Open(path, StoreOptions());
  REQUIRE(store.ok());
  return std::move(store).value();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::vector<Quad> ReadAll(const std::string& path) {
  std::vector<Quad> quads;
  RdfReadOptions options;
  options.format = *RdfFormatFromPath(path);
  Status st = ReadRdfFile(path, options, [&](const Quad& q) {
    quads.push_back(q);
    return Status::OK();
  });
  REQUIRE(st.ok());
  return quads;
}
}  // namespace

TEST_CASE("a load with an error in any file stores nothing", "[engine][store][atomic]") {
  TempDir dir;
  WriteFile(dir.file("good.nt"), "<http://a> <http://b> <http://c> .\n");
  WriteFile(dir.file("bad.ttl"), "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b \n");
  auto store = OpenStore(dir.file("store"));
  auto report = store->Load({dir.file("good.nt"), dir.file("bad.ttl")}, LoadOptions());
  REQUIRE_FALSE(report.ok());
  CHECK_THAT(report.status().message(), Catch::Matchers::Contains("bad.ttl:"));
  CHECK(store->Summary().triples == 0);

  // --lenient keeps the good statements and reports the bad one.
  LoadOptions lenient;
  lenient.lenient = true;
  WriteFile(dir.file("bad.nt"), "<http://a> <http://b> <http://d> .\n<http://a> oops .\n<http://a> <http://b> <http://e> .\n");
  auto ok = store->Load({dir.file("good.nt"), dir.file("bad.nt")}, lenient);
  REQUIRE(ok.ok());
  CHECK(ok->skipped >= 1);
  CHECK(store->Summary().triples == 3);
}

TEST_CASE("--graph puts triples into a named graph; dumps select graphs", "[engine][store]") {
  TempDir dir;
  WriteFile(dir.file("a.ttl"), "<http://a> <http://b> 1 .\n");
  WriteFile(dir.file("b.trig"), "<http://g2> { <http://a> <http://b> 2 } <http://a> <http://b> 3 .\n");
  auto store = OpenStore(dir.file("store"));
  LoadOptions into_g1;
  into_g1.graph = Term::Iri("http://g1");
  REQUIRE(store->Load({dir.file("a.ttl")}, into_g1).ok());
  REQUIRE(store->Load({dir.file("b.trig")}, LoadOptions()).ok());
  StoreSummary s = store->Summary();
  CHECK(s.triples == 3);
  CHECK(s.named_graphs == 2);
  CHECK(s.default_graph_triples == 1);

  std::string out;
  ByteSink sink = [&](std::string_view b) {
    out.append(b);
    return Status::OK();
  };
  REQUIRE(store->Dump(RdfFormat::kNTriples, Term::Iri("http://g2"), sink).ok());
  CHECK(out == "<http://a> <http://b> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
  out.clear();
  Status whole_as_triples = store->Dump(RdfFormat::kNTriples, std::nullopt, sink);
  CHECK(whole_as_triples.IsInvalidArgument());  // N-Triples cannot hold named graphs
  CHECK(store->Dump(RdfFormat::kNQuads, Term::Iri("http://nope"), sink).IsNotFound());
}

TEST_CASE("Turtle dumps use the prefixes the loaded documents declared", "[engine][store]") {
  TempDir dir;
  WriteFile(dir.file("a.ttl"), "@prefix svc: <http://data.example.gov.uk/def/service#> .\n"
                               "<http://data.example.gov.uk/id/x> a svc:Service .\n");
  auto store = OpenStore(dir.file("store"));
  REQUIRE(store->Load({dir.file("a.ttl")}, LoadOptions()).ok());
  std::string out;
  REQUIRE(store->Dump(RdfFormat::kTurtle, Term::DefaultGraph(), [&](std::string_view b) {
                 out.append(b);
                 return Status::OK();
               }).ok());
  CHECK_THAT(out, Catch::Matchers::Contains("@prefix svc: <http://data.example.gov.uk/def/service#> ."));
  CHECK_THAT(out, Catch::Matchers::Contains("a svc:Service"));
  CHECK_THAT(out, Catch::Matchers::Contains("@prefix rdfs: "));  // well-known ones still offered
}

TEST_CASE("real data round trip: org-data 2014 loads and dumps the same graph", "[engine][store][realdata]") {
  std::string source = cairn::testing::SharedDir() + "/data/org-data/2014-03-31/merge-2014-03-31.nt.gz";
  if (!std::filesystem::exists(source)) FAIL("missing test data " << source);
  TempDir dir;
  auto store = OpenStore(dir.file("store"));
  auto report = store->Load({source}, LoadOptions());
  REQUIRE(report.ok());
  CHECK(report->statements == 110809);
  CHECK(report->quads_added == 110809);
  CHECK(store->Summary().triples == 110809);
  CHECK(store->Summary().predicates == 52);
  std::string dump = dir.file("dump.nt");
  {
    std::ofstream out(dump, std::ios::binary);
    REQUIRE(store->Dump(RdfFormat::kNTriples, std::nullopt, [&](std::string_view b) {
                   out.write(b.data(), static_cast<std::streamsize>(b.size()));
                   return Status::OK();
                 }).ok());
  }
  std::vector<Quad> expected = ReadAll(source), actual = ReadAll(dump);
  CHECK(actual.size() == 110809);
  std::string diff;
  CHECK(cairn::w3c::IsomorphicDatasets(expected, actual, &diff));
  INFO(diff);
}
