// The SPARQL query parser: the algebra produced for representative queries (compared through
// ToSse), literal and IRI forms, and syntax errors with their positions and static checks.
#include <catch2/catch.hpp>

#include <string>

#include "sparql/parser/sparql_parser.h"

using namespace cairn;
using namespace cairn::sparql;

namespace {

constexpr const char* kPrefix = "PREFIX : <http://ex/>\n";

// The SSE of the query's pattern, or "ERROR <message>".
std::string Sse(const std::string& text, std::string_view base = "") {
  auto q = ParseQuery(text, base);
  if (!q.ok()) return "ERROR " + q.status().message();
  return ToSse(*q->pattern);
}

std::string Error(const std::string& text) {
  auto q = ParseQuery(text);
  if (q.ok()) return "(accepted)";
  CHECK(q.status().IsSyntax());
  return q.status().message();
}

Query Parse(const std::string& text, std::string_view base = "") {
  auto q = ParseQuery(text, base);
  INFO(text);
  INFO((q.ok() ? std::string() : q.status().message()));
  REQUIRE(q.ok());
  return std::move(*q);
}

}  // namespace

TEST_CASE("basic graph patterns, FILTER scope and OPTIONAL", "[sparql][parser]") {
  CHECK(Sse(std::string(kPrefix) + "SELECT ?s WHERE { ?s :p ?o FILTER(?o > 1) OPTIONAL { ?s :r ?z FILTER(?z != ?o) } ?s :q ?o }") ==
        "(project (?s)\n"
        "  (filter (> ?o 1)\n"
        "    (join\n"
        "      (leftjoin\n"
        "        (bgp (triple ?s <http://ex/p> ?o))\n"
        "        (bgp (triple ?s <http://ex/r> ?z))\n"
        "        (!= ?z ?o))\n"
        "      (bgp (triple ?s <http://ex/q> ?o)))))");
  // Triples on both sides of a FILTER are one BGP.
  CHECK(Sse(std::string(kPrefix) + "ASK { ?s :p ?o . FILTER(?o) ?s :q ?x }") ==
        "(filter ?o\n  (bgp (triple ?s <http://ex/p> ?o) (triple ?s <http://ex/q> ?x)))");
  CHECK(Sse("ASK {}") == "(bgp)");
}

TEST_CASE("SELECT * lists in-scope variables in order of appearance", "[sparql][parser]") {
  Query q = Parse(std::string(kPrefix) +
                  "SELECT * { ?s :p [ :q ?b ] . BIND(1 AS ?y) { SELECT ?z { ?z ?w ?v } } MINUS { ?m ?n ?s } }");
  std::string names;
  for (const auto& v : q.result_variables) names += v.name + " ";
  CHECK(names == "s b y z ");
}

TEST_CASE("literals, IRIs and prefixed names", "[sparql][parser]") {
  CHECK(Sse("PREFIX ex: <http://ex/> ASK { ?s ex:a\\.b\\~c ex:d%41, 1, -2.5, +3e1, \"x\"@en-GB, 'y'^^ex:dt, true, "
            "\"\"\"long \"q\" \"\"\"\" , '\\t\\u00e9\\U0001F600' }") ==
        "(bgp (triple ?s <http://ex/a.b~c> <http://ex/d%41>) (triple ?s <http://ex/a.b~c> 1) "
        "(triple ?s <http://ex/a.b~c> -2.5) "
        "(triple ?s <http://ex/a.b~c> \"+3e1\"^^<http://www.w3.org/2001/XMLSchema#double>) "
        "(triple ?s <http://ex/a.b~c> \"x\"@en-GB) (triple ?s <http://ex/a.b~c> \"y\"^^<http://ex/dt>) "
        "(triple ?s <http://ex/a.b~c> true) (triple ?s <http://ex/a.b~c> \"long \\\"q\\\" \\\"\") "
        "(triple ?s <http://ex/a.b~c> \"\\u0009\xC3\xA9\xF0\x9F\x98\x80\"))");
  // Lexical forms are kept as written.
  Query q = Parse("ASK { ?s ?p 007, 1.50 }");
  const auto& bgp = *q.pattern;
  REQUIRE(bgp.triples.size() == 2);
  CHECK(std::get<Term>(bgp.triples[0].object) == Term::Literal("007", "http://www.w3.org/2001/XMLSchema#integer"));
  CHECK(std::get<Term>(bgp.triples[1].object) == Term::Literal("1.50", "http://www.w3.org/2001/XMLSchema#decimal"));
  // Keywords are case-insensitive, 'a' is rdf:type.
  CHECK(Sse("ask where { ?s a ?t . filter(isiri(?s)) }") ==
        "(filter (isIRI ?s)\n  (bgp (triple ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?t)))");
}

