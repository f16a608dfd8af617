// Inline literals: exact round trip of canonical forms, rejection of everything else (which
// then goes to the dictionary unchanged), and payload order = value order.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <sstream>

#include "storage/inline_literal.h"

using namespace cairn;

namespace {
const std::string kXsd = "http://www.w3.org/2001/XMLSchema#";

void CheckRoundTrip(const std::string& lexical, const std::string& type) {
  INFO(lexical << "^^xsd:" << type);
  auto id = EncodeInlineLiteral(lexical, kXsd + type, "");
  REQUIRE(id.has_value());
  Term back = DecodeInlineLiteral(*id);
  CHECK(back.value == lexical);
  CHECK(back.datatype == kXsd + type);
  CHECK(back.language.empty());
}

void CheckNotInline(const std::string& lexical, const std::string& type) {
  INFO(lexical << "^^xsd:" << type);
  CHECK_FALSE(EncodeInlineLiteral(lexical, kXsd + type, "").has_value());
}

// REQUIRES: `sorted` in strictly increasing value order.
void CheckOrder(const std::vector<std::string>& sorted, const std::string& type) {
  std::vector<std::uint64_t> payloads;
  for (const auto& lex : sorted) {
    auto id = EncodeInlineLiteral(lex, kXsd + type, "");
    INFO(lex << "^^xsd:" << type);
    REQUIRE(id.has_value());
    payloads.push_back(id->payload());
  }
  for (std::size_t i = 1; i < payloads.size(); ++i) {
    INFO(sorted[i - 1] << " < " << sorted[i]);
    CHECK(payloads[i - 1] < payloads[i]);
  }
}
}  // namespace

TEST_CASE("every inline XSD type round-trips its canonical forms exactly", "[storage][inline]") {
  for (auto lex : {"0", "1", "-1", "42", "36028797018963967", "-36028797018963968"}) CheckRoundTrip(lex, "integer");
  for (auto type : {"long", "int", "short", "byte"}) {
    CheckRoundTrip("-5", type);
    CheckRoundTrip("127", type);
  }
  for (auto type : {"nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"})
    CheckRoundTrip("0", type);
  CheckRoundTrip("7", "positiveInteger");
  CheckRoundTrip("0", "nonPositiveInteger");
  CheckRoundTrip("-7", "negativeInteger");
  CheckRoundTrip("true", "boolean");
  CheckRoundTrip("false", "boolean");
  for (auto lex : {"0.0", "1.0", "-1.0", "4.27", "0.000123", "-98765.4321", "12345678901234.0", "0.5",
                   "100000000000000000000.0", "1234567890123.4"})
    CheckRoundTrip(lex, "decimal");
  for (auto lex : {"0.0E0", "-0.0E0", "1.0E0", "1.5E2", "-2.5E-1", "INF", "-INF", "NaN", "1.125899906842624E15"})
    CheckRoundTrip(lex, "double");
  for (auto lex : {"0.0E0", "1.0E0", "3.4028235E38", "1.0E-45", "-1.5E0", "INF", "NaN"}) CheckRoundTrip(lex, "float");
  for (auto lex : {"2025-03-30T01:30:00+01:00", "2008-06-20T00:00:00", "2008-06-20T00:00:00Z", "1999-12-31T23:59:59.5Z",
                   "2000-02-29T12:00:00.123-05:00", "0001-01-01T00:00:00", "9999-12-31T23:59:59.999+14:00",
                   "2024-07-01T08:15:00-09:30"})
    CheckRoundTrip(lex, "dateTime");
  for (auto lex : {"2025-01-31", "2024-02-29Z", "1970-01-01+05:45", "0001-01-01", "9999-12-31-12:00"})
    CheckRoundTrip(lex, "date");
  for (auto lex : {"", "a", "abcdefg", "caf\xc3\xa9"}) CheckRoundTrip(lex, "string");
}

TEST_CASE("non-canonical or out-of-range forms are not inlined", "[storage][inline]") {
  for (auto lex : {"01", "+1", "-0", "1.0", " 1", "1 ", "", "-", "36028797018963968", "99999999999999999999"})
    CheckNotInline(lex, "integer");
  CheckNotInline("128", "byte");
  CheckNotInline("-1", "unsignedInt");
  CheckNotInline("0", "positiveInteger");
  CheckNotInline("4294967296", "unsignedInt");
  CheckNotInline("1", "boolean");
  CheckNotInline("TRUE", "boolean");
  for (auto lex : {"1", "1.", ".5", "1.50", "01.5", "-0.0", "+1.0", "1.0e0", "123456789012345.0"})
    CheckNotInline(lex, "decimal");
  for (auto lex : {"1", "1.0", "1E0", "1.50E0", "1.5e2", "+INF", "inf", "0.1E0", "15.0E1", "1.0E+2"})
    CheckNotInline(lex, "double");
  // 0.1 has low mantissa bits set: it cannot be inlined in 56 bits and goes to the dictionary.
  CheckNotInline("1.0E-1", "double");
  for (auto lex : {"2020-01-01T24:00:00", "2020-02-30T00:00:00", "2020-01-01T00:00:00.500", "2020-01-01T00:00:00+00:00",
                   "2020-01-01T00:00:00.1234", "2020-01-01T00:00:00+01:20", "2020-1-01T00:00:00", "-2020-01-01T00:00:00",
                   "2020-01-01T00:00:00+15:00", "2020-01-01"})
    CheckNotInline(lex, "dateTime");
  for (auto lex : {"2021-02-29", "2020-13-01", "20200101", "2020-01-01T00:00:00"}) CheckNotInline(lex, "date");
  CheckNotInline("abcdefgh", "string");
  CheckNotInline(std::string("a\0b", 3), "string");
  CHECK_FALSE(EncodeInlineLiteral("chat", "", "fr").has_value());
  CHECK_FALSE(EncodeInlineLiteral("1", "http://example.org/myType", "").has_value());
}

