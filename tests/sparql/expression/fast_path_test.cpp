// The comparison fast paths of the expression evaluator: inline integers (and their sums and
// differences) compared without building Values, and = / != on IRIs and blank nodes by id. Each
// case is checked against the general path, reached by wrapping operands in `* 1` (no fast
// path for multiplication), so the two can never drift apart.
#include <catch2/catch.hpp>

#include "expression_test_util.h"

using namespace cairn;
using namespace cairn::sparql;
using namespace cairn::sparql::testing;

namespace {

const Builtin kComparisons[] = {Builtin::kEqual, Builtin::kNotEqual, Builtin::kLess,
                                Builtin::kGreater, Builtin::kLessOrEqual, Builtin::kGreaterOrEqual};

// ?a OP (?b + ?c) and ?a OP (?b - ?c), fast, against the same on `* 1`-wrapped operands
// (which keeps a number's value and type).
void CheckAgainstGeneralPath(Env& env, const Term& a, const Term& b, const Term& c) {
  auto slow = [](const ExprPtr& e) { return F(Builtin::kMultiply, {e, C(Int("1"))}); };
  std::vector<std::pair<std::string, Term>> bindings = {{"a", a}, {"b", b}, {"c", c}};
  for (Builtin op : kComparisons) {
    for (Builtin arith : {Builtin::kAdd, Builtin::kSubtract}) {
      auto fast = F(op, {V("a"), F(arith, {V("b"), V("c")})});
      auto general = F(op, {slow(V("a")), F(arith, {slow(V("b")), slow(V("c"))})});
      INFO(Show(a) << " op " << static_cast<int>(op) << " " << Show(b) << " arith " << static_cast<int>(arith) << " "
                   << Show(c));
      CHECK(env.Ebv(fast, bindings) == env.Ebv(general, bindings));
    }
  }
}

}  // namespace

TEST_CASE("fast integer comparison: BSBM's range filter shape", "[sparql][expression][fast]") {
  Env env;
  auto in_range = F(Builtin::kAnd, {F(Builtin::kLess, {V("s"), F(Builtin::kAdd, {V("o"), C(Int("120"))})}),
                                    F(Builtin::kGreater, {V("s"), F(Builtin::kSubtract, {V("o"), C(Int("120"))})})});
  CHECK(env.Ebv(in_range, {{"s", Int("1300")}, {"o", Int("1229")}}) == "true");
  CHECK(env.Ebv(in_range, {{"s", Int("1349")}, {"o", Int("1229")}}) == "false");  // bounds are exclusive
  CHECK(env.Ebv(in_range, {{"s", Int("1109")}, {"o", Int("1229")}}) == "false");
  CHECK(env.Ebv(in_range, {{"s", Int("1110")}, {"o", Int("1229")}}) == "true");
  CHECK(env.Ebv(in_range, {{"s", Int("-5")}, {"o", Int("-100")}}) == "true");
  // Unbound: an error, as on the general path (FILTER drops the row).
  CHECK(env.Ebv(in_range, {{"o", Int("1229")}}) == "error");
  CHECK(env.Ebv(in_range, {{"s", Int("1300")}}) == "error");
  // Non-numeric operands: an error; decimals and doubles take the general path.
  CHECK(env.Ebv(in_range, {{"s", Str("1300")}, {"o", Int("1229")}}) == "error");
  CHECK(env.Ebv(in_range, {{"s", Dec("1300.5")}, {"o", Int("1229")}}) == "true");
  CHECK(env.Ebv(in_range, {{"s", Dec("1348.99")}, {"o", Int("1229")}}) == "true");
  CHECK(env.Ebv(in_range, {{"s", Dbl("1.349E3")}, {"o", Int("1229")}}) == "false");
  CHECK(env.Ebv(in_range, {{"s", Dbl("NaN")}, {"o", Int("1229")}}) == "false");
  CHECK(env.Ebv(in_range, {{"s", Int("1300")}, {"o", Dbl("NaN")}}) == "false");
  // A non-number against a number: = is false, < an error (the general path's answers).
  CHECK(env.Ebv(F(Builtin::kEqual, {V("s"), F(Builtin::kAdd, {V("o"), C(Int("1"))})}),
                {{"s", Str("7")}, {"o", Int("6")}}) == "false");
  CHECK(env.Ebv(F(Builtin::kLess, {V("s"), F(Builtin::kAdd, {V("o"), C(Int("1"))})}),
                {{"s", IriT("http://example.org/7")}, {"o", Int("6")}}) == "error");
  CHECK(env.Ebv(F(Builtin::kLess, {F(Builtin::kAdd, {V("o"), C(Int("1"))}), V("s")}),
                {{"s", Bool(true)}, {"o", Int("6")}}) == "error");
}

