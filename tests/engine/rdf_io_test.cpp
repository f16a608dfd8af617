// RDF input and output through Serd: base and prefix resolution, error positions, lenient
// mode, gzip input, and writer/reader round trips in every format.
#include <catch2/catch.hpp>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "engine/rdf_reader.h"
#include "engine/rdf_writer.h"
#include "tests/test_util.h"
#include "tests/w3c/graph_isomorphism.h"

using namespace cairn;
using cairn::testing::Iri;
using cairn::testing::Lit;
using cairn::testing::Q;
using cairn::testing::TempDir;

namespace {
Status Parse(std::string_view text, RdfFormat format, std::vector<Quad>& out, bool lenient = false,
             RdfReadStats* stats = nullptr, const std::string& base = "http://example.org/") {
  RdfReadOptions options;
  options.format = format;
  options.base_iri = base;
  options.lenient = lenient;
  return ReadRdfString(text, "test.ttl", options, [&](const Quad& q) {
    out.push_back(q);
    return Status::OK();
  }, stats);
}
}  // namespace

TEST_CASE("Turtle: prefixes, base, literals and language tags", "[engine][rdf]") {
  std::vector<Quad> quads;
  REQUIRE(Parse("@prefix ex: <http://example.org/> .\n"
                "<a> ex:p \"x\"@en-GB, 42, 1.5, true ; ex:q [ ex:r \"01\"^^<http://www.w3.org/2001/XMLSchema#integer> ] .\n",
                RdfFormat::kTurtle, quads)
              .ok());
  REQUIRE(quads.size() == 6);
  CHECK(quads[0].subject == Iri("a"));
  CHECK(quads[0].object == Term::LangLiteral("x", "en-GB"));
  CHECK(quads[1].object == Lit("42", "integer"));
  CHECK(quads[2].object == Lit("1.5", "decimal"));
  CHECK(quads[3].object == Lit("true", "boolean"));
  auto nested = std::find_if(quads.begin(), quads.end(), [](const Quad& q) { return q.predicate == Iri("r"); });
  REQUIRE(nested != quads.end());
  CHECK(nested->object == Lit("01", "integer"));  // exactly as written
  CHECK(nested->subject.is_blank());
}

TEST_CASE("syntax errors name the source, line and column", "[engine][rdf]") {
  std::vector<Quad> quads;
  Status st = Parse("<http://a> <http://b> <http://c> .\n<http://a> <http://b> \"unterminated .\n", RdfFormat::kNTriples, quads);
  REQUIRE_FALSE(st.ok());
  CHECK(st.IsSyntax());
  CHECK_THAT(st.message(), Catch::Matchers::StartsWith("test.ttl:2:"));
}

TEST_CASE("N-Triples rejects relative IRIs; Turtle resolves them", "[engine][rdf]") {
  std::vector<Quad> quads;
  CHECK_FALSE(Parse("<a> <http://b> <http://c> .\n", RdfFormat::kNTriples, quads).ok());
  quads.clear();
  REQUIRE(Parse("<a> <http://b> <../c> .\n", RdfFormat::kTurtle, quads, false, nullptr, "http://example.org/x/y").ok());
  REQUIRE(quads.size() == 1);
  CHECK(quads[0].subject.value == "http://example.org/x/a");
  CHECK(quads[0].object.value == "http://example.org/c");
}

TEST_CASE("lenient mode skips bad statements and counts them", "[engine][rdf]") {
  std::vector<Quad> quads;
  RdfReadStats stats;
  REQUIRE(Parse("<http://a> <http://b> <http://c> .\n"
                "<http://a> <http://b> bad .\n"
                "<http://a> <http://b> <http://d> .\n",
                RdfFormat::kNTriples, quads, /*lenient=*/true, &stats)
              .ok());
  CHECK(quads.size() == 2);
  CHECK(stats.skipped >= 1);
  CHECK_THAT(stats.first_error, Catch::Matchers::Contains("test.ttl:2:"));
}

TEST_CASE("gzip files are read transparently", "[engine][rdf]") {
  TempDir dir;
  std::string path = dir.file("data.nt.gz");
  gzFile gz = gzopen(path.c_str(), "wb");
  REQUIRE(gz);
  std::string text = "<http://a> <http://b> \"caf\xc3\xa9\" .\n";
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  std::vector<Quad> quads;
  RdfReadOptions options;
  REQUIRE(RdfFormatFromPath(path) == RdfFormat::kNTriples);
  REQUIRE(ReadRdfFile(path, options, [&](const Quad& q) {
            quads.push_back(q);
            return Status::OK();
          }).ok());
  REQUIRE(quads.size() == 1);
  CHECK(quads[0].object.value == "caf\xc3\xa9");
  CHECK_FALSE(ReadRdfFile(dir.file("missing.nt"), options, [](const Quad&) { return Status::OK(); }).ok());
}

TEST_CASE("every writer's output reads back as the same quads", "[engine][rdf]") {
  const std::vector<Quad> quads = {
      Q(Iri("s"), Iri("p"), Lit("tab\there \"quoted\" \\ back\nnewline")),
      Q(Iri("s"), Iri("p"), Term::LangLiteral("Gwasanaeth digidol", "cy")),
      Q(Iri("s"), Iri("q"), Lit("01", "integer")),
      Q(Iri("s"), Iri("q"), Term::Literal("x", "http://example.org/dt")),
      Q(Term::BlankNode("b1"), Iri("p"), Iri("o"), Iri("g")),
      Q(Iri("s2"), Term::Iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), Iri("C"), Iri("g")),
  };
  for (RdfFormat format : {RdfFormat::kNQuads, RdfFormat::kTriG, RdfFormat::kNTriples, RdfFormat::kTurtle}) {
    INFO(RdfFormatName(format));
    std::string text;
    auto writer = MakeRdfWriter(format, [&](std::string_view b) {
      text.append(b);
      return Status::OK();
    }, WellKnownPrefixes());
    for (const Quad& q : quads) REQUIRE(writer->Write(q).ok());
    REQUIRE(writer->Finish().ok());
    std::vector<Quad> back;
    REQUIRE(Parse(text, format, back).ok());
    std::set<Quad> want;
    for (Quad q : quads) {
      if (!RdfFormatHasGraphs(format)) q.graph = Term::DefaultGraph();
      want.insert(q);
    }
    INFO(text);
    std::vector<Quad> want_list(want.begin(), want.end());
    std::string diff;
    CHECK(cairn::w3c::IsomorphicDatasets(want_list, back, &diff));  // the reader may relabel blank nodes
    INFO(diff);
  }
}
