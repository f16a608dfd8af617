// Result readers: round trips through every writer, the W3C result files, hostile and
// malformed input.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sparql/results/result_reader.h"
#include "sparql/results/solution_writer.h"
#include "tests/test_util.h"
#include "vocab/vocab.h"

using namespace cairn;
using namespace cairn::sparql;
using cairn::testing::Iri;
using cairn::testing::Lit;

namespace {

using Row = std::vector<std::optional<Term>>;

std::string Dump(const SolutionSet& set) {
  std::string s;
  if (set.boolean) return *set.boolean ? "ASK true" : "ASK false";
  for (const auto& v : set.variables) s += "?" + v + " ";
  s += "\n";
  for (const Row& row : set.rows) {
    for (const auto& t : row) s += (t ? ToNTriples(*t) : std::string("UNDEF")) + " ";
    s += "\n";
  }
  return s;
}

std::string Write(ResultFormat format, const SolutionSet& set) {
  std::string out;
  auto sink = [&](std::string_view bytes) {
    out.append(bytes);
    return Status::OK();
  };
  if (set.boolean) {
    REQUIRE(WriteBooleanResult(format, *set.boolean, sink).ok());
    return out;
  }
  auto writer = MakeSolutionWriter(format, sink);
  REQUIRE(writer->Begin(set.variables).ok());
  for (const Row& row : set.rows) REQUIRE(writer->Write(row).ok());
  REQUIRE(writer->Finish().ok());
  return out;
}

SolutionSet Read(std::string_view text, ResultFormat format) {
  Result<SolutionSet> r = ReadResults(text, format);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  return std::move(r).value();
}

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string W3c(const std::string& rel) { return cairn::testing::SharedDir() + "/w3c/sparql/" + rel; }

// Terms that every lossless format must carry exactly.
SolutionSet RichSet() {
  SolutionSet set;
  set.variables = {"s", "p", "o"};
  set.rows = {
      {Iri("s1"), Iri("p"), Lit("plain")},
      {Term::BlankNode("b0"), std::nullopt, Term::LangLiteral("chat", "fr-BE")},
      {std::nullopt, std::nullopt, std::nullopt},
      {Iri("s2"), Iri("p"), Lit("4", "integer")},
      {Iri("s3"), Iri("p"), Lit("-5.50", "decimal")},
      {Iri("s4"), Iri("p"), Lit("1.0e6", "double")},
      {Iri("s5"), Iri("p"), Lit("5.", "decimal")},
      {Iri("s6"), Iri("p"), Lit("true", "boolean")},
      {Iri("s7"), Iri("p"), Lit("2020-01-01", "date")},
      {Iri("s8"), Iri("p"), Lit("a\"q\\b\n\r\tc<&>'")},
      {Iri("s9"), Iri("p"), Lit("")},
      {Term::Iri("http://ex/\xC3\xA9?a=1&b=<2>"), Iri("p"), Lit("\xF0\x9F\x98\x80 non-BMP \xE2\x82\xAC")},
      {Iri("s10"), Iri("p"), Term::Literal("x", "http://example.org/my\"type")},
      {Iri("s11"), Iri("p"), Lit("  spaced  ")},
  };
  return set;
}

}  // namespace

TEST_CASE("round trip: JSON, XML and TSV read back exactly what was written", "[sparql][results]") {
  SolutionSet set = RichSet();
  for (ResultFormat f : {ResultFormat::kJson, ResultFormat::kXml, ResultFormat::kTsv}) {
    INFO(ResultFormatName(f));
    std::string text = Write(f, set);
    SolutionSet back = Read(text, f);
    CHECK(Dump(back) == Dump(set));
    CHECK(back == set);
  }
}

TEST_CASE("round trip: control characters through JSON and TSV", "[sparql][results]") {
  SolutionSet set;
  set.variables = {"v"};
  std::string all;
  for (int c = 1; c < 0x20; ++c) all += static_cast<char>(c);
  all += "\x7f";
  set.rows = {{Lit(all)}, {Term::LangLiteral(all, "en")}};
  for (ResultFormat f : {ResultFormat::kJson, ResultFormat::kTsv}) {
    INFO(ResultFormatName(f));
    CHECK(Read(Write(f, set), f) == set);
  }
}

