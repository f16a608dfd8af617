// Section 17.4 functions and 17.5 casts: strings in code points with language tags kept,
// argument compatibility, regex flags, dates, hashes, IRIs, blank nodes, numerics.
#include <catch2/catch.hpp>

#include <regex>

#include "expression_test_util.h"

using namespace cairn;
using namespace cairn::sparql;
using namespace cairn::sparql::testing;

namespace {
const std::string kSmile = "\xF0\x9F\x98\x80";  // U+1F600, outside the BMP
}

TEST_CASE("STR, LANG, DATATYPE", "[sparql][expression]") {
  Env env;
  CHECK(env.Eval(F(Builtin::kStr, {C(IriT("http://a/b"))})) == "\"http://a/b\"");
  CHECK(env.Eval(F(Builtin::kStr, {C(Int("01"))})) == "\"01\"");
  CHECK(env.Eval(F(Builtin::kStr, {C(Lang("chat", "fr"))})) == "\"chat\"");
  CHECK(env.Eval(F(Builtin::kStr, {F(Builtin::kBnode)})) == "error");
  CHECK(env.Eval(F(Builtin::kLang, {C(Lang("chat", "fr"))})) == "\"fr\"");
  CHECK(env.Eval(F(Builtin::kLang, {C(Str("chat"))})) == "\"\"");
  CHECK(env.Eval(F(Builtin::kLang, {C(IriT("http://a"))})) == "error");
  CHECK(env.Eval(F(Builtin::kDatatype, {C(Str("a"))})) == "<" + kXsd + "string>");
  CHECK(env.Eval(F(Builtin::kDatatype, {C(Typed("1", "int"))})) == "<" + kXsd + "int>");
  CHECK(env.Eval(F(Builtin::kDatatype, {C(Lang("a", "en"))})) ==
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>");
  CHECK(env.Eval(F(Builtin::kDatatype, {C(Term::Literal("x", "http://ex/dt"))})) == "<http://ex/dt>");
}

TEST_CASE("STRLEN, SUBSTR, UCASE, LCASE count code points", "[sparql][expression]") {
  Env env;
  CHECK(env.Eval(F(Builtin::kStrLen, {C(Str("chat"))})) == "\"4\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kStrLen, {C(Str("caf\xC3\xA9" + kSmile))})) == "\"5\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kStrLen, {C(Lang("", "en"))})) == "\"0\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kStrLen, {C(Int("12"))})) == "error");
  CHECK(env.Eval(F(Builtin::kSubstr, {C(Str("foobar")), C(Int("4"))})) == "\"bar\"");
  CHECK(env.Eval(F(Builtin::kSubstr, {C(Lang("foobar", "en")), C(Int("4")), C(Int("1"))})) == "\"b\"@en");
  CHECK(env.Eval(F(Builtin::kSubstr, {C(Str("a" + kSmile + "b")), C(Int("2")), C(Int("1"))})) == "\"" + kSmile + "\"");
  CHECK(env.Eval(F(Builtin::kSubstr, {C(Str("12345")), C(Dec("1.5")), C(Dec("2.6"))})) == "\"234\"");
  CHECK(env.Eval(F(Builtin::kSubstr, {C(Str("12345")), C(Int("0")), C(Int("3"))})) == "\"12\"");
  CHECK(env.Eval(F(Builtin::kSubstr, {C(Str("12345")), C(Int("-3")), C(Int("5"))})) == "\"1\"");
  CHECK(env.Eval(F(Builtin::kSubstr, {C(Str("12345")), C(Dbl("-INF")), C(Dbl("INF"))})) == "\"\"");
  CHECK(env.Eval(F(Builtin::kSubstr, {C(Str("12345")), C(Str("1"))})) == "error");
  CHECK(env.Eval(F(Builtin::kUCase, {C(Lang("stra\xC3\x9F" "e", "de"))})) == "\"STRASSE\"@de");
  CHECK(env.Eval(F(Builtin::kUCase, {C(Str("\xF0\x90\x90\xA8"))})) == "\"\xF0\x90\x90\x80\"");  // Deseret non-BMP
  CHECK(env.Eval(F(Builtin::kLCase, {C(Str("ABC"))})) == "\"abc\"");
  CHECK(env.Eval(F(Builtin::kUCase, {C(IriT("http://a"))})) == "error");
}

TEST_CASE("CONTAINS, STRSTARTS, STRENDS, STRBEFORE, STRAFTER argument compatibility", "[sparql][expression]") {
  Env env;
  CHECK(env.Ebv(F(Builtin::kContains, {C(Str("foobar")), C(Str("oba"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kStrStarts, {C(Lang("foobar", "en")), C(Str("foo"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kStrStarts, {C(Lang("foobar", "en")), C(Lang("foo", "en"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kStrStarts, {C(Lang("foobar", "en")), C(Lang("foo", "fr"))})) == "error");
  CHECK(env.Ebv(F(Builtin::kStrStarts, {C(Str("foobar")), C(Lang("foo", "en"))})) == "error");
  CHECK(env.Ebv(F(Builtin::kStrEnds, {C(Str("foobar")), C(Str("bar"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kContains, {C(Int("123")), C(Str("2"))})) == "error");
  CHECK(env.Eval(F(Builtin::kStrBefore, {C(Lang("abc", "en")), C(Str("b"))})) == "\"a\"@en");
  CHECK(env.Eval(F(Builtin::kStrBefore, {C(Lang("abc", "en")), C(Str("z"))})) == "\"\"");
  CHECK(env.Eval(F(Builtin::kStrBefore, {C(Lang("abc", "en")), C(Str(""))})) == "\"\"@en");
  CHECK(env.Eval(F(Builtin::kStrAfter, {C(Str("abc")), C(Str("b"))})) == "\"c\"");
  CHECK(env.Eval(F(Builtin::kStrAfter, {C(Lang("abc", "en")), C(Str(""))})) == "\"abc\"@en");
  CHECK(env.Eval(F(Builtin::kStrAfter, {C(Str("abc")), C(Lang("b", "en"))})) == "error");
}

TEST_CASE("CONCAT keeps a shared language tag only", "[sparql][expression]") {
  Env env;
  CHECK(env.Eval(F(Builtin::kConcat, {C(Lang("a", "en")), C(Lang("b", "en"))})) == "\"ab\"@en");
  CHECK(env.Eval(F(Builtin::kConcat, {C(Lang("a", "en")), C(Lang("b", "fr"))})) == "\"ab\"");
  CHECK(env.Eval(F(Builtin::kConcat, {C(Lang("a", "en")), C(Str("b"))})) == "\"ab\"");
  CHECK(env.Eval(F(Builtin::kConcat, {})) == "\"\"");
  CHECK(env.Eval(F(Builtin::kConcat, {C(Str("a")), C(Int("1"))})) == "error");
}

TEST_CASE("ENCODE_FOR_URI, hashes, LANGMATCHES", "[sparql][expression]") {
  Env env;
  CHECK(env.Eval(F(Builtin::kEncodeForUri, {C(Str("Los Angeles"))})) == "\"Los%20Angeles\"");
  CHECK(env.Eval(F(Builtin::kEncodeForUri, {C(Lang("caf\xC3\xA9~", "fr"))})) == "\"caf%C3%A9~\"");
  CHECK(env.Eval(F(Builtin::kMd5, {C(Str("abc"))})) == "\"900150983cd24fb0d6963f7d28e17f72\"");
  CHECK(env.Eval(F(Builtin::kSha1, {C(Str("abc"))})) == "\"a9993e364706816aba3e25717850c26c9cd0d89d\"");
  CHECK(env.Eval(F(Builtin::kSha256, {C(Str("abc"))})) ==
        "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"");
  CHECK(env.Eval(F(Builtin::kSha512, {C(Str(""))})).size() == 130);
  CHECK(env.Eval(F(Builtin::kSha384, {C(Str(""))})).size() == 98);
  CHECK(env.Eval(F(Builtin::kMd5, {C(Lang("abc", "en"))})) == "error");
  CHECK(env.Ebv(F(Builtin::kLangMatches, {C(Str("en-US")), C(Str("en"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kLangMatches, {C(Str("EN-us")), C(Str("en-US"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kLangMatches, {C(Str("english")), C(Str("en"))})) == "false");
  CHECK(env.Ebv(F(Builtin::kLangMatches, {C(Str("fr")), C(Str("*"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kLangMatches, {C(Str("")), C(Str("*"))})) == "false");
  CHECK(env.Ebv(F(Builtin::kLangMatches, {F(Builtin::kLang, {C(Lang("a", "de-CH"))}), C(Str("de"))})) == "true");
}

TEST_CASE("REGEX and REPLACE with XPath flags", "[sparql][expression]") {
  Env env;
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("Alice")), C(Str("^ali"))})) == "false");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("Alice")), C(Str("^ali")), C(Str("i"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Lang("Alice", "en")), C(Str("ice$"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("a\nb")), C(Str("a.b"))})) == "false");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("a\nb")), C(Str("a.b")), C(Str("s"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("a\nb")), C(Str("^b")), C(Str("m"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("hello world")), C(Str("hello world")), C(Str("x"))})) == "false");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("hello world")), C(Str("hello[ ]world")), C(Str("x"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("helloworld")), C(Str("hello world")), C(Str("x"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("a.b")), C(Str(".")), C(Str("q"))})) == "true");
  // '$' is the end of the string, not the end of a final line, unless m
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("ab\n")), C(Str("b$"))})) == "false");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("ab\n")), C(Str("b$")), C(Str("m"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("a$b")), C(Str("[$]"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("a$b")), C(Str("\\$"))})) == "true");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("ab")), C(Str("a.")), C(Str("q"))})) == "false");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("ab")), C(Str("(")), C(Str(""))})) == "error");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(Str("ab")), C(Str("a")), C(Str("k"))})) == "error");
  CHECK(env.Ebv(F(Builtin::kRegex, {C(IriT("http://a")), C(Str("a"))})) == "error");
  // non-constant pattern: compiled per distinct pattern
  CHECK(env.Ebv(F(Builtin::kRegex, {V("t"), V("p")}), {{"t", Str("xyz")}, {"p", Str("y")}}) == "true");
  CHECK(env.Eval(F(Builtin::kReplace, {C(Str("abcd")), C(Str("b")), C(Str("Z"))})) == "\"aZcd\"");
  CHECK(env.Eval(F(Builtin::kReplace, {C(Lang("abab", "en")), C(Str("B")), C(Str("Z")), C(Str("i"))})) ==
        "\"aZaZ\"@en");
  CHECK(env.Eval(F(Builtin::kReplace, {C(Str("John Smith")), C(Str("(\\w+) (\\w+)")), C(Str("$2, $1"))})) ==
        "\"Smith, John\"");
  CHECK(env.Eval(F(Builtin::kReplace, {C(Str("a" + kSmile + "b")), C(Str(".")), C(Str("x"))})) == "\"xxx\"");
  CHECK(env.Eval(F(Builtin::kReplace, {C(Str("abc")), C(Str("x*")), C(Str("-"))})) == "error");  // matches ""
  CHECK(env.Eval(F(Builtin::kReplace, {C(Str("a/b")), C(Str("/")), C(Str("$")), C(Str("q"))})) == "\"a$b\"");
  CHECK(env.Eval(F(Builtin::kReplace, {C(Str("a/b")), C(Str("/")), C(Str("\\$"))})) == "\"a$b\"");
  CHECK(env.Eval(F(Builtin::kReplace, {C(Str("a/b")), C(Str("/")), C(Str("$"))})) == "error");
}

