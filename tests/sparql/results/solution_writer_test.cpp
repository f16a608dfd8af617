// Result writers: exact bytes for every term kind and escaping edge case, in each format, plus
// streaming (block-sized sink calls) and the error contract.
#include <catch2/catch.hpp>

#include "sparql/results/result_format.h"
#include "sparql/results/solution_writer.h"
#include "tests/test_util.h"
#include "vocab/vocab.h"

using namespace cairn;
using namespace cairn::sparql;
using cairn::testing::Iri;
using cairn::testing::Lit;

namespace {

using Row = std::vector<std::optional<Term>>;

std::string WriteAll(ResultFormat format, const std::vector<std::string>& vars, const std::vector<Row>& rows) {
  std::string out;
  auto writer = MakeSolutionWriter(format, [&](std::string_view bytes) {
    out.append(bytes);
    return Status::OK();
  });
  REQUIRE(writer->Begin(vars).ok());
  for (const Row& row : rows) REQUIRE(writer->Write(row).ok());
  REQUIRE(writer->Finish().ok());
  return out;
}

std::string Ask(ResultFormat format, bool value) {
  std::string out;
  REQUIRE(WriteBooleanResult(format, value, [&](std::string_view bytes) {
            out.append(bytes);
            return Status::OK();
          }).ok());
  return out;
}

// One row of each kind: IRI, plain literal, blank node + unbound, language literal, typed literal.
const std::vector<std::string> kVars = {"s", "o"};
std::vector<Row> KindRows() {
  return {
      {Iri("a"), Lit("x")},
      {Term::BlankNode("b0"), std::nullopt},
      {Iri("a"), Term::LangLiteral("chat", "fr-BE")},
      {std::nullopt, Lit("1", "integer")},
  };
}

}  // namespace

TEST_CASE("format names and media types", "[sparql][results]") {
  CHECK(ResultFormatFromName("json") == ResultFormat::kJson);
  CHECK(ResultFormatFromName("application/sparql-results+json") == ResultFormat::kJson);
  CHECK(ResultFormatFromName(" Application/SPARQL-Results+XML ; charset=UTF-8") == ResultFormat::kXml);
  CHECK(ResultFormatFromName("text/csv; charset=utf-8") == ResultFormat::kCsv);
  CHECK(ResultFormatFromName("text/tab-separated-values") == ResultFormat::kTsv);
  CHECK(ResultFormatFromName("tsv") == ResultFormat::kTsv);
  CHECK_FALSE(ResultFormatFromName("text/turtle").has_value());
  CHECK_FALSE(ResultFormatFromName("").has_value());
  for (ResultFormat f : {ResultFormat::kJson, ResultFormat::kXml, ResultFormat::kCsv, ResultFormat::kTsv}) {
    CHECK(ResultFormatFromName(ResultFormatName(f)) == f);
    CHECK(ResultFormatFromName(ResultFormatMediaType(f)) == f);
  }
  CHECK(ResultFormatMediaType(ResultFormat::kJson) == "application/sparql-results+json");
  CHECK(ResultFormatMediaType(ResultFormat::kCsv) == "text/csv; charset=utf-8");
}

TEST_CASE("JSON writer: every term kind", "[sparql][results]") {
  CHECK(WriteAll(ResultFormat::kJson, kVars, KindRows()) ==
        "{\"head\":{\"vars\":[\"s\",\"o\"]},\n"
        "\"results\":{\"bindings\":[\n"
        "{\"s\":{\"type\":\"uri\",\"value\":\"http://example.org/a\"},\"o\":{\"type\":\"literal\",\"value\":\"x\"}},\n"
        "{\"s\":{\"type\":\"bnode\",\"value\":\"b0\"}},\n"
        "{\"s\":{\"type\":\"uri\",\"value\":\"http://example.org/a\"},"
        "\"o\":{\"type\":\"literal\",\"value\":\"chat\",\"xml:lang\":\"fr-BE\"}},\n"
        "{\"o\":{\"type\":\"literal\",\"value\":\"1\",\"datatype\":\"http://www.w3.org/2001/XMLSchema#integer\"}}\n"
        "]}}\n");
}

TEST_CASE("JSON writer: string escaping per RFC 8259", "[sparql][results]") {
  std::string nasty = "q\"b\\s/\n\r\t\b\f\x01\x1f\x7f\xC3\xA9\xF0\x9F\x98\x80";
  CHECK(WriteAll(ResultFormat::kJson, {"v"}, {{Lit(nasty)}}) ==
        "{\"head\":{\"vars\":[\"v\"]},\n\"results\":{\"bindings\":[\n"
        "{\"v\":{\"type\":\"literal\",\"value\":\"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0001\\u001F\x7f\xC3\xA9\xF0\x9F\x98\x80\"}}\n"
        "]}}\n");
}