TEST_CASE("round trip: empty results, zero variables, ASK", "[sparql][results]") {
  SolutionSet empty;
  empty.variables = {"a", "b"};
  SolutionSet unit;  // SELECT * {}: one solution, no variables
  unit.rows = {Row{}};
  SolutionSet none;  // no variables, no solutions
  SolutionSet yes, no;
  yes.boolean = true;
  no.boolean = false;
  for (ResultFormat f : {ResultFormat::kJson, ResultFormat::kXml, ResultFormat::kTsv, ResultFormat::kCsv}) {
    INFO(ResultFormatName(f));
    for (const SolutionSet& set : {empty, unit, none, yes, no}) {
      INFO(Dump(set));
      CHECK(Read(Write(f, set), f) == set);
    }
  }
}

TEST_CASE("round trip: CSV keeps only strings, IRIs and blank nodes", "[sparql][results]") {
  SolutionSet set;
  set.variables = {"a", "b", "c"};
  set.rows = {
      {Iri("x"), Term::BlankNode("b1"), Lit("4", "integer")},
      {Lit("a,\"b\"\r\nc"), std::nullopt, Lit("")},
      {Term::LangLiteral("chat", "fr"), Lit("mailto:someone@example.org"), Lit("Note: a colon")},
  };
  SolutionSet expected = set;
  expected.rows[0][2] = Lit("4");
  expected.rows[2][0] = Lit("chat");
  expected.rows[2][1] = Term::Iri("mailto:someone@example.org");  // lossy: looks like an IRI
  SolutionSet back = Read(Write(ResultFormat::kCsv, set), ResultFormat::kCsv);
  CHECK(Dump(back) == Dump(expected));
  CHECK(back == expected);
}

TEST_CASE("round trip: a large result", "[sparql][results]") {
  SolutionSet set;
  set.variables = {"s", "n"};
  for (int i = 0; i < 20000; ++i) set.rows.push_back({Iri("s" + std::to_string(i)), Lit(std::to_string(i), "integer")});
  for (ResultFormat f : {ResultFormat::kJson, ResultFormat::kXml, ResultFormat::kTsv}) {
    INFO(ResultFormatName(f));
    CHECK(Read(Write(f, set), f) == set);
  }
}

TEST_CASE("W3C json-res files", "[sparql][results][w3c]") {
  SolutionSet r1 = Read(Slurp(W3c("sparql11/json-res/jsonres01.srj")), ResultFormat::kJson);
  REQUIRE(r1.variables == std::vector<std::string>{"s", "p", "o"});
  REQUIRE(r1.rows.size() == 6);
  CHECK(r1.rows[1][2] == Lit("foo"));
  CHECK(r1.rows[3][2] == Lit("4", "integer"));
  CHECK(r1.rows[5][2] == Term::BlankNode("b0"));
  SolutionSet r2 = Read(Slurp(W3c("sparql11/json-res/jsonres02.srj")), ResultFormat::kJson);
  REQUIRE(r2.rows.size() == 6);
  CHECK_FALSE(r2.rows[1][3].has_value());
  CHECK(Read(Slurp(W3c("sparql11/json-res/jsonres03.srj")), ResultFormat::kJson).boolean == true);
  CHECK(Read(Slurp(W3c("sparql11/json-res/jsonres04.srj")), ResultFormat::kJson).boolean == false);
}

TEST_CASE("W3C: every .srj file parses", "[sparql][results][w3c]") {
  int count = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(W3c(""))) {
    if (e.path().extension() != ".srj") continue;
    INFO(e.path().string());
    Result<SolutionSet> r = ReadResults(Slurp(e.path()), ResultFormat::kJson);
    INFO(r.status().ToString());
    CHECK(r.ok());
    ++count;
  }
  CHECK(count >= 6);
}

TEST_CASE("W3C csv-tsv-res files", "[sparql][results][w3c]") {
  SolutionSet t3 = Read(Slurp(W3c("sparql11/csv-tsv-res/csvtsv03.tsv")), ResultFormat::kTsv);
  REQUIRE(t3.rows.size() == 7);
  CHECK(t3.rows[0][2] == Lit("1"));
  CHECK(t3.rows[1][2] == Lit("2.2", "decimal"));
  CHECK(t3.rows[2][2] == Lit("-3", "negativeInteger"));
  CHECK(t3.rows[4][2] == Term::Literal("5,5", "http://example.org/myCustomDatatype"));
  CHECK(t3.rows[5][2] == Lit("1.0e6", "double"));
  SolutionSet t1 = Read(Slurp(W3c("sparql11/csv-tsv-res/csvtsv01.tsv")), ResultFormat::kTsv);
  REQUIRE(t1.rows.size() == 6);
  CHECK(t1.rows[3][2] == Lit("4", "integer"));
  CHECK(t1.rows[5][2] == Term::BlankNode("b0"));
  SolutionSet t2 = Read(Slurp(W3c("sparql11/csv-tsv-res/csvtsv02.tsv")), ResultFormat::kTsv);
  REQUIRE(t2.variables.size() == 5);
  CHECK_FALSE(t2.rows[1][4].has_value());

  SolutionSet c3 = Read(Slurp(W3c("sparql11/csv-tsv-res/csvtsv03.csv")), ResultFormat::kCsv);
  REQUIRE(c3.rows.size() == 7);
  CHECK(c3.rows[0][0] == Iri("s1"));
  CHECK(c3.rows[3][2] == Lit("4,4"));
  SolutionSet c1 = Read(Slurp(W3c("sparql11/csv-tsv-res/csvtsv01.csv")), ResultFormat::kCsv);
  CHECK(c1.rows[5][2] == Term::BlankNode("a"));
  SolutionSet c2 = Read(Slurp(W3c("sparql11/csv-tsv-res/csvtsv02.csv")), ResultFormat::kCsv);
  CHECK_FALSE(c2.rows[2][3].has_value());
}

