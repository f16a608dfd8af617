// RDF/XML: the writer's output reads back as the same graph, the reader's grammar corners
// (the W3C suite covers the rest), positioned errors, and the XML safety limits.
#include <catch2/catch.hpp>

#include "engine/rdfxml_writer.h"
#include "tests/engine/format_test_util.h"
#include "tests/w3c/graph_isomorphism.h"

using namespace cairn;
using namespace cairn::testing;

TEST_CASE("RDF/XML: write then read gives the same graph, for every kind of term", "[engine][rdfxml]") {
  auto quads = AwkwardTriples();
  auto text = WriteAs(RdfFormat::kRdfXml, quads, ExamplePrefixes());
  REQUIRE(text.ok());
  CHECK(text->find("xmlns:ex=\"http://example.org/\"") != std::string::npos);
  CHECK(text->find("xmlns:ns1=\"http://other.example/vocab#\"") != std::string::npos);  // generated prefix
  CHECK(text->find("xml:lang=\"en-GB\"") != std::string::npos);
  CHECK(text->find("rdf:nodeID=\"x0odd\"") != std::string::npos);  // not an NCName as it was
  std::vector<Quad> back;
  Status st = ParseAs(RdfFormat::kRdfXml, *text, back);
  INFO(*text);
  REQUIRE(st.ok());
  std::string diff;
  CHECK(w3c::IsomorphicDatasets(quads, back, &diff));
  INFO(diff);
}

TEST_CASE("RDF/XML: consecutive triples of a subject share one rdf:Description; graphs are ignored", "[engine][rdfxml]") {
  std::vector<Quad> quads = {Q(Iri("a"), Iri("p"), Lit("1")), Q(Iri("a"), Iri("q"), Lit("2"), Iri("g")),
                             Q(Iri("b"), Iri("p"), Lit("3"))};
  auto text = WriteAs(RdfFormat::kRdfXml, quads, ExamplePrefixes());
  REQUIRE(text.ok());
  std::size_t count = 0;
  for (std::size_t at = 0; (at = text->find("<rdf:Description", at)) != std::string::npos; ++at) ++count;
  CHECK(count == 2);
}

TEST_CASE("RDF/XML: a predicate that cannot be a QName is an error", "[engine][rdfxml]") {
  auto text = WriteAs(RdfFormat::kRdfXml, {Q(Iri("a"), Term::Iri("http://example.org/p/123"), Lit("x"))}, {});
  REQUIRE_FALSE(text.ok());
  CHECK(text.status().message().find("does not end in an XML name") != std::string::npos);
  auto control = WriteAs(RdfFormat::kRdfXml, {Q(Iri("a"), Iri("p"), Lit(std::string("a\x01z")))}, {});
  REQUIRE_FALSE(control.ok());
  CHECK(control.status().message().find("U+0001") != std::string::npos);
}

