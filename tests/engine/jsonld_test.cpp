// JSON-LD: the writer's compacted output reads back as the same dataset (named graphs too), its
// shape (context, @type, native booleans), the reader's features and its errors.
#include <catch2/catch.hpp>

#include "tests/engine/format_test_util.h"
#include "tests/w3c/graph_isomorphism.h"

using namespace cairn;
using namespace cairn::testing;

TEST_CASE("JSON-LD: write then read gives the same dataset, for every kind of term and graph", "[engine][jsonld]") {
  auto quads = AwkwardTriples();
  quads.push_back(Q(Iri("a"), Iri("p"), Lit("in g"), Iri("g")));
  quads.push_back(Q(Iri("b"), Iri("p"), Term::BlankNode("b1"), Iri("g")));
  quads.push_back(Q(Iri("a"), Iri("p"), Lit("in a blank graph"), Term::BlankNode("g2")));
  quads.push_back(Q(Iri("c"), Iri("p"), Lit("default again")));
  auto text = WriteAs(RdfFormat::kJsonLd, quads, ExamplePrefixes());
  REQUIRE(text.ok());
  INFO(*text);
  CHECK(text->find("\"@context\": {\"ex\":\"http://example.org/\"") != std::string::npos);
  CHECK(text->find("\"@type\":[\"ex:Class\"]") != std::string::npos);
  CHECK(text->find("\"ex:bool\":[true,{\"@value\":\"1\",\"@type\":\"xsd:boolean\"}]") != std::string::npos);
  CHECK(text->find("{\"@value\":\"01\",\"@type\":\"xsd:integer\"}") != std::string::npos);
  std::vector<Quad> back;
  Status st = ParseAs(RdfFormat::kJsonLd, *text, back);
  REQUIRE(st.ok());
  std::string diff;
  CHECK(w3c::IsomorphicDatasets(quads, back, &diff));
  INFO(diff);
}

TEST_CASE("JSON-LD: prefixes that would change how absolute IRIs read are not declared", "[engine][jsonld]") {
  auto text = WriteAs(RdfFormat::kJsonLd, {Q(Term::Iri("urn:isbn:1"), Iri("p"), Lit("x"))},
                      {{"urn", "http://wrong/"}, {"ex", "http://example.org/"}, {"", "http://empty/"}});
  REQUIRE(text.ok());
  CHECK(text->find("\"urn\"") == std::string::npos);
  CHECK(text->find("\"@id\":\"urn:isbn:1\"") != std::string::npos);
  std::vector<Quad> back;
  REQUIRE(ParseAs(RdfFormat::kJsonLd, *text, back).ok());
  REQUIRE(back.size() == 1);
  CHECK(back[0].subject == Term::Iri("urn:isbn:1"));
}

TEST_CASE("JSON-LD reader: contexts, coercion, lists, reverse properties, numbers", "[engine][jsonld]") {
  std::vector<Quad> quads;
  REQUIRE(ParseAs(RdfFormat::kJsonLd, R"({
    "@context": {"@vocab": "http://schema.org/", "ex": "http://example.org/", "@language": "en",
                 "knows": {"@type": "@id"}, "tags": {"@container": "@list"},
                 "parentOf": {"@reverse": "ex:childOf"}, "when": {"@id": "ex:when", "@type": "ex:date"}},
    "@id": "ex:a", "@type": "Person", "name": "Ann", "age": 5, "height": 1.5, "ok": true,
    "knows": "b", "tags": ["x"], "parentOf": {"@id": "ex:kid"}, "when": "2020",
    "nick": {"@value": "A", "@language": "fr"}, "friend": {"name": "Bob"}, "ignored": null})",
                  quads)
              .ok());
  auto has = [&](const Quad& q) { return std::find(quads.begin(), quads.end(), q) != quads.end(); };
  Term a = Iri("a");
  auto schema = [](const std::string& l) { return Term::Iri("http://schema.org/" + l); };
  CHECK(has(Q(a, Term::Iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), schema("Person"))));
  CHECK(has(Q(a, schema("name"), Term::LangLiteral("Ann", "en"))));
  CHECK(has(Q(a, schema("age"), Lit("5", "integer"))));
  CHECK(has(Q(a, schema("height"), Lit("1.5E0", "double"))));
  CHECK(has(Q(a, schema("ok"), Lit("true", "boolean"))));
  CHECK(has(Q(a, schema("knows"), Term::Iri("http://example.org/b"))));  // relative to the base
  CHECK(has(Q(Iri("kid"), Iri("childOf"), a)));
  CHECK(has(Q(a, Iri("when"), Term::Literal("2020", "http://example.org/date"))));
  CHECK(has(Q(a, schema("nick"), Term::LangLiteral("A", "fr"))));
  CHECK(quads.size() == 14);  // + tags list (2), friend and its name
}

TEST_CASE("JSON-LD reader: errors", "[engine][jsonld]") {
  std::vector<Quad> quads;
  Status st = ParseAs(RdfFormat::kJsonLd, "{\"@context\": \"http://schema.org/\", \"name\": \"x\"}", quads);
  REQUIRE(st.IsSyntax());
  CHECK(st.message().find("does not fetch remote contexts") != std::string::npos);
  st = ParseAs(RdfFormat::kJsonLd, "{\n  \"a\": [1,\n  ,]}", quads);
  REQUIRE(st.IsSyntax());
  CHECK(st.message().starts_with("doc:3:3: JSON syntax error"));
  st = ParseAs(RdfFormat::kJsonLd, "{\"@context\": {\"m\": {\"@id\": \"http://e/m\", \"@container\": \"@language\"}}}", quads);
  REQUIRE(st.IsSyntax());
  CHECK(st.message().find("not supported") != std::string::npos);
}