TEST_CASE("W3C: every .srx file in the SPARQL 1.0 and 1.1 suites parses", "[sparql][results][w3c]") {
  int count = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(W3c(""))) {
    if (e.path().extension() != ".srx") continue;
    INFO(e.path().string());
    Result<SolutionSet> r = ReadResults(Slurp(e.path()), ResultFormat::kXml);
    INFO(r.status().ToString());
    CHECK(r.ok());
    ++count;
  }
  CHECK(count > 100);
}

TEST_CASE("XML reader: details of SRX", "[sparql][results]") {
  std::string doc =
      "<?xml version='1.0'?>\n"
      "<sparql xmlns='http://www.w3.org/2005/sparql-results#'>\n"
      " <head><variable name='x'/><variable name='y'/><link href='meta.rdf'/></head>\n"
      " <results ordered='false' distinct='false'>\n"
      "  <result><binding name='y'><literal xml:lang='en'>a &amp; b</literal></binding>\n"
      "          <binding name='x'><literal datatype='http://www.w3.org/2001/XMLSchema#integer'> 7</literal></binding>"
      "</result>\n"
      "  <result><binding name='x'><literal><![CDATA[<raw>]]></literal></binding></result>\n"
      " </results>\n</sparql>\n";
  SolutionSet set = Read(doc, ResultFormat::kXml);
  REQUIRE(set.variables == std::vector<std::string>{"x", "y"});
  REQUIRE(set.rows.size() == 2);
  CHECK(set.rows[0][0] == Lit(" 7", "integer"));
  CHECK(set.rows[0][1] == Term::LangLiteral("a & b", "en"));
  CHECK(set.rows[1][0] == Lit("<raw>"));
  CHECK_FALSE(set.rows[1][1].has_value());
}

TEST_CASE("XML reader: entity-expansion bombs and external entities are rejected", "[sparql][results]") {
  std::string bomb =
      "<?xml version='1.0'?>\n"
      "<!DOCTYPE sparql [\n"
      " <!ENTITY a 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'>\n"
      " <!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>\n"
      " <!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>\n"
      " <!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>\n"
      " <!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'>\n"
      " <!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>\n"
      " <!ENTITY g '&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;'>\n"
      "]>\n"
      "<sparql xmlns='http://www.w3.org/2005/sparql-results#'><head><variable name='x'/></head>"
      "<results><result><binding name='x'><literal>&g;</literal></binding></result></results></sparql>\n";
  Result<SolutionSet> r = ReadResults(bomb, ResultFormat::kXml);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().IsSyntax());
  CHECK(r.status().message().find("DOCTYPE") != std::string::npos);

  std::string external =
      "<?xml version='1.0'?>\n<!DOCTYPE sparql [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n"
      "<sparql xmlns='http://www.w3.org/2005/sparql-results#'><head/><boolean>&x;</boolean></sparql>";
  CHECK_FALSE(ReadResults(external, ResultFormat::kXml).ok());
  std::string undeclared =
      "<sparql xmlns='http://www.w3.org/2005/sparql-results#'><head/><boolean>&x;</boolean></sparql>";
  CHECK_FALSE(ReadResults(undeclared, ResultFormat::kXml).ok());
}

