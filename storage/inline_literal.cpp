#include "storage/inline_literal.h"

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "vocab/vocab.h"

namespace cairn {
namespace {

constexpr std::uint64_t kIntegerBias = std::uint64_t{1} << 55;
constexpr std::int64_t kMsBias = std::int64_t{1} << 48;
constexpr std::int64_t kDayBias = std::int64_t{1} << 40;
constexpr int kTzShift = 7;
constexpr unsigned kTzUtc = 57;

struct DatatypeEntry {
  std::string_view iri;
  TermTag tag;
};
constexpr std::array<DatatypeEntry, 20> kDatatypes{{
    {vocab::xsd::kString, TermTag::kString},
    {vocab::xsd::kBoolean, TermTag::kBoolean},
    {vocab::xsd::kDecimal, TermTag::kDecimal},
    {vocab::xsd::kDouble, TermTag::kDouble},
    {vocab::xsd::kFloat, TermTag::kFloat},
    {vocab::xsd::kDateTime, TermTag::kDateTime},
    {vocab::xsd::kDate, TermTag::kDate},
    {vocab::xsd::kInteger, TermTag::kInteger},
    {vocab::xsd::kLong, TermTag::kLong},
    {vocab::xsd::kInt, TermTag::kInt},
    {vocab::xsd::kShort, TermTag::kShort},
    {vocab::xsd::kByte, TermTag::kByte},
    {vocab::xsd::kNonNegativeInteger, TermTag::kNonNegativeInteger},
    {vocab::xsd::kPositiveInteger, TermTag::kPositiveInteger},
    {vocab::xsd::kNonPositiveInteger, TermTag::kNonPositiveInteger},
    {vocab::xsd::kNegativeInteger, TermTag::kNegativeInteger},
    {vocab::xsd::kUnsignedLong, TermTag::kUnsignedLong},
    {vocab::xsd::kUnsignedInt, TermTag::kUnsignedInt},
    {vocab::xsd::kUnsignedShort, TermTag::kUnsignedShort},
    {vocab::xsd::kUnsignedByte, TermTag::kUnsignedByte},
}};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ---- integers ----

bool IntegerInRange(TermTag tag, std::int64_t v) {
  switch (tag) {
    case TermTag::kInteger:
    case TermTag::kLong: return true;
    case TermTag::kInt: return v >= INT32_MIN && v <= INT32_MAX;
    case TermTag::kShort: return v >= INT16_MIN && v <= INT16_MAX;
    case TermTag::kByte: return v >= INT8_MIN && v <= INT8_MAX;
    case TermTag::kNonNegativeInteger:
    case TermTag::kUnsignedLong: return v >= 0;
    case TermTag::kPositiveInteger: return v >= 1;
    case TermTag::kNonPositiveInteger: return v <= 0;
    case TermTag::kNegativeInteger: return v <= -1;
    case TermTag::kUnsignedInt: return v >= 0 && v <= UINT32_MAX;
    case TermTag::kUnsignedShort: return v >= 0 && v <= UINT16_MAX;
    case TermTag::kUnsignedByte: return v >= 0 && v <= UINT8_MAX;
    default: return false;
  }
}

std::optional<std::uint64_t> EncodeInteger(std::string_view s, TermTag tag) {
  // Canonical: -?(0|[1-9][0-9]*), and "-0" is not canonical.
  std::string_view digits = s;
  if (!digits.empty() && digits[0] == '-') digits.remove_prefix(1);
  if (digits.empty() || digits.size() > 17) return std::nullopt;
  for (char c : digits) if (!IsDigit(c)) return std::nullopt;
  if (digits[0] == '0' && (digits.size() > 1 || s[0] == '-')) return std::nullopt;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  if (v < -static_cast<std::int64_t>(kIntegerBias) || v >= static_cast<std::int64_t>(kIntegerBias))
    return std::nullopt;
  if (!IntegerInRange(tag, v)) return std::nullopt;
  return static_cast<std::uint64_t>(v) + kIntegerBias;
}

void AppendInteger(std::uint64_t payload, std::string& out) {
  std::int64_t v = static_cast<std::int64_t>(payload - kIntegerBias);
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

// ---- decimal ----

constexpr int kDecimalDigits = 14;
constexpr std::uint64_t kMantissaMask = (std::uint64_t{1} << 47) - 1;
constexpr std::uint64_t kExpMantMask = (std::uint64_t{1} << 54) - 1;

std::uint64_t Pow10(int n) {
  std::uint64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

std::optional<std::uint64_t> EncodeDecimal(std::string_view s) {
  // Canonical (XSD 1.0): -?(0|[1-9][0-9]*)\.([0-9]*[1-9]|0), and "-0.0" is not canonical.
  bool negative = !s.empty() && s[0] == '-';
  std::string_view body = negative ? s.substr(1) : s;
  auto dot = body.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == body.size()) return std::nullopt;
  std::string_view int_part = body.substr(0, dot), frac = body.substr(dot + 1);
  for (char c : int_part) if (!IsDigit(c)) return std::nullopt;
  for (char c : frac) if (!IsDigit(c)) return std::nullopt;
  if (int_part.size() > 1 && int_part[0] == '0') return std::nullopt;
  if (frac.size() > 1 && frac.back() == '0') return std::nullopt;
  std::string all(int_part);
  all += frac;
  auto first = all.find_first_not_of('0');
  if (first == std::string::npos) {  // zero: only "0.0" is canonical
    if (negative || frac != "0" || int_part != "0") return std::nullopt;
    return std::uint64_t{1} << 54;
  }
  auto last = all.find_last_not_of('0');
  std::string_view sig = std::string_view(all).substr(first, last - first + 1);
  if (sig.size() > kDecimalDigits) return std::nullopt;
  long exponent = static_cast<long>(int_part.size()) - static_cast<long>(first);
  if (exponent < -63 || exponent > 63) return std::nullopt;
  std::uint64_t mantissa = 0;
  for (char c : sig) mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
  mantissa *= Pow10(kDecimalDigits - static_cast<int>(sig.size()));
  std::uint64_t magnitude = (static_cast<std::uint64_t>(exponent + 64) << 47) | mantissa;
  if (negative) return (~magnitude) & kExpMantMask;
  return (std::uint64_t{2} << 54) | magnitude;
}

void AppendDecimal(std::uint64_t payload, std::string& out) {
  std::uint64_t cls = payload >> 54;
  if (cls == 1) {
    out += "0.0";
    return;
  }
  std::uint64_t magnitude = payload & kExpMantMask;
  if (cls == 0) {
    magnitude = (~magnitude) & kExpMantMask;
    out += '-';
  }
  long exponent = static_cast<long>(magnitude >> 47) - 64;
  std::uint64_t mantissa = magnitude & kMantissaMask;
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, mantissa);
  std::string digits(buf, end);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  if (exponent > 0) {
    auto e = static_cast<std::size_t>(exponent);
    if (digits.size() <= e) {
      out += digits;
      out.append(e - digits.size(), '0');
      out += ".0";
    } else {
      out.append(digits, 0, e);
      out += '.';
      out.append(digits, e);
    }
  } else {
    out += "0.";
    out.append(static_cast<std::size_t>(-exponent), '0');
    out += digits;
  }
}

// ---- double and float ----

// Turns C++'s shortest scientific form ("1.5e+02", "1e-07") into XSD's canonical "1.5E2", "1.0E-7".
template <typename F>
std::string CanonicalFloating(F value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "INF" : "-INF";
  if (value == 0) return std::signbit(value) ? "-0.0E0" : "0.0E0";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view s(buf, static_cast<std::size_t>(end - buf));
  auto e = s.find('e');
  std::string mantissa(s.substr(0, e));
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  int exponent = 0;
  std::string_view exp_text = s.substr(e + 1);
  if (!exp_text.empty() && exp_text[0] == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  return mantissa + "E" + std::to_string(exponent);
}

template <typename F>
std::optional<F> ParseCanonicalFloating(std::string_view s) {
  F value;
  if (s == "INF") {
    value = std::numeric_limits<F>::infinity();
  } else if (s == "-INF") {
    value = -std::numeric_limits<F>::infinity();
  } else if (s == "NaN") {
    value = std::numeric_limits<F>::quiet_NaN();
  } else {
    if (s.find_first_of("iInN") != std::string_view::npos) return std::nullopt;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  }
  if (CanonicalFloating(value) != s) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> EncodeDouble(std::string_view s) {
  auto value = ParseCanonicalFloating<double>(s);
  if (!value) return std::nullopt;
  std::uint64_t b = std::bit_cast<std::uint64_t>(*value);
  if ((b & 0xFF) != 0) return std::nullopt;  // would not fit in 56 bits
  b = (b >> 63) ? ~b : (b | (std::uint64_t{1} << 63));
  return b >> 8;
}

double DecodeDouble(std::uint64_t payload) {
  std::uint64_t b = payload << 8;
  // Negative values were inverted, so their dropped low byte was 0xFF.
  b = (b >> 63) ? (b & ~(std::uint64_t{1} << 63)) : ~(b | 0xFF);
  return std::bit_cast<double>(b);
}

std::optional<std::uint64_t> EncodeFloat(std::string_view s) {
  auto value = ParseCanonicalFloating<float>(s);
  if (!value) return std::nullopt;
  std::uint32_t b = std::bit_cast<std::uint32_t>(*value);
  b = (b >> 31) ? ~b : (b | (std::uint32_t{1} << 31));
  return b;
}

float DecodeFloat(std::uint64_t payload) {
  auto b = static_cast<std::uint32_t>(payload);
  b = (b >> 31) ? (b & ~(std::uint32_t{1} << 31)) : ~b;
  return std::bit_cast<float>(b);
}

// ---- dates ----

bool ParseFixedDigits(std::string_view s, std::size_t pos, std::size_t n, unsigned& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(s[i])) return false;
    out = out * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return true;
}

bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return (m == 2 && IsLeap(y)) ? 29 : kDays[m - 1];
}

// Parses YYYY-MM-DD at the start; years 0001..9999 only (the range Cairn inlines).
bool ParseDate(std::string_view s, unsigned& y, unsigned& m, unsigned& d) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  if (!ParseFixedDigits(s, 0, 4, y) || !ParseFixedDigits(s, 5, 2, m) || !ParseFixedDigits(s, 8, 2, d))
    return false;
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

// Parses a canonical timezone suffix: "" (none), "Z", or "+hh:mm"/"-hh:mm" in 15-minute steps
// (not +00:00, whose canonical form is Z). Returns the timezone code, or nullopt.
std::optional<unsigned> ParseTimezone(std::string_view tz, int& offset_minutes) {
  offset_minutes = 0;
  if (tz.empty()) return 0u;
  if (tz == "Z") return kTzUtc;
  if (tz.size() != 6 || (tz[0] != '+' && tz[0] != '-') || tz[3] != ':') return std::nullopt;
  unsigned hh, mm;
  if (!ParseFixedDigits(tz, 1, 2, hh) || !ParseFixedDigits(tz, 4, 2, mm)) return std::nullopt;
  if (mm % 15 != 0 || mm > 45 || hh > 14 || (hh == 14 && mm != 0) || (hh == 0 && mm == 0))
    return std::nullopt;
  offset_minutes = static_cast<int>(hh * 60 + mm) * (tz[0] == '-' ? -1 : 1);
  return static_cast<unsigned>(offset_minutes / 15 + static_cast<int>(kTzUtc));
}

void AppendTimezone(unsigned code, std::string& out) {
  if (code == 0) return;
  if (code == kTzUtc) {
    out += 'Z';
    return;
  }
  int minutes = (static_cast<int>(code) - static_cast<int>(kTzUtc)) * 15;
  out += minutes < 0 ? '-' : '+';
  minutes = std::abs(minutes);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  out += buf;
}

int OffsetMinutes(unsigned code) {
  return code == 0 ? 0 : (static_cast<int>(code) - static_cast<int>(kTzUtc)) * 15;
}

std::optional<std::uint64_t> EncodeDateTime(std::string_view s) {
  // YYYY-MM-DDThh:mm:ss(.f{1,3})?(tz)?  -- canonical: no trailing zeros in the fraction, no 24:00.
  unsigned y, mo, d, h, mi, sec;
  if (!ParseDate(s, y, mo, d)) return std::nullopt;
  if (s.size() < 19 || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
  if (!ParseFixedDigits(s, 11, 2, h) || !ParseFixedDigits(s, 14, 2, mi) ||
      !ParseFixedDigits(s, 17, 2, sec) || h > 23 || mi > 59 || sec > 59)
    return std::nullopt;
  std::size_t pos = 19;
  unsigned millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    std::size_t start = ++pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos;
    std::size_t n = pos - start;
    if (n == 0 || n > 3 || s[pos - 1] == '0') return std::nullopt;
    unsigned frac = 0;
    ParseFixedDigits(s, start, n, frac);
    millis = frac * static_cast<unsigned>(Pow10(3 - static_cast<int>(n)));
  }
  int offset = 0;
  auto tz = ParseTimezone(s.substr(pos), offset);
  if (!tz) return std::nullopt;
  std::int64_t days = DaysFromCivil(y, mo, d);
  std::int64_t ms = ((days * 24 + h) * 60 + mi) * 60000 + std::int64_t{sec} * 1000 + millis -
                    std::int64_t{offset} * 60000;
  return (static_cast<std::uint64_t>(ms + kMsBias) << kTzShift) | *tz;
}

void AppendDateTime(std::uint64_t payload, std::string& out) {
  unsigned tz = payload & 127;
  std::int64_t ms = static_cast<std::int64_t>(payload >> kTzShift) - kMsBias +
                    std::int64_t{OffsetMinutes(tz)} * 60000;
  std::int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
  std::int64_t in_day = ms - days * 86400000;
  std::int64_t year;
  unsigned month, day;
  CivilFromDays(days, year, month, day);
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                        static_cast<long long>(year), month, day,
                        static_cast<long long>(in_day / 3600000),
                        static_cast<long long>(in_day / 60000 % 60),
                        static_cast<long long>(in_day / 1000 % 60));
  out.append(buf, static_cast<std::size_t>(n));
  if (auto millis = in_day % 1000; millis != 0) {
    std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(millis));
    std::string frac(buf);
    while (frac.back() == '0') frac.pop_back();
    out += frac;
  }
  AppendTimezone(tz, out);
}

