#include "sparql/expression/decimal.h"

#include <charconv>
#include <cstdlib>

namespace cairn::sparql {
namespace {

using UInt128 = unsigned __int128;
constexpr Int128 kInt128Max = static_cast<Int128>(~UInt128{0} >> 1);

UInt128 Magnitude(Int128 v) { return v < 0 ? UInt128(0) - static_cast<UInt128>(v) : static_cast<UInt128>(v); }

// m * 10^n, or nullopt on overflow.
std::optional<Int128> ScaleUp(Int128 m, int n) {
  Int128 out = m;
  for (int i = 0; i < n; ++i)
    if (__builtin_mul_overflow(out, Int128{10}, &out)) return std::nullopt;
  return out;
}

std::string UInt128ToString(UInt128 v) {
  char buf[48];
  int pos = sizeof buf;
  do {
    buf[--pos] = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  } while (v != 0);
  return std::string(buf + pos, buf + sizeof buf);
}

}  // namespace

Int128 Pow10(int n) {
  Int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

std::string Int128ToString(Int128 v) {
  std::string digits = UInt128ToString(Magnitude(v));
  return v < 0 ? "-" + digits : digits;
}

std::optional<Int128> ParseInt128(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  UInt128 v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    if (v > (~UInt128{0}) / 10) return std::nullopt;
    v = v * 10 + static_cast<unsigned>(c - '0');
    if (v > static_cast<UInt128>(kInt128Max) + 1) return std::nullopt;
  }
  if (!negative && v > static_cast<UInt128>(kInt128Max)) return std::nullopt;
  return negative ? static_cast<Int128>(UInt128(0) - v) : static_cast<Int128>(v);
}

Decimal Decimal::Normalized() const {
  Int128 m = mantissa_;
  int s = scale_;
  while (s > 0 && m % 10 == 0) {
    m /= 10;
    --s;
  }
  if (m == 0) s = 0;
  return Decimal(m, s);
}

std::optional<Decimal> Decimal::Parse(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  auto dot = s.find('.');
  std::string_view int_part = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (int_part.empty() && frac.empty()) return std::nullopt;
  for (char c : int_part) if (c < '0' || c > '9') return std::nullopt;
  for (char c : frac) if (c < '0' || c > '9') return std::nullopt;
  while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
  if (frac.size() > static_cast<std::size_t>(kMaxScale)) frac = frac.substr(0, kMaxScale);  // rounds toward zero
  while (!int_part.empty() && int_part[0] == '0') int_part.remove_prefix(1);
  if (int_part.size() + frac.size() > 38) return std::nullopt;
  UInt128 m = 0;
  for (char c : int_part) m = m * 10 + static_cast<unsigned>(c - '0');
  for (char c : frac) m = m * 10 + static_cast<unsigned>(c - '0');
  if (m > static_cast<UInt128>(kInt128Max)) return std::nullopt;
  Int128 v = static_cast<Int128>(m);
  return Decimal(negative ? -v : v, static_cast<int>(frac.size())).Normalized();
}

std::optional<Decimal> Decimal::FromDouble(double d) {
  if (d != d || d - d != 0) return std::nullopt;  // NaN, INF
  if (d == 0) return Decimal();
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view text(buf, static_cast<std::size_t>(end - buf));
  auto e = text.find('e');
  std::string digits;
  bool negative = false;
  for (char c : text.substr(0, e)) {
    if (c == '-') negative = true;
    else if (c != '.') digits += c;
  }
  int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  int power = exponent - static_cast<int>(digits.size() - 1);
  std::string lexical = negative ? "-" : "";
  if (power >= 0) {
    if (digits.size() + static_cast<std::size_t>(power) > 38) return std::nullopt;
    lexical += digits;
    lexical.append(static_cast<std::size_t>(power), '0');
  } else {
    auto frac_digits = static_cast<std::size_t>(-power);
    if (digits.size() <= frac_digits) {
      lexical += "0.";
      lexical.append(frac_digits - digits.size(), '0');
      lexical += digits;
    } else {
      lexical += digits.substr(0, digits.size() - frac_digits);
      lexical += '.';
      lexical += digits.substr(digits.size() - frac_digits);
    }
  }
  return Parse(lexical);
}

std::string Decimal::ToString() const {
  std::string digits = UInt128ToString(Magnitude(mantissa_));
  if (digits.size() <= static_cast<std::size_t>(scale_))
    digits.insert(0, static_cast<std::size_t>(scale_) + 1 - digits.size(), '0');
  std::string out = mantissa_ < 0 ? "-" : "";
  out.append(digits, 0, digits.size() - static_cast<std::size_t>(scale_));
  out += '.';
  if (scale_ == 0) out += '0';
  else out.append(digits, digits.size() - static_cast<std::size_t>(scale_));
  return out;
}

double Decimal::ToDouble() const { return std::strtod(ToString().c_str(), nullptr); }

Int128 Decimal::Truncated() const { return mantissa_ / Pow10(scale_); }

int Decimal::Compare(const Decimal& o) const {
  if (scale_ == o.scale_) return mantissa_ < o.mantissa_ ? -1 : mantissa_ > o.mantissa_ ? 1 : 0;
  if (scale_ < o.scale_) {
    auto a = ScaleUp(mantissa_, o.scale_ - scale_);
    if (!a) return mantissa_ < 0 ? -1 : 1;  // |this| exceeds anything representable at o's scale
    return *a < o.mantissa_ ? -1 : *a > o.mantissa_ ? 1 : 0;
  }
  return -o.Compare(*this);
}

std::optional<Decimal> Decimal::Add(const Decimal& o) const {
  int s = std::max(scale_, o.scale_);
  auto a = ScaleUp(mantissa_, s - scale_);
  auto b = ScaleUp(o.mantissa_, s - o.scale_);
  Int128 sum;
  if (!a || !b || __builtin_add_overflow(*a, *b, &sum)) return std::nullopt;
  return Decimal(sum, s).Normalized();
}

std::optional<Decimal> Decimal::Subtract(const Decimal& o) const { return Add(o.Negate()); }

std::optional<Decimal> Decimal::Multiply(const Decimal& o) const {
  Int128 product;
  if (__builtin_mul_overflow(mantissa_, o.mantissa_, &product)) return std::nullopt;
  int s = scale_ + o.scale_;
  if (s > kMaxScale) {
    product /= Pow10(s - kMaxScale);
    s = kMaxScale;
  }
  return Decimal(product, s).Normalized();
}

std::optional<Decimal> Decimal::Divide(const Decimal& o) const {
  if (o.mantissa_ == 0) return std::nullopt;
  bool negative = (mantissa_ < 0) != (o.mantissa_ < 0);
  UInt128 n = Magnitude(mantissa_), d = Magnitude(o.mantissa_);
  UInt128 q = n / d, r = n % d;
  int scale = scale_ - o.scale_;
  const UInt128 limit = static_cast<UInt128>(kInt128Max);
  while (r != 0 && scale < kMaxScale) {
    if (r > (~UInt128{0}) / 10 || q > limit / 10 - 1) break;
    r *= 10;
    q = q * 10 + r / d;
    r %= d;
    ++scale;
  }
  while (scale < 0) {
    if (q > limit / 10) return std::nullopt;
    q *= 10;
    ++scale;
  }
  while (scale > kMaxScale) {
    q /= 10;
    --scale;
  }
  if (q > limit) return std::nullopt;
  auto m = static_cast<Int128>(q);
  return Decimal(negative ? -m : m, scale).Normalized();
}

Decimal Decimal::Floor() const {
  if (scale_ == 0) return *this;
  Int128 p = Pow10(scale_);
  Int128 q = mantissa_ / p;
  if (mantissa_ < 0 && mantissa_ % p != 0) q -= 1;
  return Decimal(q, 0);
}

Decimal Decimal::Ceil() const {
  if (scale_ == 0) return *this;
  Int128 p = Pow10(scale_);
  Int128 q = mantissa_ / p;
  if (mantissa_ > 0 && mantissa_ % p != 0) q += 1;
  return Decimal(q, 0);
}

Decimal Decimal::Round() const {
  if (scale_ == 0) return *this;
  auto half = Add(Decimal(5, 1));
  return half ? half->Floor() : *this;
}

}  // namespace cairn::sparql