TEST_CASE("fast integer comparison agrees with the general path", "[sparql][expression][fast]") {
  Env env;
  const std::vector<Term> values = {
      Int("0"), Int("1"), Int("-1"), Int("120"), Int("-120"), Typed("7", "int"), Typed("7", "short"),
      Typed("200", "unsignedByte"), Typed("5", "positiveInteger"), Typed("-5", "negativeInteger"),
      // the edges of the inline range (2^55), and past it (dictionary literals)
      Int("36028797018963967"), Int("-36028797018963968"), Int("36028797018963968"), Int("-36028797018963969"),
      Int("9223372036854775807"), Int("99999999999999999999999"),
      // non-canonical integers live in the dictionary
      Int("01"), Int("+7"),
      Dec("1.5"), Dec("-0.5"), Dec("7.0"), Dbl("7.0E0"), Dbl("NaN"), Dbl("INF"), Flt("7.0E0"),
  };  // numbers only: `* 1` would turn a non-number's `=` (false) into an error
  for (const Term& a : values)
    for (const Term& b : {Int("7"), Int("36028797018963967"), Int("-36028797018963968"), Dec("2.5"), Str("x")})
      for (const Term& c : {Int("0"), Int("36028797018963967"), Int("-36028797018963968"), Dbl("NaN")})
        CheckAgainstGeneralPath(env, a, b, c);
}

TEST_CASE("fast integer comparison: sums near 2^57 stay exact", "[sparql][expression][fast]") {
  Env env;
  const std::string max = "36028797018963967";   // 2^55 - 1, the largest inline integer
  const std::string min = "-36028797018963968";  // -2^55
  // (max + max) + (max + max) = 2^57 - 4: past the inline range, below int64 overflow.
  auto sum4 = F(Builtin::kAdd, {F(Builtin::kAdd, {V("a"), V("a")}), F(Builtin::kAdd, {V("a"), V("a")})});
  CHECK(env.Ebv(F(Builtin::kEqual, {sum4, C(Int("144115188075855868"))}), {{"a", Int(max)}}) == "true");
  CHECK(env.Ebv(F(Builtin::kLess, {C(Int("144115188075855867")), sum4}), {{"a", Int(max)}}) == "true");
  auto diff4 = F(Builtin::kSubtract, {F(Builtin::kSubtract, {V("a"), V("b")}), F(Builtin::kSubtract, {V("b"), V("a")})});
  // (min - max) - (max - min) = -2^57 + 2
  CHECK(env.Ebv(F(Builtin::kEqual, {diff4, C(Int("-144115188075855870"))}), {{"a", Int(min)}, {"b", Int(max)}}) ==
        "true");
  // Deeper nesting leaves the fast path; the general path is exact too.
  auto sum8 = F(Builtin::kAdd, {sum4, sum4});
  CHECK(env.Ebv(F(Builtin::kEqual, {sum8, C(Int("288230376151711736"))}), {{"a", Int(max)}}) == "true");
}

TEST_CASE("= and != on IRIs and blank nodes compare ids", "[sparql][expression][fast]") {
  Env env;
  const Term a = IriT("http://example.org/a"), b = IriT("http://example.org/b");
  CHECK(env.Ebv(F(Builtin::kEqual, {V("x"), C(a)}), {{"x", a}}) == "true");
  CHECK(env.Ebv(F(Builtin::kNotEqual, {V("x"), C(a)}), {{"x", a}}) == "false");
  CHECK(env.Ebv(F(Builtin::kEqual, {V("x"), C(a)}), {{"x", b}}) == "false");
  CHECK(env.Ebv(F(Builtin::kNotEqual, {V("x"), C(a)}), {{"x", b}}) == "true");
  // An IRI and a literal are different terms (false, not an error), whichever side.
  CHECK(env.Ebv(F(Builtin::kEqual, {V("x"), C(Str("http://example.org/a"))}), {{"x", a}}) == "false");
  CHECK(env.Ebv(F(Builtin::kNotEqual, {C(Int("1")), V("x")}), {{"x", a}}) == "true");
  // Blank nodes: the same label in one query is one node.
  CHECK(env.Ebv(F(Builtin::kEqual, {V("x"), V("y")}), {{"x", Term::BlankNode("n")}, {"y", Term::BlankNode("n")}}) ==
        "true");
  CHECK(env.Ebv(F(Builtin::kEqual, {V("x"), V("y")}), {{"x", Term::BlankNode("n")}, {"y", Term::BlankNode("m")}}) ==
        "false");
  // Literals keep value semantics: "01" = 1, and unknown datatypes stay errors.
  CHECK(env.Ebv(F(Builtin::kEqual, {V("x"), C(Int("1"))}), {{"x", Int("01")}}) == "true");
  CHECK(env.Ebv(F(Builtin::kEqual, {V("x"), C(Str("a"))}),
                {{"x", Term::Literal("a", "http://example.org/unknown")}}) == "error");
  // Unbound: an error.
  CHECK(env.Ebv(F(Builtin::kNotEqual, {V("x"), C(a)}), {{"y", a}}) == "error");
  // Ordering IRIs is still an error.
  CHECK(env.Ebv(F(Builtin::kLess, {V("x"), C(a)}), {{"x", b}}) == "error");
}