TEST_CASE("malformed input gives a clear syntax error", "[sparql][results]") {
  struct Case {
    ResultFormat format;
    std::string text;
    std::string expect;  // part of the message
  };
  const std::string srx = "<sparql xmlns='http://www.w3.org/2005/sparql-results#'>";
  std::vector<Case> cases = {
      {ResultFormat::kJson, "{\"head\":{\"vars\":[\"x\"]},\n\"results\":{\"bindings\":[", "line 2"},
      {ResultFormat::kJson, "[1,2]", "not a JSON object"},
      {ResultFormat::kJson, "{\"head\":{\"vars\":[\"x\"]}}", "results"},
      {ResultFormat::kJson, "{\"head\":{\"vars\":[\"x\"]},\"results\":{\"bindings\":[{\"y\":{\"type\":\"uri\",\"value\":\"u\"}}]}}",
       "'y'"},
      {ResultFormat::kJson, "{\"head\":{\"vars\":[\"x\"]},\"results\":{\"bindings\":[{\"x\":{\"type\":\"iri\",\"value\":\"u\"}}]}}",
       "unknown type"},
      {ResultFormat::kJson, "{\"head\":{\"vars\":[\"x\"]},\"results\":{\"bindings\":[{\"x\":{\"type\":\"uri\"}}]}}", "value"},
      {ResultFormat::kJson, "{\"head\":{},\"boolean\":\"yes\"}", "boolean"},
      {ResultFormat::kJson, "", "JSON results"},
      {ResultFormat::kXml, srx + "<head><variable name='x'/></head><results><result>", "XML results"},
      {ResultFormat::kXml, srx + "<head/><results><result><binding name='q'><uri>u</uri></binding></result></results></sparql>",
       "'q'"},
      {ResultFormat::kXml, srx + "<head/><boolean>maybe</boolean></sparql>", "maybe"},
      {ResultFormat::kXml, srx + "<head/><table/></sparql>", "<table>"},
      {ResultFormat::kXml, "<html/>", "<html>"},
      {ResultFormat::kXml, "not xml", "line 1"},
      {ResultFormat::kTsv, "?x\n<http://ex/a\n", "line 2"},
      {ResultFormat::kTsv, "?x\n\"abc\n", "unterminated"},
      {ResultFormat::kTsv, "?x\nhello\n", "hello"},
      {ResultFormat::kTsv, "?x\t?y\n<http://a>\n", "1 fields for 2"},
      {ResultFormat::kTsv, "x\n", "not a ?variable"},
      {ResultFormat::kTsv, "?x\n\"a\"^^xsd:string\n", "prefixes"},
      {ResultFormat::kTsv, "", "header"},
      {ResultFormat::kCsv, "x\n\"unterminated\n", "unterminated"},
      {ResultFormat::kCsv, "x,y\na\n", "1 fields for 2"},
      {ResultFormat::kCsv, "x\nab\"c\n", "quote"},
  };
  for (const Case& c : cases) {
    INFO(ResultFormatName(c.format) << ": " << c.text);
    Result<SolutionSet> r = ReadResults(c.text, c.format);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().IsSyntax());
    INFO(r.status().message());
    CHECK(r.status().message().find(c.expect) != std::string::npos);
  }
}

TEST_CASE("TSV reader: Turtle forms the W3C files and other producers use", "[sparql][results]") {
  SolutionSet set = Read(
      "?a\t?b\r\n"
      "'single'\t\"\"\"long \"quoted\" \"\"\"\r\n"
      "true\t-.5e-3\r\n"
      " <http://ex/\\u00E9> \t\"\\U0001F600\"@en-GB\r\n",
      ResultFormat::kTsv);
  REQUIRE(set.rows.size() == 3);
  CHECK(set.rows[0][0] == Lit("single"));
  CHECK(set.rows[0][1] == Lit("long \"quoted\" "));
  CHECK(set.rows[1][0] == Lit("true", "boolean"));
  CHECK(set.rows[1][1] == Lit("-.5e-3", "double"));
  CHECK(set.rows[2][0] == Term::Iri("http://ex/\xC3\xA9"));
  CHECK(set.rows[2][1] == Term::LangLiteral("\xF0\x9F\x98\x80", "en-GB"));
}

TEST_CASE("JSON reader: SPARQL 1.0 typed-literal and member order", "[sparql][results]") {
  SolutionSet set = Read(
      R"({"results":{"bindings":[{"x":{"datatype":"http://www.w3.org/2001/XMLSchema#integer","value":"1","type":"typed-literal"}},
          {"x":{"value":"b","type":"bnode"}}]},"head":{"link":[],"vars":["x"]}})",
      ResultFormat::kJson);
  REQUIRE(set.rows.size() == 2);
  CHECK(set.rows[0][0] == Lit("1", "integer"));
  CHECK(set.rows[1][0] == Term::BlankNode("b"));
}
