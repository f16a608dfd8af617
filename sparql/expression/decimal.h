// Decimal: an exact xsd:decimal as a 128-bit mantissa and a decimal scale (value = mantissa /
// 10^scale). About 38 significant digits, at most kMaxScale fraction digits. Every operation
// reports overflow as nullopt (a SPARQL error) instead of losing digits silently; only division
// and multiplication round (truncate) beyond kMaxScale fraction digits, which XPath allows
// ("implementation-defined precision", at least 18 digits).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::sparql {

using Int128 = __int128;

class Decimal {
 public:
  static constexpr int kMaxScale = 24;

  Decimal() = default;
  static Decimal FromInteger(Int128 v) { return Decimal(v, 0); }
  // REQUIRES: 0 <= scale <= kMaxScale.
  static Decimal FromParts(Int128 mantissa, int scale) { return Decimal(mantissa, scale).Normalized(); }
  // XSD decimal lexical form: [+-]?(digits(.digits?)?|.digits). No exponent, no whitespace.
  static std::optional<Decimal> Parse(std::string_view s);
  // Exact conversion of a finite double's shortest round-trip form; nullopt if too large.
  static std::optional<Decimal> FromDouble(double d);

  // XSD 1.0 canonical form: "-"? digits "." digits, e.g. "1.0", "-0.5", "2.2".
  std::string ToString() const;
  double ToDouble() const;
  bool is_zero() const { return mantissa_ == 0; }
  bool is_negative() const { return mantissa_ < 0; }
  Int128 mantissa() const { return mantissa_; }
  int scale() const { return scale_; }
  // The integer part, toward zero; nullopt never happens for a valid Decimal.
  Int128 Truncated() const;

  std::optional<Decimal> Add(const Decimal& o) const;
  std::optional<Decimal> Subtract(const Decimal& o) const;
  std::optional<Decimal> Multiply(const Decimal& o) const;
  std::optional<Decimal> Divide(const Decimal& o) const;  // nullopt also for division by zero
  Decimal Negate() const { return Decimal(-mantissa_, scale_); }
  Decimal Abs() const { return mantissa_ < 0 ? Negate() : *this; }
  Decimal Floor() const;
  Decimal Ceil() const;
  Decimal Round() const;  // half toward positive infinity (fn:round)

  // <0, 0, >0.
  int Compare(const Decimal& o) const;
  friend bool operator==(const Decimal& a, const Decimal& b) { return a.Compare(b) == 0; }

 private:
  Decimal(Int128 m, int s) : mantissa_(m), scale_(s) {}
  Decimal Normalized() const;
  Int128 mantissa_ = 0;
  int scale_ = 0;
};

// 10^n as Int128; REQUIRES 0 <= n <= 38.
Int128 Pow10(int n);
// Decimal digits of an Int128 with a leading '-' if negative.
std::string Int128ToString(Int128 v);
// [+-]?digits (no whitespace); nullopt on syntax error or overflow.
std::optional<Int128> ParseInt128(std::string_view s);

}  // namespace cairn::sparql