TEST_CASE("JSON writer: empty results, no variables, ASK", "[sparql][results]") {
  CHECK(WriteAll(ResultFormat::kJson, {"x"}, {}) == "{\"head\":{\"vars\":[\"x\"]},\n\"results\":{\"bindings\":[\n]}}\n");
  CHECK(WriteAll(ResultFormat::kJson, {}, {Row{}}) == "{\"head\":{\"vars\":[]},\n\"results\":{\"bindings\":[\n{}\n]}}\n");
  CHECK(Ask(ResultFormat::kJson, true) == "{\"head\":{},\"boolean\":true}\n");
  CHECK(Ask(ResultFormat::kJson, false) == "{\"head\":{},\"boolean\":false}\n");
}

TEST_CASE("XML writer: every term kind", "[sparql][results]") {
  CHECK(WriteAll(ResultFormat::kXml, kVars, KindRows()) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
        "<head>\n<variable name=\"s\"/>\n<variable name=\"o\"/>\n</head>\n<results>\n"
        "<result>\n<binding name=\"s\"><uri>http://example.org/a</uri></binding>\n"
        "<binding name=\"o\"><literal>x</literal></binding>\n</result>\n"
        "<result>\n<binding name=\"s\"><bnode>b0</bnode></binding>\n</result>\n"
        "<result>\n<binding name=\"s\"><uri>http://example.org/a</uri></binding>\n"
        "<binding name=\"o\"><literal xml:lang=\"fr-BE\">chat</literal></binding>\n</result>\n"
        "<result>\n<binding name=\"o\"><literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">1</literal>"
        "</binding>\n</result>\n"
        "</results>\n</sparql>\n");
}

TEST_CASE("XML writer: escaping", "[sparql][results]") {
  std::string out = WriteAll(ResultFormat::kXml, {"v"},
                             {{Term::Literal("a<b>&c\"d'e\r\n\tf\xF0\x9F\x98\x80", "http://ex/dt?a=1&b=\"2\"")},
                              {Term::Iri("http://ex/?a=1&b=<2>")}});
  CHECK(out.find("<binding name=\"v\"><literal datatype=\"http://ex/dt?a=1&amp;b=&quot;2&quot;\">"
                 "a&lt;b&gt;&amp;c\"d'e&#xD;\n\tf\xF0\x9F\x98\x80</literal></binding>") != std::string::npos);
  CHECK(out.find("<uri>http://ex/?a=1&amp;b=&lt;2&gt;</uri>") != std::string::npos);
}

TEST_CASE("XML writer: control characters XML cannot carry are an error", "[sparql][results]") {
  std::string out;
  auto writer = MakeSolutionWriter(ResultFormat::kXml, [&](std::string_view b) {
    out.append(b);
    return Status::OK();
  });
  REQUIRE(writer->Begin(std::vector<std::string>{"v"}).ok());
  Row bad = {Lit("bell\x07")};
  Status st = writer->Write(bad);
  CHECK(st.IsInvalidArgument());
  CHECK(st.message().find("U+0007") != std::string::npos);
  CHECK(writer->Finish().IsInvalidArgument());  // sticky
}