// Absolute IRIs are kept as written (as the RDF reader keeps them), so a query names exactly the
// IRIs the data has; only relative references are resolved.
TEST_CASE("relative IRIs resolve against BASE or the given base (RFC 3986)", "[sparql][parser]") {
  CHECK(Sse("BASE <http://a/b/c/d;p?q> ASK { <g> <../g> <//g> . <?y> <#s> <../../../g> . <./g> <http://x/./y/../z> <> }") ==
        "(bgp (triple <http://a/b/c/g> <http://a/b/g> <http://g>) "
        "(triple <http://a/b/c/d;p?y> <http://a/b/c/d;p?q#s> <http://a/g>) "
        "(triple <http://a/b/c/g> <http://x/./y/../z> <http://a/b/c/d;p?q>))");
  CHECK(Sse("ASK { <x> <y> <z> }", "http://base/dir/") ==
        "(bgp (triple <http://base/dir/x> <http://base/dir/y> <http://base/dir/z>))");
  CHECK(Sse("BASE <sub/> PREFIX p: <rel#> ASK { p:x ?p ?o }", "http://base/dir/") ==
        "(bgp (triple <http://base/dir/sub/rel#x> ?p ?o))");
  Query q = Parse("BASE <http://b/> ASK {}");
  CHECK(q.base_iri == "http://b/");
}

TEST_CASE("collections, blank node property lists and blank nodes as variables", "[sparql][parser]") {
  CHECK(Sse(std::string(kPrefix) + "ASK { ?s :p ( 1 ?x ) . [ :q _:b ] :r [] }") ==
        "(bgp (triple ?s <http://ex/p> ?_:#0) "
        "(triple ?_:#0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> 1) "
        "(triple ?_:#0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> ?_:#1) "
        "(triple ?_:#1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> ?x) "
        "(triple ?_:#1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>) "
        "(triple ?_:#2 <http://ex/q> ?_:b) (triple ?_:#2 <http://ex/r> ?_:#3))");
}

TEST_CASE("property paths: links and sequences become triples, the rest Path", "[sparql][parser]") {
  CHECK(Sse(std::string(kPrefix) + "ASK { ?x :p/^:r ?y . ?y :a|:b ?z . ?z :c* ?w . ?w !(:d|^:e) ?v . ?v ^:f ?u . ?u :g+/:h? ?t }") ==
        "(join\n"
        "  (join\n"
        "    (join\n"
        "      (join\n"
        "        (join\n"
        "          (join\n"
        "            (bgp (triple ?x <http://ex/p> ?_:#0) (triple ?y <http://ex/r> ?_:#0))\n"
        "            (path ?y (alt <http://ex/a> <http://ex/b>) ?z))\n"
        "          (path ?z (path* <http://ex/c>) ?w))\n"
        "        (path ?w (notoneof <http://ex/d> (reverse <http://ex/e>)) ?v))\n"
        "      (bgp (triple ?u <http://ex/f> ?v)))\n"
        "    (path ?u (path+ <http://ex/g>) ?_:#1))\n"
        "  (path ?_:#1 (path? <http://ex/h>) ?t))");
}

TEST_CASE("UNION, MINUS, GRAPH, SERVICE, BIND, VALUES", "[sparql][parser]") {
  CHECK(Sse(std::string(kPrefix) +
            "ASK { ?s :p ?x BIND(?x + 1 AS ?y) VALUES (?a ?b) { (1 UNDEF) (UNDEF :c) } "
            "{ ?s :u ?v } UNION { ?s :w ?v } MINUS { ?s :m ?m } GRAPH ?g { ?s ?p2 ?o2 } "
            "SERVICE SILENT <http://svc> { ?s ?p3 ?o3 } }") ==
        "(join\n"
        "  (join\n"
        "    (minus\n"
        "      (join\n"
        "        (join\n"
        "          (extend ((?y (+ ?x 1)))\n"
        "            (bgp (triple ?s <http://ex/p> ?x)))\n"
        "          (table (vars ?a ?b) (row [?a 1]) (row [?b <http://ex/c>])))\n"
        "        (union\n"
        "          (bgp (triple ?s <http://ex/u> ?v))\n"
        "          (bgp (triple ?s <http://ex/w> ?v))))\n"
        "      (bgp (triple ?s <http://ex/m> ?m)))\n"
        "    (graph ?g\n"
        "      (bgp (triple ?s ?p2 ?o2))))\n"
        "  (service silent <http://svc>\n"
        "    (bgp (triple ?s ?p3 ?o3))))");
}