TEST_CASE("RDF/XML reader: typed nodes, property attributes, collections, reification, xml:base", "[engine][rdfxml]") {
  std::vector<Quad> quads;
  std::vector<std::pair<std::string, std::string>> prefixes;
  REQUIRE(ParseAs(RdfFormat::kRdfXml, R"(<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY ex "http://example.org/">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="&ex;" xml:base="http://example.org/base/">
  <ex:Thing rdf:about="a" ex:name="A" xml:lang="en">
    <ex:list rdf:parseType="Collection"><rdf:Description rdf:about="#one"/><rdf:Description rdf:nodeID="two"/></ex:list>
    <ex:said rdf:ID="stmt">hello</ex:said>
    <ex:nested rdf:parseType="Resource"><ex:v rdf:datatype="&ex;dt">5</ex:v></ex:nested>
    <ex:xml rdf:parseType="Literal"><b xmlns="http://www.w3.org/1999/xhtml">x</b></ex:xml>
    <rdf:li rdf:resource="first"/>
  </ex:Thing>
</rdf:RDF>)",
                  quads, "http://example.org/doc", [&](std::string_view p, std::string_view i) { prefixes.emplace_back(p, i); })
              .ok());
  auto has = [&](const Quad& q) { return std::find(quads.begin(), quads.end(), q) != quads.end(); };
  const std::string rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  Term a = Term::Iri("http://example.org/base/a");
  CHECK(has(Q(a, Term::Iri(rdf + "type"), Iri("Thing"))));
  CHECK(has(Q(a, Iri("name"), Term::LangLiteral("A", "en"))));
  CHECK(has(Q(a, Iri("said"), Term::LangLiteral("hello", "en"))));
  Term stmt = Term::Iri("http://example.org/base/#stmt");
  CHECK(has(Q(stmt, Term::Iri(rdf + "subject"), a)));
  CHECK(has(Q(a, Term::Iri(rdf + "_1"), Term::Iri("http://example.org/base/first"))));
  CHECK(has(Q(a, Iri("xml"), Term::Literal("<b xmlns=\"http://www.w3.org/1999/xhtml\">x</b>", rdf + "XMLLiteral"))));
  bool typed = false;
  for (const Quad& q : quads) typed |= q.predicate == Iri("v") && q.object == Term::Literal("5", "http://example.org/dt");
  CHECK(typed);
  CHECK(quads.size() == 16);
  CHECK(std::find(prefixes.begin(), prefixes.end(), std::pair<std::string, std::string>("ex", "http://example.org/")) !=
        prefixes.end());
}

TEST_CASE("RDF/XML reader: errors name the line and column", "[engine][rdfxml]") {
  std::vector<Quad> quads;
  Status st = ParseAs(RdfFormat::kRdfXml,
                      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                      "  <rdf:Description rdf:about=\"http://a\">\n"
                      "    <rdf:Description/>\n"
                      "  </rdf:Description>\n</rdf:RDF>\n",
                      quads);
  REQUIRE(st.IsSyntax());
  CHECK(st.message().starts_with("doc:3:5: rdf:Description cannot be a property element"));
  quads.clear();
  st = ParseAs(RdfFormat::kRdfXml, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n  <oops/>\n</rdf:RDF>", quads);
  REQUIRE(st.IsSyntax());
  CHECK(st.message() == "doc:2:3: element <oops> has no namespace");
  st = ParseAs(RdfFormat::kRdfXml, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n  <rdf:Description>\n</rdf:RDF>", quads);
  REQUIRE(st.IsSyntax());
  CHECK(st.message().starts_with("doc:3:3: mismatched tag"));
  INFO(st.message());
  quads.clear();
  st = ParseAs(RdfFormat::kRdfXml, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:e=\"http://e/\">"
                                   "<e:T rdf:ID=\"x\"/><e:T rdf:ID=\"x\"/></rdf:RDF>", quads);
  REQUIRE(st.IsSyntax());
  CHECK(st.message().find("rdf:ID \"x\" is used twice") != std::string::npos);
}

TEST_CASE("RDF/XML reader: entity bombs and external entities are refused", "[engine][rdfxml]") {
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n";
  std::string previous = "a";
  for (int i = 0; i < 9; ++i) {
    std::string name = "l" + std::to_string(i);
    bomb += "<!ENTITY " + name + " \"";
    for (int k = 0; k < 10; ++k) bomb += "&" + previous + ";";
    bomb += "\">\n";
    previous = name;
  }
  bomb += "]>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:e=\"http://e/\">"
          "<rdf:Description rdf:about=\"http://a\" e:p=\"&" + previous + ";\"/></rdf:RDF>";
  std::vector<Quad> quads;
  Status st = ParseAs(RdfFormat::kRdfXml, bomb, quads);
  REQUIRE(st.IsSyntax());
  CHECK(st.message().find("amplification") != std::string::npos);
  CHECK(quads.empty());

  quads.clear();
  st = ParseAs(RdfFormat::kRdfXml,
               "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
               "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:e=\"http://e/\">"
               "<rdf:Description rdf:about=\"http://a\"><e:p>&x;</e:p></rdf:Description></rdf:RDF>",
               quads);
  REQUIRE(st.IsSyntax());
  CHECK(st.message().find("external entity &x; is not allowed") != std::string::npos);
}