TEST_CASE("datatypes stay distinct: 1 as xsd:int is not 1 as xsd:integer", "[storage][inline]") {
  auto a = EncodeInlineLiteral("1", kXsd + "int", "");
  auto b = EncodeInlineLiteral("1", kXsd + "integer", "");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(*a != *b);
  CHECK(DecodeInlineLiteral(*a).datatype == kXsd + "int");
}

TEST_CASE("inline payloads are ordered like the values", "[storage][inline]") {
  CheckOrder({"-36028797018963968", "-1000", "-1", "0", "1", "2", "10", "36028797018963967"}, "integer");
  CheckOrder({"-1000.5", "-1.0", "-0.5", "-0.0001", "0.0", "0.0001", "0.001", "0.5", "1.0", "1.25", "9.99",
              "10.0", "12345678901234.0"},
             "decimal");
  CheckOrder({"-INF", "-1.048576E6", "-1.5E0", "-0.0E0", "9.765625E-4", "1.0E0", "1.5E0", "1.099511627776E12", "INF"}, "double");
  CheckOrder({"-INF", "-1.5E0", "0.0E0", "1.0E0", "INF"}, "float");
  CheckOrder({"0001-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "2025-03-30T01:30:00+01:00",
              "2025-03-30T00:31:00Z", "2025-03-30T01:31:00", "9999-12-31T23:59:59Z"},
             "dateTime");
  CheckOrder({"0001-01-01", "1969-12-31", "1970-01-01", "2024-02-29", "2025-01-01"}, "date");
  CheckOrder({"", "A", "a", "ab", "b"}, "string");
}

TEST_CASE("random decimals and doubles keep value order", "[storage][inline]") {
  std::mt19937_64 rng(20261126);
  std::vector<std::pair<double, std::uint64_t>> doubles;
  for (int i = 0; i < 2000; ++i) {
    // Values with short mantissas (the low 8 bits zero) are inlinable.
    double v = std::ldexp(static_cast<double>(static_cast<std::int64_t>(rng() % 2000001) - 1000000),
                          static_cast<int>(rng() % 200) - 100);
    auto id = EncodeInlineLiteral(CanonicalDouble(v), kXsd + "double", "");
    REQUIRE(id);
    CHECK(DecodeInlineLiteral(*id).value == CanonicalDouble(v));
    doubles.emplace_back(v, id->payload());
  }
  std::sort(doubles.begin(), doubles.end());
  for (std::size_t i = 1; i < doubles.size(); ++i)
    if (doubles[i - 1].first < doubles[i].first) CHECK(doubles[i - 1].second < doubles[i].second);

  std::vector<std::pair<long double, std::uint64_t>> decimals;
  for (int i = 0; i < 2000; ++i) {
    std::int64_t units = static_cast<std::int64_t>(rng() % 2000000001) - 1000000000;
    int scale = static_cast<int>(rng() % 6) + 1;
    std::ostringstream text;
    std::int64_t div = 1;
    for (int k = 0; k < scale; ++k) div *= 10;
    std::int64_t whole = units / div, frac = std::abs(units % div);
    std::string frac_text = std::to_string(frac);
    frac_text.insert(0, static_cast<std::size_t>(scale) - frac_text.size(), '0');
    while (frac_text.size() > 1 && frac_text.back() == '0') frac_text.pop_back();
    text << (units < 0 && whole == 0 ? "-" : "") << whole << "." << frac_text;
    std::string lex = text.str();
    if (lex == "-0.0") continue;
    auto id = EncodeInlineLiteral(lex, kXsd + "decimal", "");
    INFO(lex);
    REQUIRE(id);
    CHECK(DecodeInlineLiteral(*id).value == lex);
    decimals.emplace_back(std::stold(lex), id->payload());
  }
  std::sort(decimals.begin(), decimals.end());
  for (std::size_t i = 1; i < decimals.size(); ++i)
    if (decimals[i - 1].first < decimals[i].first) CHECK(decimals[i - 1].second < decimals[i].second);
}