TEST_CASE("expressions: operators, built-ins, casts, functions, EXISTS", "[sparql][parser]") {
  auto filter = [](const std::string& e) {
    auto q = ParseQuery("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> PREFIX : <http://ex/> ASK { FILTER(" + e + ") }");
    if (!q.ok()) return "ERROR " + q.status().message();
    return ToSse(*q->pattern->expression);
  };
  CHECK(filter("?a || ?b && !?c") == "(|| ?a (&& ?b (! ?c)))");
  CHECK(filter("?a + ?b * -?c - 2 / ?d") == "(- (+ ?a (* ?b (- ?c))) (/ 2 ?d))");
  CHECK(filter("?o -1 = 2") == "(= (- ?o 1) 2)");
  CHECK(filter("?o +2 * 3 > ?x") == "(> (+ ?o (* 2 3)) ?x)");
  CHECK(filter("?o IN (1, 2) && ?o NOT IN ()") == "(&& (in ?o 1 2) (notin ?o))");
  CHECK(filter("xsd:integer(?o) + xsd:dateTime(?d)") == "(+ (xsd:integer ?o) (xsd:dateTime ?d))");
  CHECK(filter(":fn(?o, \"a\")") == "(<http://ex/fn> ?o \"a\")");
  CHECK(filter("REGEX(STR(?s), \"^a\", \"i\") && LangMatches(lang(?s), '*')") ==
        "(&& (regex (str ?s) \"^a\" \"i\") (langMatches (lang ?s) \"*\"))");
  CHECK(filter("bound(?s) && BNODE() != BNODE(\"x\") && CONCAT() = COALESCE(?a, 1) && IF(?a, NOW(), UUID())") ==
        "(&& (&& (&& (bound ?s) (!= (bnode) (bnode \"x\"))) (= (concat) (coalesce ?a 1))) (if ?a (now) (uuid)))");
  CHECK(filter("SUBSTR(?s, 1) = SUBSTR(?s, 1, 2) && REPLACE(?s, 'a', 'b', 'i') = isURI(?s)") ==
        "(&& (= (substr ?s 1) (substr ?s 1 2)) (= (replace ?s \"a\" \"b\" \"i\") (isIRI ?s)))");
  CHECK(filter("NOT EXISTS { ?s :x ?o } && EXISTS { ?s :y 1 }") ==
        "(&& (notexists (bgp (triple ?s <http://ex/x> ?o))) (exists (bgp (triple ?s <http://ex/y> 1))))");
  CHECK(filter("sha256(?x) = md5(?x)") == "(= (sha256 ?x) (md5 ?x))");
  CHECK(filter("STRLEN()").rfind("ERROR line 1, column", 0) == 0);
}

TEST_CASE("aggregates, GROUP BY, HAVING, ORDER BY, LIMIT/OFFSET", "[sparql][parser]") {
  Query q = Parse(std::string(kPrefix) +
                  "SELECT ?s (COUNT(DISTINCT ?o) AS ?n) (GROUP_CONCAT(?o ; SEPARATOR=\",\") AS ?all) "
                  "WHERE { ?s :p ?o } GROUP BY ?s HAVING (COUNT(*) > 1) ORDER BY DESC(?n) ?s LIMIT 10 OFFSET 5");
  CHECK(ToSse(*q.pattern) ==
        "(slice 5 10\n"
        "  (project (?s ?n ?all)\n"
        "    (order ((desc ?n) ?s)\n"
        "      (extend ((?all ?_agg1))\n"
        "        (extend ((?n ?_agg0))\n"
        "          (filter (> ?_agg2 1)\n"
        "            (group (?s) ((?_agg0 (count distinct ?o)) (?_agg1 (group_concat ?o \",\")) (?_agg2 (count)))\n"
        "              (bgp (triple ?s <http://ex/p> ?o)))))))))");
  // Group keys: expressions get a variable (the AS one, or a fresh one).
  CHECK(Sse(std::string(kPrefix) + "SELECT ?k (SAMPLE(?v) AS ?sv) WHERE { ?s :p ?v } GROUP BY (STR(?s) AS ?k) LCASE(?v)") ==
        "(project (?k ?sv)\n"
        "  (extend ((?sv ?_agg0))\n"
        "    (group (?k ?_:#0) ((?_agg0 (sample ?v)))\n"
        "      (extend ((?_:#0 (lcase ?v)))\n"
        "        (extend ((?k (str ?s)))\n"
        "          (bgp (triple ?s <http://ex/p> ?v)))))))");
  // Implicit grouping; a subquery is projected and joined.
  CHECK(Sse("SELECT (SUM(?x) AS ?s) WHERE { { SELECT DISTINCT ?x WHERE { ?x ?p ?o } LIMIT 1 } }") ==
        "(project (?s)\n"
        "  (extend ((?s ?_agg0))\n"
        "    (group () ((?_agg0 (sum ?x)))\n"
        "      (slice 0 1\n"
        "        (distinct\n"
        "          (project (?x)\n"
        "            (bgp (triple ?x ?p ?o))))))))");
  CHECK(Sse("SELECT REDUCED ?x WHERE { ?x ?p ?o } ORDER BY ASC(?x) DESC(STR(?o)) OFFSET 3") ==
        "(slice 3 _\n"
        "  (reduced\n"
        "    (project (?x)\n"
        "      (order (?x (desc (str ?o)))\n"
        "        (bgp (triple ?x ?p ?o))))))");
  // Trailing VALUES joins after grouping, before SELECT expressions.
  CHECK(Sse("SELECT ?x (?x + 1 AS ?y) WHERE { ?x ?p ?o } VALUES ?x { 1 2 }") ==
        "(project (?x ?y)\n"
        "  (extend ((?y (+ ?x 1)))\n"
        "    (join\n"
        "      (bgp (triple ?x ?p ?o))\n"
        "      (table (vars ?x) (row [?x 1]) (row [?x 2])))))");
}

