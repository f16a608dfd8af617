// Helpers for the RDF/XML and JSON-LD tests: parse a string, write quads to a string, and a
// dataset with every kind of term the writers must handle.
#pragma once

#include <string>
#include <vector>

#include "engine/rdf_reader.h"
#include "engine/rdf_writer.h"
#include "tests/test_util.h"

namespace cairn::testing {

inline Status ParseAs(RdfFormat format, std::string_view text, std::vector<Quad>& out,
                      const std::string& base = "http://example.org/doc", PrefixSink prefixes = nullptr) {
  RdfReadOptions options;
  options.format = format;
  options.base_iri = base;
  return ReadRdfString(
      text, "doc", options, [&](const Quad& q) {
        out.push_back(q);
        return Status::OK();
      },
      nullptr, prefixes);
}

inline Result<std::string> WriteAs(RdfFormat format, const std::vector<Quad>& quads, const PrefixList& prefixes) {
  std::string text;
  auto writer = MakeRdfWriter(format, [&](std::string_view bytes) {
    text.append(bytes);
    return Status::OK();
  }, prefixes);
  for (const Quad& q : quads) {
    Status st = writer->Write(q);
    if (!st.ok()) return st;
  }
  Status st = writer->Finish();
  if (!st.ok()) return st;
  return text;
}

// Every literal kind, awkward characters, blank nodes (one with a label that is no NCName), a
// predicate no prefix covers and one whose IRI ends in a digit-led name.
inline std::vector<Quad> AwkwardTriples() {
  const std::string xsd = "http://www.w3.org/2001/XMLSchema#";
  Term s = Iri("s?a=1&b=<2>");
  return {
      Q(s, Iri("plain"), Lit("text with <tags> & \"quotes\" ]]> and\ttab\r\nCRLF")),
      Q(s, Iri("lang"), Term::LangLiteral("colour", "en-GB")),
      Q(s, Iri("typed"), Lit("01", "integer")),
      Q(s, Iri("bool"), Lit("true", "boolean")),
      Q(s, Iri("bool"), Lit("1", "boolean")),
      Q(s, Iri("double"), Lit("1.5E0", "double")),
      Q(s, Iri("xml"), Term::Literal("<b>bold</b>", "http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral")),
      Q(s, Iri("empty"), Lit("")),
      Q(s, Iri("unicode"), Lit("caf\xC3\xA9 \xF0\x9F\x98\x80")),
      Q(s, Term::Iri("http://other.example/vocab#thing"), Term::BlankNode("b1")),
      Q(s, Term::Iri("http://other.example/vocab#thing"), Term::BlankNode("0odd")),
      Q(Term::BlankNode("b1"), Term::Iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), Iri("Class")),
      Q(Term::BlankNode("b1"), Term::Iri("http://other.example/v2/p-1"), Iri("o")),
      Q(Term::BlankNode("0odd"), Iri("label"), Lit("odd label")),
  };
}

inline PrefixList ExamplePrefixes() { return {{"ex", "http://example.org/"}, {"xsd", "http://www.w3.org/2001/XMLSchema#"}}; }

}  // namespace cairn::testing