std::optional<std::uint64_t> EncodeDate(std::string_view s) {
  unsigned y, m, d;
  if (!ParseDate(s, y, m, d)) return std::nullopt;
  int offset;
  auto tz = ParseTimezone(s.substr(10), offset);
  if (!tz) return std::nullopt;
  return (static_cast<std::uint64_t>(DaysFromCivil(y, m, d) + kDayBias) << kTzShift) | *tz;
}

void AppendDate(std::uint64_t payload, std::string& out) {
  std::int64_t days = static_cast<std::int64_t>(payload >> kTzShift) - kDayBias;
  std::int64_t year;
  unsigned month, day;
  CivilFromDays(days, year, month, day);
  char buf[24];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(year), month, day);
  out.append(buf, static_cast<std::size_t>(n));
  AppendTimezone(payload & 127, out);
}

// ---- short strings ----

std::optional<std::uint64_t> EncodeShortString(std::string_view s) {
  if (s.size() > 7 || s.find('\0') != std::string_view::npos) return std::nullopt;
  std::uint64_t payload = 0;
  for (std::size_t i = 0; i < 7; ++i) {
    payload <<= 8;
    if (i < s.size()) payload |= static_cast<unsigned char>(s[i]);
  }
  return payload;
}

void AppendShortString(std::uint64_t payload, std::string& out) {
  for (int shift = 48; shift >= 0; shift -= 8) {
    char c = static_cast<char>((payload >> shift) & 0xFF);
    if (c == '\0') break;
    out += c;
  }
}

}  // namespace