TEST_CASE("query forms and dataset", "[sparql][parser]") {
  Query c = Parse(std::string(kPrefix) + "CONSTRUCT { ?s :p _:b . _:b :q [ :r ?o ] } FROM <http://g1> FROM NAMED <http://g2> WHERE { ?s :p ?o }");
  CHECK(c.form == Query::Form::kConstruct);
  CHECK(c.dataset.specified);
  CHECK(c.dataset.default_graphs == std::vector<Term>{Term::Iri("http://g1")});
  CHECK(c.dataset.named_graphs == std::vector<Term>{Term::Iri("http://g2")});
  REQUIRE(c.construct_template.size() == 3);
  CHECK(std::get<Term>(c.construct_template[0].object) == Term::BlankNode("b"));
  CHECK(ToSse(c).rfind("(construct ((triple ?s <http://ex/p> _:b) (triple _:b <http://ex/q> _:", 0) == 0);

  Query w = Parse(std::string(kPrefix) + "CONSTRUCT WHERE { ?s :p _:b . _:b :q ?o }");
  REQUIRE(w.construct_template.size() == 2);
  CHECK(std::get<Term>(w.construct_template[1].subject) == Term::BlankNode("b"));
  CHECK(ToSse(*w.pattern) == "(bgp (triple ?s <http://ex/p> ?_:b) (triple ?_:b <http://ex/q> ?o))");

  Query d = Parse("DESCRIBE ?x <http://ex/y> WHERE { ?x ?p ?o }");
  CHECK(d.form == Query::Form::kDescribe);
  CHECK(d.describe.size() == 2);
  Query d2 = Parse("DESCRIBE <http://ex/y>");
  CHECK(ToSse(*d2.pattern) == "(bgp)");
  CHECK(Parse("DESCRIBE *  { ?s ?p ?o }").describe.empty());

  Query a = Parse("ASK { ?s ?p ?o }");
  CHECK(a.form == Query::Form::kAsk);
  CHECK(ToSse(a) == "(ask\n  (bgp (triple ?s ?p ?o)))");
  CHECK(ToSse(Parse("SELECT ?s { ?s ?p ?o }")) == "(select (?s)\n  (project (?s)\n    (bgp (triple ?s ?p ?o))))");
}

