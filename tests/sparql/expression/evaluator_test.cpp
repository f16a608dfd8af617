// The evaluator as the engine uses it: variables resolved through the layout, EXISTS through the
// callback (including a fatal status that must stop the query), and per-row cost.
#include <catch2/catch.hpp>

#include <chrono>

#include "expression_test_util.h"

using namespace cairn;
using namespace cairn::sparql;
using namespace cairn::sparql::testing;

namespace {
ExprPtr Exists(bool negated) {
  auto e = std::make_shared<Expression>();
  e->kind = negated ? Expression::Kind::kNotExists : Expression::Kind::kExists;
  e->pattern = std::make_shared<GraphPattern>();
  return e;
}
}  // namespace

TEST_CASE("EXISTS and NOT EXISTS call the callback with the row", "[sparql][expression]") {
  Env env;
  VariableLayout layout;
  layout.Add("x");
  TermId five = env.Id(Int("5"));
  int calls = 0;
  ExistsFunction exists = [&](const GraphPattern&, std::span<const TermId> row, const VariableLayout& l) -> Result<bool> {
    ++calls;
    REQUIRE(l.Find("x") == std::optional<std::size_t>(0));
    return row[0] == five;
  };
  ExpressionEvaluator e(Exists(false), layout, env.ctx(), exists);
  ExpressionEvaluator ne(Exists(true), layout, env.ctx(), exists);
  std::vector<TermId> row{five};
  CHECK(**e.EvaluateBoolean(row) == true);
  CHECK(**ne.EvaluateBoolean(row) == false);
  row[0] = env.Id(Int("6"));
  CHECK(**e.EvaluateBoolean(row) == false);
  auto as_value = e.Evaluate(row);
  REQUIRE(as_value.ok());
  CHECK(**as_value == TermId::Make(TermTag::kBoolean, 0));
  CHECK(calls == 4);
  // || short-circuits: EXISTS is not evaluated when the left side is true
  ExpressionEvaluator or_expr(F(Builtin::kOr, {C(Bool(true)), Exists(false)}), layout, env.ctx(), exists);
  CHECK(**or_expr.EvaluateBoolean(row) == true);
  CHECK(calls == 4);
}

TEST_CASE("a failing EXISTS (timeout) stops the query instead of becoming an error value",
          "[sparql][expression]") {
  Env env;
  VariableLayout layout;
  ExistsFunction exists = [](const GraphPattern&, std::span<const TermId>, const VariableLayout&) -> Result<bool> {
    return Status::Timeout("query timed out");
  };
  ExpressionEvaluator e(F(Builtin::kNot, {Exists(false)}), layout, env.ctx(), exists);
  auto r = e.EvaluateBoolean({});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kTimeout);
  auto v = e.Evaluate({});
  CHECK_FALSE(v.ok());
  // and without a callback EXISTS cannot be evaluated at all
  ExpressionEvaluator none(Exists(false), layout, env.ctx());
  CHECK_FALSE(none.EvaluateBoolean({}).ok());
}

TEST_CASE("variables are resolved by name to slots; unknown names are unbound", "[sparql][expression]") {
  Env env;
  VariableLayout layout;
  layout.Add("a");
  layout.Add("b");
  ExpressionEvaluator e(F(Builtin::kSubtract, {V("b"), V("a")}), layout, env.ctx());
  std::vector<TermId> row{env.Id(Int("10")), env.Id(Int("3"))};
  CHECK(env.Decode(**e.Evaluate(row)).value == "-7");
  row[0] = TermId::None();
  CHECK_FALSE(e.Evaluate(row)->has_value());
  ExpressionEvaluator missing(F(Builtin::kBound, {V("zzz")}), layout, env.ctx());
  CHECK(**missing.EvaluateBoolean(row) == false);
  // a variable passes its term through untouched (no re-encoding)
  ExpressionEvaluator pass(V("b"), layout, env.ctx());
  row[1] = env.Id(Int("007"));
  CHECK(**pass.Evaluate(row) == row[1]);
  CHECK(env.Decode(**pass.Evaluate(row)).value == "007");
}

TEST_CASE("inline dateTime comparisons match decoded ones", "[sparql][expression]") {
  Env env;
  std::vector<std::string> values = {"2006-08-23T09:00:00+01:00", "2006-08-23T08:00:00Z", "2006-08-23T08:30:00Z",
                                     "2006-08-23T09:00:00",       "2006-08-23T10:00:00", "1999-01-01T00:00:00.5Z"};
  VariableLayout layout;
  layout.Add("x");
  layout.Add("y");
  for (auto op : {Builtin::kEqual, Builtin::kLess, Builtin::kGreaterOrEqual}) {
    // variables take the payload fast path; STR→cast round trip forces the decoded path
    ExpressionEvaluator fast(F(op, {V("x"), V("y")}), layout, env.ctx());
    ExpressionEvaluator slow(F(op, {F(Builtin::kCastDateTime, {F(Builtin::kStr, {V("x")})}),
                                    F(Builtin::kCastDateTime, {F(Builtin::kStr, {V("y")})})}),
                             layout, env.ctx());
    for (const auto& a : values)
      for (const auto& b : values) {
        std::vector<TermId> row{env.Id(DT(a)), env.Id(DT(b))};
        INFO(a << " vs " << b);
        CHECK(*fast.EvaluateBoolean(row) == *slow.EvaluateBoolean(row));
      }
  }
}

TEST_CASE("per-row evaluation cost", "[.][bench]") {
  Env env;
  VariableLayout layout;
  layout.Add("x");
  layout.Add("s");
  ExpressionEvaluator e(F(Builtin::kAnd, {F(Builtin::kGreater, {V("x"), C(Int("5"))}),
                                          F(Builtin::kStrStarts, {V("s"), C(Str("ab"))})}),
                        layout, env.ctx());
  std::vector<TermId> row{env.Id(Int("7")), env.Id(Str("abc"))};
  auto start = std::chrono::steady_clock::now();
  int n = 0;
  for (int i = 0; i < 1000000; ++i) n += **e.EvaluateBoolean(row);
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
  WARN("ns per row: " << ns / 1000000 << " (" << n << ")");
}
