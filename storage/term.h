// RDF terms and quads as plain value types: what parsers produce, writers consume and the
// store encodes. A term keeps its lexical form, datatype and language exactly as given, because
// Cairn promises an exact round trip ("01"^^xsd:integer stays "01").
#pragma once

#include <string>
#include <string_view>

namespace cairn {

enum class TermKind : unsigned char { kDefaultGraph, kIri, kBlankNode, kLiteral };

struct Term {
  TermKind kind = TermKind::kDefaultGraph;
  std::string value;     // IRI, blank-node label (without "_:"), or literal lexical form
  std::string datatype;  // literals: datatype IRI; rdf:langString when language is set
  std::string language;  // literals: language tag as written; empty otherwise

  static Term Iri(std::string iri) { return {TermKind::kIri, std::move(iri), {}, {}}; }
  static Term BlankNode(std::string label) { return {TermKind::kBlankNode, std::move(label), {}, {}}; }
  static Term Literal(std::string lexical, std::string datatype);  // empty datatype: xsd:string
  static Term LangLiteral(std::string lexical, std::string language);
  static Term DefaultGraph() { return {}; }

  bool is_iri() const { return kind == TermKind::kIri; }
  bool is_blank() const { return kind == TermKind::kBlankNode; }
  bool is_literal() const { return kind == TermKind::kLiteral; }
  bool is_default_graph() const { return kind == TermKind::kDefaultGraph; }

  friend bool operator==(const Term&, const Term&) = default;
  friend auto operator<=>(const Term&, const Term&) = default;
};

// A quad in the default graph has graph.is_default_graph().
struct Quad {
  Term subject, predicate, object, graph;
  friend bool operator==(const Quad&, const Quad&) = default;
  friend auto operator<=>(const Quad&, const Quad&) = default;
};

// N-Triples form of a term: <iri>, _:label, "lexical"^^<dt> / "lexical"@lang / "lexical".
// xsd:string literals are written without a datatype, as RDF 1.1 N-Triples recommends.
std::string ToNTriples(const Term& term);
void AppendNTriples(const Term& term, std::string& out);
// Appends s with N-Triples string escapes (\" \\ \n \r \t; other controls as \uXXXX).
void AppendEscapedString(std::string_view s, std::string& out);
// Appends an IRI with the escapes N-Triples requires inside <...> (\uXXXX for forbidden chars).
void AppendEscapedIri(std::string_view iri, std::string& out);

}  // namespace cairn