TEST_CASE("date and time accessors, TIMEZONE, TZ, NOW", "[sparql][expression]") {
  Env env;
  auto d = C(DT("2011-01-10T14:45:13.815-05:00"));
  CHECK(env.Eval(F(Builtin::kYear, {d})) == "\"2011\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kMonth, {d})) == "\"1\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kDay, {d})) == "\"10\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kHours, {d})) == "\"14\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kMinutes, {d})) == "\"45\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kSeconds, {d})) == "\"13.815\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kTimezone, {d})) == "\"-PT5H\"^^xsd:dayTimeDuration");
  CHECK(env.Eval(F(Builtin::kTz, {d})) == "\"-05:00\"");
  CHECK(env.Eval(F(Builtin::kTimezone, {C(DT("2011-01-10T14:45:13Z"))})) == "\"PT0S\"^^xsd:dayTimeDuration");
  CHECK(env.Eval(F(Builtin::kTimezone, {C(DT("2011-01-10T14:45:13+05:30"))})) == "\"PT5H30M\"^^xsd:dayTimeDuration");
  CHECK(env.Eval(F(Builtin::kTz, {C(DT("2011-01-10T14:45:13Z"))})) == "\"Z\"");
  CHECK(env.Eval(F(Builtin::kTimezone, {C(DT("2011-01-10T14:45:13"))})) == "error");
  CHECK(env.Eval(F(Builtin::kTz, {C(DT("2011-01-10T14:45:13"))})) == "\"\"");
  CHECK(env.Eval(F(Builtin::kSeconds, {C(DT("2011-01-10T14:45:05Z"))})) == "\"5.0\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kYear, {C(Typed("1999-12-31", "date"))})) == "\"1999\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kYear, {C(Str("2011-01-10T14:45:13Z"))})) == "error");
  CHECK(env.Eval(F(Builtin::kYear, {C(DT("not a date"))})) == "error");
  // NOW: one value for the whole query
  auto n1 = env.EvalId(F(Builtin::kNow)), n2 = env.EvalId(F(Builtin::kNow));
  REQUIRE(n1);
  CHECK(*n1 == *n2);
  std::string now = env.Eval(F(Builtin::kNow));
  CHECK(std::regex_match(now, std::regex(R"("\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"\^\^xsd:dateTime)")));
}

TEST_CASE("RAND, UUID, STRUUID, BNODE", "[sparql][expression]") {
  Env env;
  std::string r = env.Eval(F(Builtin::kRand));
  CHECK(r.find("^^xsd:double") != std::string::npos);
  std::string u1 = env.Eval(F(Builtin::kUuid)), u2 = env.Eval(F(Builtin::kUuid));
  CHECK(u1 != u2);
  CHECK(std::regex_match(u1, std::regex(R"(<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>)")));
  CHECK(std::regex_match(env.Eval(F(Builtin::kStrUuid)), std::regex(R"("[0-9a-f-]{36}")")));
  // BNODE(str): same node within a row, a new one in the next row; BNODE() always fresh
  VariableLayout layout;
  ExpressionEvaluator same(F(Builtin::kSameTerm, {F(Builtin::kBnode, {C(Str("x"))}), F(Builtin::kBnode, {C(Str("x"))})}),
                           layout, env.ctx());
  auto s = same.EvaluateBoolean({});
  REQUIRE(s.ok());
  CHECK(**s == true);
  ExpressionEvaluator differ(F(Builtin::kSameTerm, {F(Builtin::kBnode, {C(Str("x"))}), F(Builtin::kBnode, {C(Str("y"))})}),
                             layout, env.ctx());
  CHECK(**differ.EvaluateBoolean({}) == false);
  ExpressionEvaluator fresh(F(Builtin::kSameTerm, {F(Builtin::kBnode), F(Builtin::kBnode)}), layout, env.ctx());
  CHECK(**fresh.EvaluateBoolean({}) == false);
  ExpressionEvaluator one(F(Builtin::kBnode, {C(Str("x"))}), layout, env.ctx());
  auto b1 = one.Evaluate({}), b2 = one.Evaluate({});
  REQUIRE(b1.ok());
  REQUIRE(b2.ok());
  CHECK(**b1 != **b2);
  CHECK(env.Eval(F(Builtin::kBnode, {C(Int("1"))})) == "error");
}

TEST_CASE("BNODE(str) is shared by the expressions of one solution mapping", "[sparql][expression]") {
  // functions#bnode01: SELECT (BNODE(?s1) AS ?b1) (BNODE(?s2) AS ?b2) are two chained Extends;
  // the second sees the first's row plus ?b1 and must give the same node for the same string.
  Env env;
  VariableLayout layout;
  layout.Add("s1");
  layout.Add("s2");
  layout.Add("b1");
  auto scope = std::make_shared<BlankNodeScope>();
  ExpressionEvaluator e1(F(Builtin::kBnode, {V("s1")}), layout, env.ctx());
  ExpressionEvaluator e2(F(Builtin::kBnode, {V("s2")}), layout, env.ctx());
  e1.ShareBlankNodes(scope);
  e2.ShareBlankNodes(scope);
  TermId foo = env.Id(Str("foo")), baz = env.Id(Str("baz"));
  auto run = [&](ExpressionEvaluator& e, std::vector<TermId> row) {
    auto r = e.Evaluate(row);
    REQUIRE(r.ok());
    REQUIRE(*r);
    return **r;
  };
  // Solution 1 (foo, foo): the same node from both expressions.
  TermId a1 = run(e1, {foo, foo, TermId::None()});
  TermId a2 = run(e2, {foo, foo, a1});
  CHECK(a1 == a2);
  // Solution 2 (foo, baz): new nodes, different from each other and from solution 1's.
  TermId b1 = run(e1, {foo, baz, TermId::None()});
  TermId b2 = run(e2, {foo, baz, b1});
  CHECK(b1 != a1);
  CHECK(b1 != b2);
  // Solution 3, a duplicate of solution 1: still a different solution, so new nodes.
  TermId c1 = run(e1, {foo, foo, TermId::None()});
  CHECK(c1 != a1);
  CHECK(run(e2, {foo, foo, c1}) == c1);
  // Without a shared scope each evaluator has its own table.
  ExpressionEvaluator p1(F(Builtin::kBnode, {V("s1")}), layout, env.ctx());
  ExpressionEvaluator p2(F(Builtin::kBnode, {V("s2")}), layout, env.ctx());
  TermId d1 = run(p1, {foo, foo, TermId::None()});
  CHECK(run(p2, {foo, foo, d1}) != d1);
}

TEST_CASE("IRI resolves against the base; STRDT, STRLANG", "[sparql][expression]") {
  Env env;
  CHECK(env.Eval(F(Builtin::kIri, {C(Str("http://example.org/x"))})) == "<http://example.org/x>");
  CHECK(env.Eval(F(Builtin::kIri, {C(IriT("http://example.org/x"))})) == "<http://example.org/x>");
  CHECK(env.Eval(F(Builtin::kIri, {C(Str("x"))}), {}, "http://example.org/a/b") == "<http://example.org/a/x>");
  CHECK(env.Eval(F(Builtin::kIri, {C(Str("../y?q#f"))}), {}, "http://example.org/a/b/c") ==
        "<http://example.org/a/y?q#f>");
  CHECK(env.Eval(F(Builtin::kIri, {C(Str("x"))})) == "error");  // relative without a base
  CHECK(env.Eval(F(Builtin::kIri, {C(Str("http://a b"))})) == "error");
  CHECK(env.Eval(F(Builtin::kIri, {C(Lang("http://a", "en"))})) == "error");
  CHECK(env.Eval(F(Builtin::kStrDt, {C(Str("01")), C(IriT(kXsd + "integer"))})) == "\"01\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kStrDt, {C(Str("x")), C(IriT("http://ex/dt"))})) == "\"x\"^^<http://ex/dt>");
  CHECK(env.Eval(F(Builtin::kStrDt, {C(Lang("x", "en")), C(IriT("http://ex/dt"))})) == "error");
  CHECK(env.Eval(F(Builtin::kStrLang, {C(Str("chat")), C(Str("fr"))})) == "\"chat\"@fr");
  CHECK(env.Eval(F(Builtin::kStrLang, {C(Str("chat")), C(Str(""))})) == "error");
  CHECK(env.Eval(F(Builtin::kStrLang, {C(Lang("chat", "en")), C(Str("fr"))})) == "error");
  CHECK(env.Ebv(F(Builtin::kEqual, {F(Builtin::kStrDt, {C(Str("01")), C(IriT(kXsd + "integer"))}), C(Int("1"))})) ==
        "true");
}

TEST_CASE("ABS, CEIL, FLOOR, ROUND keep the numeric type", "[sparql][expression]") {
  Env env;
  CHECK(env.Eval(F(Builtin::kAbs, {C(Int("-3"))})) == "\"3\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kAbs, {C(Dec("-3.5"))})) == "\"3.5\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kCeil, {C(Dec("-3.5"))})) == "\"-3.0\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kFloor, {C(Dec("-3.5"))})) == "\"-4.0\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kRound, {C(Dec("2.5"))})) == "\"3.0\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kRound, {C(Dec("-2.5"))})) == "\"-2.0\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kRound, {C(Dbl("-2.5E0"))})) == "\"-2.0E0\"^^xsd:double");
  CHECK(env.Eval(F(Builtin::kRound, {C(Flt("2.4E0"))})) == "\"2.0E0\"^^xsd:float");
  CHECK(env.Eval(F(Builtin::kCeil, {C(Dbl("1.1E0"))})) == "\"2.0E0\"^^xsd:double");
  CHECK(env.Eval(F(Builtin::kAbs, {C(Typed("-3", "int"))})) == "\"3\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kAbs, {C(Str("-3"))})) == "error");
}

TEST_CASE("XPath casts (17.5)", "[sparql][expression]") {
  Env env;
  // to integer
  CHECK(env.Eval(F(Builtin::kCastInteger, {C(Str(" 012 "))})) == "\"12\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kCastInteger, {C(Str("1.5"))})) == "error");
  CHECK(env.Eval(F(Builtin::kCastInteger, {C(Dec("-1.9"))})) == "\"-1\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kCastInteger, {C(Dbl("2.9E0"))})) == "\"2\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kCastInteger, {C(Dbl("NaN"))})) == "error");
  CHECK(env.Eval(F(Builtin::kCastInteger, {C(Bool(true))})) == "\"1\"^^xsd:integer");
  CHECK(env.Eval(F(Builtin::kCastInteger, {C(IriT("http://a"))})) == "error");
  // to decimal
  CHECK(env.Eval(F(Builtin::kCastDecimal, {C(Int("2"))})) == "\"2.0\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kCastDecimal, {C(Str("1.50"))})) == "\"1.5\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kCastDecimal, {C(Str("1e3"))})) == "error");
  CHECK(env.Eval(F(Builtin::kCastDecimal, {C(Dbl("2.5E-1"))})) == "\"0.25\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kCastDecimal, {C(Dbl("INF"))})) == "error");
  // to double / float
  CHECK(env.Eval(F(Builtin::kCastDouble, {C(Str("1e3"))})) == "\"1.0E3\"^^xsd:double");
  CHECK(env.Eval(F(Builtin::kCastDouble, {C(Int("1"))})) == "\"1.0E0\"^^xsd:double");
  CHECK(env.Eval(F(Builtin::kCastDouble, {C(Dec("0.2"))})) == "\"2.0E-1\"^^xsd:double");
  CHECK(env.Eval(F(Builtin::kCastDouble, {C(Str("-INF"))})) == "\"-INF\"^^xsd:double");
  CHECK(env.Eval(F(Builtin::kCastDouble, {C(Str("abc"))})) == "error");
  CHECK(env.Eval(F(Builtin::kCastFloat, {C(Str("0.1"))})) == "\"1.0E-1\"^^xsd:float");
  // to boolean
  CHECK(env.Eval(F(Builtin::kCastBoolean, {C(Str("1"))})) == "\"true\"^^xsd:boolean");
  CHECK(env.Eval(F(Builtin::kCastBoolean, {C(Str("yes"))})) == "error");
  CHECK(env.Eval(F(Builtin::kCastBoolean, {C(Dbl("NaN"))})) == "\"false\"^^xsd:boolean");
  CHECK(env.Eval(F(Builtin::kCastBoolean, {C(Dec("0.5"))})) == "\"true\"^^xsd:boolean");
  CHECK(env.Eval(F(Builtin::kCastBoolean, {C(DT("2011-01-10T14:45:13Z"))})) == "error");
  // to string
  CHECK(env.Eval(F(Builtin::kCastString, {C(IriT("http://a"))})) == "\"http://a\"");
  CHECK(env.Eval(F(Builtin::kCastString, {C(Bool(true))})) == "\"true\"");
  CHECK(env.Eval(F(Builtin::kCastString, {C(Int("5"))})) == "\"5\"");
  // ... gives XPath's canonical form of the value, not the lexical form (cast#cast-string)
  auto str = [&](Term t) { return env.Eval(F(Builtin::kCastString, {C(std::move(t))})); };
  CHECK(str(Int("01")) == "\"1\"");
  CHECK(str(Int("+5")) == "\"5\"");
  CHECK(str(Typed("05", "int")) == "\"5\"");
  CHECK(str(Typed("0", "boolean")) == "\"false\"");
  CHECK(str(Typed("1", "boolean")) == "\"true\"");
  CHECK(str(Dec("0.0")) == "\"0\"");
  CHECK(str(Dec("1.0")) == "\"1\"");
  CHECK(str(Dec("-1.0")) == "\"-1\"");
  CHECK(str(Dec("+2.50")) == "\"2.5\"");
  CHECK(str(Dec("-.5")) == "\"-0.5\"");
  CHECK(str(Dbl("0E1")) == "\"0\"");
  CHECK(str(Dbl("-0.0E0")) == "\"-0\"");
  CHECK(str(Dbl("1E0")) == "\"1\"");
  CHECK(str(Flt("1E0")) == "\"1\"");
  CHECK(str(Flt("1.25")) == "\"1.25\"");
  CHECK(str(Flt("-7.875")) == "\"-7.875\"");
  CHECK(str(Flt("0.1")) == "\"0.1\"");
  CHECK(str(Dbl("0.1")) == "\"0.1\"");
  CHECK(str(Dbl("123456.5")) == "\"123456.5\"");
  CHECK(str(Dbl("0.000001")) == "\"0.000001\"");
  CHECK(str(Dbl("1.0e6")) == "\"1.0E6\"");
  CHECK(str(Dbl("1E-7")) == "\"1.0E-7\"");
  CHECK(str(Dbl("-1.5E10")) == "\"-1.5E10\"");
  CHECK(str(Dbl("INF")) == "\"INF\"");
  CHECK(str(Flt("NaN")) == "\"NaN\"");
  CHECK(str(DT("2002-10-10T17:00:00.500+00:00")) == "\"2002-10-10T17:00:00.5Z\"");
  CHECK(str(DT("2002-10-10T17:00:00-05:00")) == "\"2002-10-10T17:00:00-05:00\"");
  CHECK(str(Str("+33.3300")) == "\"+33.3300\"");
  CHECK(str(Typed("x", "unknownType")) == "\"x\"");
  // to dateTime
  CHECK(env.Eval(F(Builtin::kCastDateTime, {C(Str("2011-01-10T14:45:13Z"))})) == "\"2011-01-10T14:45:13Z\"^^xsd:dateTime");
  CHECK(env.Eval(F(Builtin::kCastDateTime, {C(Str("2011-02-30T14:45:13Z"))})) == "error");
  CHECK(env.Eval(F(Builtin::kCastDateTime, {C(Int("1"))})) == "error");
  // function-call syntax xsd:integer(...)
  CHECK(env.Eval(Fn(kXsd + "integer", {C(Str("7"))})) == "\"7\"^^xsd:integer");
  CHECK(env.Eval(Fn("http://example.org/unknown", {C(Str("7"))})) == "error");
}

TEST_CASE("decimal and double canonical forms", "[sparql][expression]") {
  Env env;
  CHECK(env.Eval(F(Builtin::kAdd, {C(Dec("1.1")), C(Dec("1.1"))})) == "\"2.2\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kSubtract, {C(Dec("1.5")), C(Dec("0.5"))})) == "\"1.0\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kSubtract, {C(Dec("0.5")), C(Dec("1.5"))})) == "\"-1.0\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kSubtract, {C(Dec("0.5")), C(Dec("0.5"))})) == "\"0.0\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kMultiply, {C(Dec("0.001")), C(Dec("0.001"))})) == "\"0.000001\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kAdd, {C(Dec("12345678901234567890.5")), C(Dec("0.5"))})) ==
        "\"12345678901234567891.0\"^^xsd:decimal");
  CHECK(env.Eval(F(Builtin::kMultiply, {C(Dbl("2.0E-1")), C(Dbl("1.0E0"))})) == "\"2.0E-1\"^^xsd:double");
  CHECK(env.Eval(F(Builtin::kAdd, {C(Dbl("1.0E20")), C(Dbl("1.0E20"))})) == "\"2.0E20\"^^xsd:double");
  // the result of arithmetic is interned canonically, so equal results have equal ids
  auto a = env.EvalId(F(Builtin::kAdd, {C(Dec("1.1")), C(Dec("1.1"))}));
  CHECK(*a == env.Id(Dec("2.2")));
}