TEST_CASE("syntax errors name the position and what was expected", "[sparql][parser]") {
  CHECK(Error("SELECT * WHERE { ?s ?p ?o") == "line 1, column 26: expected '.' or '}', found end of query");
  CHECK(Error("SELECT * WHERE {\n  ?s ?p ?o .\n  ?s ?p\n}") ==
        "line 4, column 1: expected a variable, IRI, literal, blank node or collection, found '}'");
  CHECK(Error("SELECT ?x WHERE { ?x foo:p ?o }") == "line 1, column 22: undefined prefix 'foo:'");
  CHECK(Error("SELECT ?x WHERE { ?x ?p \"abc }") == "line 1, column 25: unterminated string");
  CHECK(Error("SELECT ?x WHERE { ?x ?p ?o } LIMIT -1") ==
        "line 1, column 36: expected a non-negative integer after LIMIT, found '-1'");
  CHECK(Error("SELECT ?x WHERE { ?x ?p ?o } garbage") == "line 1, column 30: expected end of query, found 'garbage'");
  CHECK(Error("# comment\nSELEC ?x {}") == "line 2, column 1: expected SELECT, CONSTRUCT, DESCRIBE, ASK, BASE or PREFIX, found 'SELEC'");
  // Columns count code points.
  CHECK(Error("ASK { ?s ?p \"é\" ?x }") == "line 1, column 17: expected '.' or '}', found '?x'");
  CHECK(Error("ASK { ?s ?p \"\\q\" }") == "line 1, column 14: invalid escape sequence in string");
  CHECK(Error("ASK { ?s ?p \"\\u00ZZ\" }") == "line 1, column 14: invalid code point escape");
}

TEST_CASE("static checks the spec makes syntax errors", "[sparql][parser]") {
  CHECK(Error("SELECT ?x WHERE {\n  ?x ?p ?o .\n  BIND(1 AS ?o)\n}") == "line 3, column 13: BIND variable ?o is already in scope");
  CHECK(Error("SELECT ?x (1 AS ?x) WHERE { ?x ?p ?o }") ==
        "line 1, column 17: variable ?x in (... AS ?x) is already in scope");
  CHECK(Error("SELECT (1 AS ?y) (2 AS ?y) WHERE { ?x ?p ?o }") ==
        "line 1, column 24: variable ?y in (... AS ?y) is already in scope");
  CHECK(Error("SELECT ?o WHERE { ?x ?p ?o } GROUP BY ?x") ==
        "line 1, column 8: variable ?o is projected but is not grouped (GROUP BY)");
  CHECK(Error("SELECT ?o (COUNT(*) AS ?c) WHERE { ?x ?p ?o }") ==
        "line 1, column 8: variable ?o is projected but is not grouped (GROUP BY)");
  CHECK(Error("SELECT ((?o + 1) AS ?c) WHERE { ?x ?p ?o } GROUP BY (?o + 1)") ==
        "line 1, column 21: variable ?o is used in a SELECT expression but is not grouped");
  CHECK(Error("SELECT * WHERE { ?x ?p ?o } GROUP BY ?x") == "line 1, column 8: SELECT * is not allowed with GROUP BY or aggregates");
  CHECK(Error("SELECT (COUNT(SUM(?x)) AS ?c) WHERE { ?x ?p ?o }") ==
        "line 1, column 15: aggregate SUM is not allowed here (only in SELECT, HAVING and ORDER BY)");
  CHECK(Error("SELECT ?x WHERE { ?x ?p ?o FILTER(COUNT(?x) > 1) }") ==
        "line 1, column 35: aggregate COUNT is not allowed here (only in SELECT, HAVING and ORDER BY)");
  CHECK(Error("SELECT ?x WHERE { ?x ?p ?o } GROUP BY (COUNT(?x))") ==
        "line 1, column 40: aggregate COUNT is not allowed here (only in SELECT, HAVING and ORDER BY)");
  CHECK(Error("SELECT ?x WHERE { ?x ?p ?o } VALUES (?x ?y) { (1) }") == "line 1, column 47: VALUES row has 1 values for 2 variables");
  CHECK(Error("SELECT ?x WHERE { ?x ?p _:a . { _:a ?q ?r } }") ==
        "line 1, column 33: blank node label '_:a' is used in two different basic graph patterns");
  CHECK(Error("SELECT ?x WHERE { ?x ?p _:a . OPTIONAL { ?x ?q ?r } _:a ?q ?r }") ==
        "line 1, column 53: blank node label '_:a' is used in two different basic graph patterns");
  CHECK(Error("CONSTRUCT WHERE { ?s ?p ?o FILTER(?o) }") == "line 1, column 28: expected '}', found 'FILTER'");
  // Allowed: the same label across a FILTER, and in the template and the pattern.
  CHECK(Error("ASK { _:a ?p ?o FILTER(true) _:a ?q ?r }") == "(accepted)");
  CHECK(Error("CONSTRUCT { _:a ?p ?o } WHERE { _:a ?p ?o }") == "(accepted)");
  CHECK(Error("SELECT (COUNT(*) AS ?c) ?k WHERE { ?x ?p ?o } GROUP BY (STR(?x) AS ?k)") == "(accepted)");
}
