// The SPARQL 1.1 Update parser: the update algebra produced for every operation form (compared
// through ToSse), request structure (';', prologues between operations), and the syntax errors
// and static checks with their positions.
#include <catch2/catch.hpp>

#include <string>

#include "sparql/parser/sparql_parser.h"
#include "sparql/update.h"

using namespace cairn;
using namespace cairn::sparql;

namespace {

constexpr const char* kPrefix = "PREFIX : <http://ex/>\n";

std::string Sse(const std::string& text, std::string_view base = "") {
  auto u = ParseUpdate(text, base);
  if (!u.ok()) return "ERROR " + u.status().message();
  return ToSse(*u);
}

std::string Error(const std::string& text) {
  auto u = ParseUpdate(text);
  if (u.ok()) return "(accepted)";
  CHECK(u.status().IsSyntax());
  return u.status().message();
}

Update Parse(const std::string& text, std::string_view base = "") {
  auto u = ParseUpdate(text, base);
  INFO(text);
  INFO((u.ok() ? std::string() : u.status().message()));
  REQUIRE(u.ok());
  return std::move(*u);
}

}  // namespace

TEST_CASE("update: graph management operations", "[sparql][parser][update]") {
  CHECK(Sse(std::string(kPrefix) +
            "LOAD <http://src/> ; LOAD SILENT :src INTO GRAPH :g ;\n"
            "CLEAR DEFAULT ; CLEAR SILENT NAMED ; CLEAR ALL ; CLEAR GRAPH :g ;\n"
            "DROP SILENT GRAPH :g ; DROP ALL ; CREATE GRAPH :g ; CREATE SILENT GRAPH :h ;\n"
            "ADD DEFAULT TO :g ; MOVE SILENT GRAPH :g TO DEFAULT ; COPY :a TO GRAPH :b") ==
        "(update\n"
        "  (load <http://src/>)\n"
        "  (load silent <http://ex/src> <http://ex/g>)\n"
        "  (clear default)\n"
        "  (clear silent named)\n"
        "  (clear all)\n"
        "  (clear <http://ex/g>)\n"
        "  (drop silent <http://ex/g>)\n"
        "  (drop all)\n"
        "  (create <http://ex/g>)\n"
        "  (create silent <http://ex/h>)\n"
        "  (add default <http://ex/g>)\n"
        "  (move silent <http://ex/g> default)\n"
        "  (copy <http://ex/a> <http://ex/b>))");
  Update u = Parse("load silent <a> into graph <b>", "http://base/");
  REQUIRE(u.operations.size() == 1);
  const UpdateOperation& op = u.operations[0];
  CHECK(op.kind == UpdateOperation::Kind::kLoad);
  CHECK(op.silent);
  CHECK(op.source == Term::Iri("http://base/a"));
  CHECK(op.destination == Term::Iri("http://base/b"));
  Update c = Parse("COPY DEFAULT TO <http://g>");
  CHECK(c.operations[0].kind == UpdateOperation::Kind::kCopy);
  CHECK(c.operations[0].from.kind == GraphTarget::Kind::kDefault);
  CHECK(c.operations[0].to.kind == GraphTarget::Kind::kGraph);
  CHECK(c.operations[0].to.graph == Term::Iri("http://g"));
}

TEST_CASE("update: INSERT DATA and DELETE DATA are ground quads", "[sparql][parser][update]") {
  CHECK(Sse(std::string(kPrefix) +
            "INSERT DATA { :s :p 1, \"x\"@en . GRAPH :g { :s a :C ; :q ( 1 ) } :t :p [ :r 2 ] . _:b :p _:b }") ==
        "(update\n"
        "  (insertdata (quad default <http://ex/s> <http://ex/p> 1) "
        "(quad default <http://ex/s> <http://ex/p> \"x\"@en) "
        "(quad <http://ex/g> <http://ex/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/C>) "
        "(quad <http://ex/g> <http://ex/s> <http://ex/q> _:anon0.cairn) "
        "(quad <http://ex/g> _:anon0.cairn <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> 1) "
        "(quad <http://ex/g> _:anon0.cairn <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>) "
        "(quad default <http://ex/t> <http://ex/p> _:anon1.cairn) "
        "(quad default _:anon1.cairn <http://ex/r> 2) "
        "(quad default _:b <http://ex/p> _:b)))");
  Update u = Parse(std::string(kPrefix) + "DELETE DATA { GRAPH :g { :s :p :o } :s :p :o . } ; INSERT DATA {}");
  REQUIRE(u.operations.size() == 2);
  const auto& data = u.operations[0].data;
  CHECK(u.operations[0].kind == UpdateOperation::Kind::kDeleteData);
  REQUIRE(data.size() == 2);
  CHECK(data[0] == Quad{Term::Iri("http://ex/s"), Term::Iri("http://ex/p"), Term::Iri("http://ex/o"), Term::Iri("http://ex/g")});
  CHECK(data[1].graph.is_default_graph());
  CHECK(u.operations[1].kind == UpdateOperation::Kind::kInsertData);
  CHECK(u.operations[1].data.empty());
  // One INSERT DATA shares its labels across its GRAPH blocks.
  CHECK(Sse("INSERT DATA { GRAPH <g1> { _:b <p> <o> } GRAPH <g2> { _:b <p> <o> } }") ==
        "(update\n  (insertdata (quad <g1> _:b <p> <o>) (quad <g2> _:b <p> <o>)))");
}