std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void CivilFromDays(std::int64_t z, std::int64_t& year, unsigned& month, unsigned& day) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2);
}

std::string CanonicalDouble(double value) { return CanonicalFloating(value); }
std::string CanonicalFloat(float value) { return CanonicalFloating(value); }

TermTag InlineTagForDatatype(std::string_view datatype) {
  for (const auto& entry : kDatatypes)
    if (entry.iri == datatype) return entry.tag;
  return TermTag::kNone;
}

std::string_view InlineDatatype(TermTag tag) {
  for (const auto& entry : kDatatypes)
    if (entry.tag == tag) return entry.iri;
  return {};
}

std::optional<TermId> EncodeInlineLiteral(std::string_view lexical, std::string_view datatype,
                                          std::string_view language) {
  if (!language.empty()) return std::nullopt;
  TermTag tag = datatype.empty() ? TermTag::kString : InlineTagForDatatype(datatype);
  std::optional<std::uint64_t> payload;
  switch (tag) {
    case TermTag::kNone: return std::nullopt;
    case TermTag::kString: payload = EncodeShortString(lexical); break;
    case TermTag::kBoolean:
      if (lexical == "true") payload = 1;
      else if (lexical == "false") payload = 0;
      break;
    case TermTag::kDecimal: payload = EncodeDecimal(lexical); break;
    case TermTag::kDouble: payload = EncodeDouble(lexical); break;
    case TermTag::kFloat: payload = EncodeFloat(lexical); break;
    case TermTag::kDateTime: payload = EncodeDateTime(lexical); break;
    case TermTag::kDate: payload = EncodeDate(lexical); break;
    default: payload = EncodeInteger(lexical, tag); break;
  }
  if (!payload) return std::nullopt;
  return TermId::Make(tag, *payload);
}

void AppendInlineLexical(TermId id, std::string& out) {
  std::uint64_t p = id.payload();
  switch (id.tag()) {
    case TermTag::kString: AppendShortString(p, out); break;
    case TermTag::kBoolean: out += p ? "true" : "false"; break;
    case TermTag::kDecimal: AppendDecimal(p, out); break;
    case TermTag::kDouble: out += CanonicalFloating(DecodeDouble(p)); break;
    case TermTag::kFloat: out += CanonicalFloating(DecodeFloat(p)); break;
    case TermTag::kDateTime: AppendDateTime(p, out); break;
    case TermTag::kDate: AppendDate(p, out); break;
    default: AppendInteger(p, out); break;
  }
}

Term DecodeInlineLiteral(TermId id) {
  Term term;
  term.kind = TermKind::kLiteral;
  AppendInlineLexical(id, term.value);
  term.datatype = InlineDatatype(id.tag());
  return term;
}

}  // namespace cairn
