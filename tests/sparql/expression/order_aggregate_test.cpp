// ORDER BY's total order (15.1) and the aggregates of 18.5.
#include <catch2/catch.hpp>

#include <algorithm>

#include "expression_test_util.h"

using namespace cairn;
using namespace cairn::sparql;
using namespace cairn::sparql::testing;

TEST_CASE("ORDER BY: unbound < blank < IRI < literal; values by value", "[sparql][expression]") {
  Env env;
  auto& ctx = env.ctx();
  TermId unbound = TermId::None(), blank = ctx.FreshBlankNode();
  TermId iri_a = env.Id(IriT("http://a")), iri_b = env.Id(IriT("http://b"));
  CHECK(CompareForOrderBy(unbound, blank, ctx) < 0);
  CHECK(CompareForOrderBy(blank, iri_a, ctx) < 0);
  CHECK(CompareForOrderBy(iri_a, iri_b, ctx) < 0);
  CHECK(CompareForOrderBy(iri_b, env.Id(Str("a")), ctx) < 0);
  CHECK(CompareForOrderBy(env.Id(Int("2")), env.Id(Int("10")), ctx) < 0);
  CHECK(CompareForOrderBy(env.Id(Int("-2")), env.Id(Dec("-1.5")), ctx) < 0);
  CHECK(CompareForOrderBy(env.Id(Dbl("1.0E0")), env.Id(Int("2")), ctx) < 0);
  CHECK(CompareForOrderBy(env.Id(Int("10")), env.Id(Dec("2.5")), ctx) > 0);
  CHECK(CompareForOrderBy(env.Id(Str("abc")), env.Id(Str("abd")), ctx) < 0);
  CHECK(CompareForOrderBy(env.Id(Str("a long string one")), env.Id(Str("a long string two")), ctx) < 0);
  CHECK(CompareForOrderBy(env.Id(DT("2006-08-23T09:00:00+01:00")), env.Id(DT("2006-08-23T08:30:00Z")), ctx) < 0);
  // equal values, different terms: not 0, and antisymmetric
  int c = CompareForOrderBy(env.Id(Int("1")), env.Id(Int("01")), ctx);
  CHECK(c != 0);
  CHECK(CompareForOrderBy(env.Id(Int("01")), env.Id(Int("1")), ctx) == -c);
  CHECK(CompareForOrderBy(env.Id(Int("1")), env.Id(Int("1")), ctx) == 0);

  // a full sort is consistent (a strict weak order over mixed terms)
  std::vector<TermId> ids = {env.Id(Str("b")),      env.Id(Int("3")),  env.Id(Dbl("NaN")),   env.Id(Dec("2.5")),
                             env.Id(Lang("a", "en")), iri_b,             blank,                 unbound,
                             env.Id(Str("a")),      iri_a,             env.Id(Int("01")),    env.Id(Bool(true)),
                             env.Id(DT("2006-08-23T09:00:00Z")),        env.Id(Term::Literal("x", "http://ex/dt"))};
  std::sort(ids.begin(), ids.end(), [&](TermId x, TermId y) { return CompareForOrderBy(x, y, ctx) < 0; });
  for (std::size_t i = 0; i < ids.size(); ++i)
    for (std::size_t j = i + 1; j < ids.size(); ++j) {
      INFO(i << " " << j);
      CHECK(CompareForOrderBy(ids[i], ids[j], ctx) < 0);
    }
  CHECK(ids[0] == unbound);
  CHECK(ids[1] == blank);
}

namespace {
Aggregate Agg(Aggregate::Function f, bool distinct = false, std::string sep = " ") {
  Aggregate a;
  a.function = f;
  a.distinct = distinct;
  a.separator = std::move(sep);
  return a;
}

std::string Run(Env& env, const Aggregate& agg, const std::vector<std::optional<Term>>& values) {
  AggregateAccumulator acc(agg, env.ctx());
  for (const auto& v : values) acc.Add(v ? std::optional<TermId>(env.Id(*v)) : std::nullopt);
  auto r = acc.Finish();
  if (!r) return "error";
  return Show(env.Decode(*r));
}
}  // namespace

TEST_CASE("COUNT(*) and COUNT(DISTINCT *) count rows", "[sparql][expression]") {
  // aggregates#agg-count-rows-distinct: DISTINCT * compares whole solution mappings.
  Env env;
  TermId s = env.Id(IriT("http://s")), a = env.Id(Int("1")), b = env.Id(Int("2"));
  std::vector<std::vector<TermId>> rows = {{s, a}, {s, b}, {s, b}, {s, TermId::None()}, {s, TermId::None()}};
  auto count = [&](bool distinct) {
    AggregateAccumulator acc(Agg(Aggregate::Function::kCount, distinct), env.ctx());
    for (const auto& row : rows) acc.AddRow(row);
    auto r = acc.Finish();
    REQUIRE(r);
    return Show(env.Decode(*r));
  };
  CHECK(count(false) == "\"5\"^^xsd:integer");
  CHECK(count(true) == "\"3\"^^xsd:integer");
  AggregateAccumulator none(Agg(Aggregate::Function::kCount, true), env.ctx());
  CHECK(Show(env.Decode(*none.Finish())) == "\"0\"^^xsd:integer");
}