TEST_CASE("update: DELETE/INSERT WHERE with WITH and USING", "[sparql][parser][update]") {
  CHECK(Sse(std::string(kPrefix) +
            "WITH :g DELETE { ?s :p ?o . GRAPH ?g { ?s :q ?o } } INSERT { ?s :r [ :x ?o ] } "
            "USING :d1 USING NAMED :n1 USING :d2 WHERE { ?s :p ?o OPTIONAL { GRAPH ?g { ?s :q ?o } } }") ==
        "(update\n"
        "  (modify (with <http://ex/g>) (using <http://ex/d1>) (using <http://ex/d2>) (using_named <http://ex/n1>)\n"
        "    (delete (quad default ?s <http://ex/p> ?o) (quad ?g ?s <http://ex/q> ?o))\n"
        "    (insert (quad default ?s <http://ex/r> _:anon0.cairn) (quad default _:anon0.cairn <http://ex/x> ?o))\n"
        "    (leftjoin\n"
        "      (bgp (triple ?s <http://ex/p> ?o))\n"
        "      (graph ?g\n"
        "        (bgp (triple ?s <http://ex/q> ?o))))))");
  // INSERT only; template blank nodes stay blank nodes, WHERE blank nodes are variables.
  CHECK(Sse("INSERT { _:b <p> ?x } WHERE { _:b <q> ?x FILTER(?x > 1) }") ==
        "(update\n"
        "  (modify\n"
        "    (insert (quad default _:b <p> ?x))\n"
        "    (filter (> ?x 1)\n"
        "      (bgp (triple ?_:b <q> ?x)))))");
  Update u = Parse("PREFIX : <http://ex/> DELETE { ?s ?p ?o } USING NAMED :n WHERE { GRAPH :n { ?s ?p ?o } }");
  const UpdateOperation& op = u.operations[0];
  CHECK(op.kind == UpdateOperation::Kind::kDeleteInsert);
  CHECK_FALSE(op.with_graph);
  CHECK(op.insert_template.empty());
  REQUIRE(op.delete_template.size() == 1);
  CHECK_FALSE(op.delete_template[0].graph);
  CHECK(op.using_dataset.specified);
  CHECK(op.using_dataset.default_graphs.empty());
  CHECK(op.using_dataset.named_graphs == std::vector<Term>{Term::Iri("http://ex/n")});
  // Sub-selects and aggregates work in WHERE.
  CHECK(Sse("INSERT { <s> <n> ?c } WHERE { SELECT (COUNT(*) AS ?c) { ?s ?p ?o } }") ==
        "(update\n"
        "  (modify\n"
        "    (insert (quad default <s> <n> ?c))\n"
        "    (project (?c)\n"
        "      (extend ((?c ?_agg0))\n"
        "        (group () ((?_agg0 (count)))\n"
        "          (bgp (triple ?s ?p ?o)))))))");
}