TEST_CASE("XML writer: empty results and ASK", "[sparql][results]") {
  CHECK(WriteAll(ResultFormat::kXml, {}, {}) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n<head>\n</head>\n<results>\n</results>\n</sparql>\n");
  CHECK(Ask(ResultFormat::kXml, true) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n<head/>\n<boolean>true</boolean>\n</sparql>\n");
}

TEST_CASE("TSV writer: every term kind", "[sparql][results]") {
  CHECK(WriteAll(ResultFormat::kTsv, kVars, KindRows()) ==
        "?s\t?o\n"
        "<http://example.org/a>\t\"x\"\n"
        "_:b0\t\n"
        "<http://example.org/a>\t\"chat\"@fr-BE\n"
        "\t1\n");
}

TEST_CASE("TSV writer: numbers in Turtle short form only when the lexical form is a Turtle number",
          "[sparql][results]") {
  std::vector<Row> rows = {
      {Lit("4", "integer")},   {Lit("-01", "integer")},  {Lit("5.5", "decimal")}, {Lit("5.", "decimal")},
      {Lit("1.0e6", "double")}, {Lit("1E6", "double")},   {Lit("INF", "double")}, {Lit("1.5", "double")},
      {Lit("true", "boolean")}, {Lit("12", "int")},       {Lit("4,4")},
  };
  CHECK(WriteAll(ResultFormat::kTsv, {"n"}, rows) ==
        "?n\n4\n-01\n5.5\n\"5.\"^^<http://www.w3.org/2001/XMLSchema#decimal>\n1.0e6\n1E6\n"
        "\"INF\"^^<http://www.w3.org/2001/XMLSchema#double>\n\"1.5\"^^<http://www.w3.org/2001/XMLSchema#double>\n"
        "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>\n\"12\"^^<http://www.w3.org/2001/XMLSchema#int>\n"
        "\"4,4\"\n");
}

TEST_CASE("TSV writer: string and IRI escaping", "[sparql][results]") {
  CHECK(WriteAll(ResultFormat::kTsv, {"v", "w"},
                 {{Lit("tab\there\nnl\rcr\"q\\b\x01\xF0\x9F\x98\x80"), Term::Iri("http://ex/a b>")}}) ==
        "?v\t?w\n\"tab\\there\\nnl\\rcr\\\"q\\\\b\\u0001\xF0\x9F\x98\x80\"\t<http://ex/a\\u0020b\\u003E>\n");
}

TEST_CASE("TSV writer: empty results and ASK", "[sparql][results]") {
  CHECK(WriteAll(ResultFormat::kTsv, {"a", "b"}, {}) == "?a\t?b\n");
  CHECK(WriteAll(ResultFormat::kTsv, {}, {Row{}}) == "\n\n");
  CHECK(Ask(ResultFormat::kTsv, true) == "?_askResult\ntrue\n");
}

TEST_CASE("CSV writer: every term kind", "[sparql][results]") {
  CHECK(WriteAll(ResultFormat::kCsv, kVars, KindRows()) ==
        "s,o\r\n"
        "http://example.org/a,x\r\n"
        "_:b0,\r\n"
        "http://example.org/a,chat\r\n"
        ",1\r\n");
}

TEST_CASE("CSV writer: RFC 4180 quoting", "[sparql][results]") {
  CHECK(WriteAll(ResultFormat::kCsv, {"v"},
                 {{Lit("a,b")}, {Lit("say \"hi\"")}, {Lit("two\nlines")}, {Lit("cr\r")}, {Lit("")}, {std::nullopt},
                  {Lit(" spaced ")}, {Lit("\xF0\x9F\x98\x80")}}) ==
        "v\r\n\"a,b\"\r\n\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\n\"cr\r\"\r\n\"\"\r\n\r\n spaced \r\n\xF0\x9F\x98\x80\r\n");
}

TEST_CASE("CSV writer: ASK", "[sparql][results]") {
  CHECK(Ask(ResultFormat::kCsv, false) == "_askResult\r\nfalse\r\n");
}

TEST_CASE("writers stream in blocks and never hold all rows", "[sparql][results]") {
  for (ResultFormat f : {ResultFormat::kJson, ResultFormat::kXml, ResultFormat::kCsv, ResultFormat::kTsv}) {
    std::size_t calls = 0, total = 0, largest = 0;
    auto writer = MakeSolutionWriter(f, [&](std::string_view bytes) {
      ++calls;
      total += bytes.size();
      largest = std::max(largest, bytes.size());
      return Status::OK();
    });
    REQUIRE(writer->Begin(std::vector<std::string>{"s", "o"}).ok());
    for (int i = 0; i < 50000; ++i) {
      Row row = {Iri("s" + std::to_string(i)), Lit(std::to_string(i), "integer")};
      REQUIRE(writer->Write(row).ok());
    }
    REQUIRE(writer->Finish().ok());
    INFO(ResultFormatName(f));
    CHECK(calls > 10);
    CHECK(largest < (1 << 16) + 1024);
    CHECK(total > 50000 * 20);
  }
}

TEST_CASE("writer errors: call order, row width, failing sink", "[sparql][results]") {
  auto ok_sink = [](std::string_view) { return Status::OK(); };
  {
    auto w = MakeSolutionWriter(ResultFormat::kJson, ok_sink);
    Row row = {Lit("x")};
    CHECK(w->Write(row).IsInvalidArgument());
  }
  {
    auto w = MakeSolutionWriter(ResultFormat::kTsv, ok_sink);
    REQUIRE(w->Begin(std::vector<std::string>{"a", "b"}).ok());
    Row row = {Lit("x")};
    CHECK(w->Write(row).IsInvalidArgument());
  }
  {
    auto w = MakeSolutionWriter(ResultFormat::kCsv, ok_sink);
    CHECK(w->Begin(std::vector<std::string>{"a", "a"}).IsInvalidArgument());
  }
  {
    auto w = MakeSolutionWriter(ResultFormat::kXml, ok_sink);
    REQUIRE(w->Begin(std::vector<std::string>{"g"}).ok());
    Row row = {Term::DefaultGraph()};
    CHECK(w->Write(row).IsInvalidArgument());
  }
  {
    int calls = 0;
    auto w = MakeSolutionWriter(ResultFormat::kJson, [&](std::string_view) {
      ++calls;
      return Status::IOError("client went away");
    });
    REQUIRE(w->Begin(std::vector<std::string>{"s"}).ok());
    Status st;
    for (int i = 0; i < 100000 && st.ok(); ++i) {
      Row row = {Iri("s" + std::to_string(i))};
      st = w->Write(row);
    }
    CHECK(st.code() == Status::Code::kIOError);
    Row row = {Iri("late")};
    CHECK(w->Write(row).code() == Status::Code::kIOError);
    CHECK(w->Finish().code() == Status::Code::kIOError);
    CHECK(calls == 1);
  }
}