TEST_CASE("COUNT, SUM, AVG", "[sparql][expression]") {
  Env env;
  using Fn = Aggregate::Function;
  CHECK(Run(env, Agg(Fn::kCount), {Int("1"), std::nullopt, Int("1")}) == "\"2\"^^xsd:integer");
  CHECK(Run(env, Agg(Fn::kCount, true), {Int("1"), Int("1"), Int("01")}) == "\"2\"^^xsd:integer");
  CHECK(Run(env, Agg(Fn::kCount), {}) == "\"0\"^^xsd:integer");
  CHECK(Run(env, Agg(Fn::kSum), {Int("1"), Dec("2.2"), Int("3")}) == "\"6.2\"^^xsd:decimal");
  CHECK(Run(env, Agg(Fn::kSum), {Int("1"), Int("2")}) == "\"3\"^^xsd:integer");
  CHECK(Run(env, Agg(Fn::kSum), {}) == "\"0\"^^xsd:integer");
  CHECK(Run(env, Agg(Fn::kSum), {Int("1"), Str("x")}) == "error");
  CHECK(Run(env, Agg(Fn::kSum), {Int("1"), std::nullopt}) == "error");
  CHECK(Run(env, Agg(Fn::kSum, true), {Int("1"), Int("1"), Int("2")}) == "\"3\"^^xsd:integer");
  CHECK(Run(env, Agg(Fn::kAvg), {Int("1"), Int("2"), Int("3")}) == "\"2.0\"^^xsd:decimal");
  CHECK(Run(env, Agg(Fn::kAvg), {Int("1"), Int("2")}) == "\"1.5\"^^xsd:decimal");
  CHECK(Run(env, Agg(Fn::kAvg), {Dbl("1.0E0"), Int("2")}) == "\"1.5E0\"^^xsd:double");
  CHECK(Run(env, Agg(Fn::kAvg), {}) == "\"0\"^^xsd:integer");
  CHECK(Run(env, Agg(Fn::kAvg), {Int("1"), IriT("http://a")}) == "error");
}

TEST_CASE("MIN, MAX, SAMPLE, GROUP_CONCAT", "[sparql][expression]") {
  Env env;
  using Fn = Aggregate::Function;
  CHECK(Run(env, Agg(Fn::kMin), {Int("3"), Dec("1.5"), Int("2")}) == "\"1.5\"^^xsd:decimal");
  CHECK(Run(env, Agg(Fn::kMax), {Int("3"), Dec("1.5"), Str("a")}) == "\"a\"");
  CHECK(Run(env, Agg(Fn::kMin), {Int("3"), IriT("http://a")}) == "<http://a>");
  CHECK(Run(env, Agg(Fn::kMin), {}) == "error");
  // aggregates#agg-min-02: the minimum comes back canonical
  CHECK(Run(env, Agg(Fn::kMin), {Dbl("2E-1"), Dec("2.2")}) == "\"2.0E-1\"^^xsd:double");
  CHECK(Run(env, Agg(Fn::kMax), {Int("01"), Int("0")}) == "\"1\"^^xsd:integer");
  CHECK(Run(env, Agg(Fn::kMax), {Typed("05", "int")}) == "\"5\"^^xsd:int");
  CHECK(Run(env, Agg(Fn::kMax), {Str("a long string value"), Str("b")}) == "\"b\"");
  CHECK(Run(env, Agg(Fn::kSample), {std::nullopt, Int("7"), Int("8")}) == "\"7\"^^xsd:integer");
  CHECK(Run(env, Agg(Fn::kSample), {}) == "error");
  CHECK(Run(env, Agg(Fn::kGroupConcat), {Str("a"), Str("b")}) == "\"a b\"");
  CHECK(Run(env, Agg(Fn::kGroupConcat, false, ", "), {Str("a"), Int("1")}) == "\"a, 1\"");
  CHECK(Run(env, Agg(Fn::kGroupConcat, true, "|"), {Str("a"), Str("a"), Str("b")}) == "\"a|b\"");
  // A simple literal even when all values share a language tag (aggregates#agg-groupconcat-04).
  CHECK(Run(env, Agg(Fn::kGroupConcat), {Lang("a", "en"), Lang("b", "en")}) == "\"a b\"");
  CHECK(Run(env, Agg(Fn::kGroupConcat), {Lang("1", "en")}) == "\"1\"");
  CHECK(Run(env, Agg(Fn::kGroupConcat), {Lang("a", "en"), Lang("b", "fr")}) == "\"a b\"");
  CHECK(Run(env, Agg(Fn::kGroupConcat), {Lang("a", "en"), Str("b")}) == "\"a b\"");
  CHECK(Run(env, Agg(Fn::kGroupConcat), {Str("b"), Lang("a", "en")}) == "\"b a\"");
  CHECK(Run(env, Agg(Fn::kGroupConcat), {}) == "\"\"");
}