TEST_CASE("update: DELETE WHERE deletes its own pattern", "[sparql][parser][update]") {
  CHECK(Sse(std::string(kPrefix) + "DELETE WHERE { ?s :p ?o . ?s :q ?o GRAPH ?g { ?s :r ?x } ?x :t 1 }") ==
        "(update\n"
        "  (deletewhere (quad default ?s <http://ex/p> ?o) (quad default ?s <http://ex/q> ?o) "
        "(quad ?g ?s <http://ex/r> ?x) (quad default ?x <http://ex/t> 1)\n"
        "    (join\n"
        "      (join\n"
        "        (bgp (triple ?s <http://ex/p> ?o) (triple ?s <http://ex/q> ?o))\n"
        "        (graph ?g\n"
        "          (bgp (triple ?s <http://ex/r> ?x))))\n"
        "      (bgp (triple ?x <http://ex/t> 1)))))");
  Update u = Parse("DELETE WHERE { GRAPH <g> { <s> <p> ?o } }");
  const UpdateOperation& op = u.operations[0];
  CHECK(op.kind == UpdateOperation::Kind::kDeleteInsert);
  CHECK(op.delete_where);
  REQUIRE(op.delete_template.size() == 1);
  CHECK(op.delete_template[0].graph == std::optional<TermOrVariable>(Term::Iri("g")));
  REQUIRE(op.where);
  CHECK(ToSse(*op.where) == "(graph <g>\n  (bgp (triple <s> <p> ?o)))");
  CHECK(Sse("DELETE WHERE {}") == "(update\n  (deletewhere\n    (bgp)))");
}

TEST_CASE("update: requests, separators and prologues", "[sparql][parser][update]") {
  CHECK(Sse("") == "(update)");
  CHECK(Sse("# nothing\nBASE <http://b/> PREFIX p: <http://p/>") == "(update)");
  CHECK(Sse("CLEAR ALL ;") == "(update\n  (clear all))");
  // Prologues between operations; declarations carry over; BASE changes apply from there on.
  CHECK(Sse("PREFIX p: <http://p/> CLEAR GRAPH p:a ; BASE <http://b/> PREFIX q: <x#> DROP GRAPH q:y ; "
            "CREATE GRAPH p:c ; LOAD <z>") ==
        "(update\n"
        "  (clear <http://p/a>)\n"
        "  (drop <http://b/x#y>)\n"
        "  (create <http://p/c>)\n"
        "  (load <http://b/z>))");
  Update u = Parse("CLEAR DEFAULT; BASE <http://b2/> CLEAR DEFAULT", "http://b1/");
  CHECK(u.base_iri == "http://b2/");
  CHECK(u.operations.size() == 2);
  // Keywords are case-insensitive; INSERT DATA may span lines and comments.
  CHECK(Sse("insert\n# c\ndata { <s> <p> <o> }") == "(update\n  (insertdata (quad default <s> <p> <o>)))");
  // INSERT template labels are per operation; WHERE labels follow the BGP rule per operation.
  CHECK(Sse("INSERT { _:b <p> <o> } WHERE { _:w <p> ?x } ; INSERT { _:b <p> <o> } WHERE { _:w <q> ?x }").rfind("(update", 0) == 0);
}

TEST_CASE("update: syntax errors name the position and what was expected", "[sparql][parser][update]") {
  CHECK(Error("LOAD ;") == "line 1, column 6: expected an IRI, found ';'");
  CHECK(Error("CREATE DEAFULT") == "line 1, column 8: expected GRAPH, found 'DEAFULT'");
  CHECK(Error("CREATE GRAPH <g>\nLOAD <r>") == "line 2, column 1: expected ';' or end of update, found 'LOAD'");
  CHECK(Error("CREATE GRAPH <g> ;;") ==
        "line 1, column 19: expected an update operation (INSERT, DELETE, WITH, LOAD, CLEAR, DROP, CREATE, ADD, "
        "MOVE, COPY), BASE or PREFIX, found ';'");
  CHECK(Error("; CLEAR ALL").rfind("line 1, column 1: expected an update operation", 0) == 0);
  CHECK(Error("INSERT WHERE { ?s ?p ?o }") == "line 1, column 8: expected DATA or '{' after INSERT, found 'WHERE'");
  CHECK(Error("DELETE ?s") == "line 1, column 8: expected DATA, WHERE or '{' after DELETE, found '?s'");
  CHECK(Error("WITH <g> DELETE WHERE { ?s ?p ?o }") == "line 1, column 17: expected '{' after DELETE, found 'WHERE'");
  CHECK(Error("WITH <g> CLEAR ALL") == "line 1, column 10: expected DELETE or INSERT after WITH, found 'CLEAR'");
  CHECK(Error("DELETE { ?s ?p ?o } { ?s ?p ?o }") == "line 1, column 21: expected WHERE, found '{'");
  CHECK(Error("INSERT { ?s ?p ?o } WHERE") == "line 1, column 26: expected '{', found end of update");
  CHECK(Error("CLEAR GRAPHS") == "line 1, column 7: expected GRAPH, DEFAULT, NAMED or ALL, found 'GRAPHS'");
  CHECK(Error("ADD <a> <b>") == "line 1, column 9: expected TO, found <b>");
  CHECK(Error("MOVE ALL TO DEFAULT") == "line 1, column 6: expected DEFAULT, GRAPH or an IRI, found 'ALL'");
  CHECK(Error("LOAD <a> INTO <g>") == "line 1, column 15: expected GRAPH, found <g>");
  CHECK(Error("INSERT DATA { <s> <p> <o> <t> <p> <o> }") == "line 1, column 27: expected '.', GRAPH or '}', found <t>");
  CHECK(Error("INSERT DATA { <s> <p> <o> . GRAPH <g> { <a> <b> <c> . GRAPH <h> { } } }") ==
        "line 1, column 55: GRAPH blocks cannot be nested");
  CHECK(Error("INSERT DATA { <s> <p>/<q> <o> }") == "line 1, column 22: expected a variable, IRI, literal, blank node or collection, found '/'");
  CHECK(Error("DELETE WHERE { ?s x:p ?o }") == "line 1, column 19: undefined prefix 'x:'");
}

TEST_CASE("update: static checks the spec makes syntax errors", "[sparql][parser][update]") {
  // No variables in data.
  CHECK(Error("DELETE DATA { ?s <p> <o> }") ==
        "line 1, column 15: variable ?s is not allowed in DELETE DATA (data must be ground)");
  CHECK(Error("INSERT DATA { <s> ?p <o> }") ==
        "line 1, column 19: variable ?p is not allowed in INSERT DATA (data must be ground)");
  CHECK(Error("INSERT DATA { <s> <p> (1 $o) }") ==
        "line 1, column 26: variable ?o is not allowed in INSERT DATA (data must be ground)");
  CHECK(Error("INSERT DATA { GRAPH ?g { <s> <p> <o> } }") ==
        "line 1, column 21: GRAPH ?g is not allowed in INSERT DATA (data must be ground)");
  // No blank nodes in DELETE DATA, DELETE WHERE or DELETE templates.
  CHECK(Error("DELETE DATA { _:a <p> <o> }") == "line 1, column 15: blank node '_:a' is not allowed in DELETE DATA");
  CHECK(Error("DELETE DATA { <s> <p> [ <q> 1 ] }") ==
        "line 1, column 23: blank node '[ ... ]' is not allowed in DELETE DATA");
  CHECK(Error("DELETE DATA { <s> <p> ( 1 ) }") ==
        "line 1, column 23: blank node a collection (its nodes are blank nodes) is not allowed in DELETE DATA");
  CHECK(Error("DELETE WHERE { _:a <p> <o> }") == "line 1, column 16: blank node '_:a' is not allowed in DELETE WHERE");
  CHECK(Error("DELETE { <s> <p> [] } WHERE { ?x <p> <o> }") ==
        "line 1, column 18: blank node '[]' is not allowed in a DELETE template");
  CHECK(Error("DELETE { <s> <p> ?o } INSERT { <s> <p> [] } WHERE { ?x <p> ?o }") == "(accepted)");
  // A label may not be shared by two INSERT DATA operations.
  CHECK(Error("INSERT DATA { _:b1 <p> <o> } ;\nINSERT DATA { <s> <p> _:b1 }") ==
        "line 2, column 23: blank node label '_:b1' is already used by INSERT DATA operation 1 of this request");
  // ...nor by two BGPs of one WHERE clause (the query rule).
  CHECK(Error("INSERT { <s> <p> <o> } WHERE { _:a <p> ?x OPTIONAL { _:a <q> ?y } }") ==
        "line 1, column 54: blank node label '_:a' is used in two different basic graph patterns");
  // The lexer's errors keep their positions.
  CHECK(Error("CLEAR ALL ;\nINSERT DATA { <s> <p> \"unterminated }").rfind("line 2, column ", 0) == 0);
}

TEST_CASE("update: the query parser is unchanged by the update hooks", "[sparql][parser][update]") {
  // Blank nodes and variables keep their query meaning; a query is not an update.
  auto q = ParseQuery("SELECT * { _:a <p> ?x }");
  REQUIRE(q.ok());
  CHECK(ToSse(*q->pattern) == "(project (?x)\n  (bgp (triple ?_:a <p> ?x)))");
  CHECK(Error("SELECT * { ?s ?p ?o }").rfind("line 1, column 1: expected an update operation", 0) == 0);
  CHECK_FALSE(ParseQuery("CLEAR ALL").ok());
  CHECK(ParseQuery("ASK {").status().message() ==
        "line 1, column 6: expected a variable, IRI, literal or blank node, found end of query");
}
