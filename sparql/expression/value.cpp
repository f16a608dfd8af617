#include "sparql/expression/value.h"

#include <bit>
#include <cstdlib>
#include <limits>

#include "storage/inline_literal.h"
#include "vocab/vocab.h"

namespace cairn::sparql {
namespace {

constexpr std::int64_t kIntegerBias = std::int64_t{1} << 55;

double DecodeInlineDouble(std::uint64_t payload) {
  std::uint64_t b = payload << 8;
  b = (b >> 63) ? (b & ~(std::uint64_t{1} << 63)) : ~(b | 0xFF);
  return std::bit_cast<double>(b);
}

float DecodeInlineFloat(std::uint64_t payload) {
  auto b = static_cast<std::uint32_t>(payload);
  b = (b >> 31) ? (b & ~(std::uint32_t{1} << 31)) : ~b;
  return std::bit_cast<float>(b);
}

// See inline_literal.h: class, biased exponent, 14-digit mantissa.
Decimal DecodeInlineDecimal(std::uint64_t payload) {
  constexpr std::uint64_t kMantissaMask = (std::uint64_t{1} << 47) - 1;
  constexpr std::uint64_t kExpMantMask = (std::uint64_t{1} << 54) - 1;
  std::uint64_t cls = payload >> 54;
  if (cls == 1) return Decimal();
  std::uint64_t magnitude = payload & kExpMantMask;
  if (cls == 0) magnitude = (~magnitude) & kExpMantMask;
  int exponent = static_cast<int>(magnitude >> 47) - 64;
  Int128 mantissa = static_cast<Int128>(magnitude & kMantissaMask);
  if (cls == 0) mantissa = -mantissa;
  int power = exponent - 14;  // value = 0.d1..d14 * 10^exponent
  if (power >= 0) return Decimal::FromInteger(mantissa * Pow10(power));
  return Decimal::FromParts(mantissa, -power);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool ReadDigits(std::string_view s, std::size_t& pos, std::size_t n, unsigned& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (!IsDigit(c)) return false;
    out = out * 10 + static_cast<unsigned>(c - '0');
  }
  pos += n;
  return true;
}

bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned DaysInMonth(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return (m == 2 && IsLeap(y)) ? 29 : kDays[m - 1];
}

bool ParseDatePart(std::string_view s, std::size_t& pos, DateTimeValue& dt) {
  bool negative = pos < s.size() && s[pos] == '-';
  if (negative) ++pos;
  std::size_t start = pos;
  while (pos < s.size() && IsDigit(s[pos])) ++pos;
  std::size_t n = pos - start;
  if (n < 4 || n > 12 || (n > 4 && s[start] == '0')) return false;
  std::int64_t year = std::atoll(std::string(s.substr(start, n)).c_str());
  if (year == 0) return false;  // XSD 1.0 has no year 0
  dt.year = negative ? -year : year;
  if (pos >= s.size() || s[pos++] != '-') return false;
  if (!ReadDigits(s, pos, 2, dt.month) || pos >= s.size() || s[pos++] != '-') return false;
  if (!ReadDigits(s, pos, 2, dt.day)) return false;
  // Proleptic calendar with XSD 1.0 year numbering (no year 0): leap years are astronomical+1.
  std::int64_t astro = dt.year < 0 ? dt.year + 1 : dt.year;
  return dt.month >= 1 && dt.month <= 12 && dt.day >= 1 && dt.day <= DaysInMonth(astro, dt.month);
}

bool ParseTimePart(std::string_view s, std::size_t& pos, DateTimeValue& dt) {
  unsigned sec;
  if (!ReadDigits(s, pos, 2, dt.hour) || pos >= s.size() || s[pos++] != ':') return false;
  if (!ReadDigits(s, pos, 2, dt.minute) || pos >= s.size() || s[pos++] != ':') return false;
  if (!ReadDigits(s, pos, 2, sec)) return false;
  std::size_t frac_start = pos;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t digits_start = pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos;
    if (pos == digits_start) return false;
  }
  auto second = Decimal::Parse(std::string(s.substr(frac_start - 2, pos - frac_start + 2)));
  if (!second) return false;
  dt.second = *second;
  if (dt.minute > 59 || sec > 59) return false;
  if (dt.hour == 24) return dt.minute == 0 && dt.second.is_zero();
  return dt.hour < 24;
}

bool ParseTimezonePart(std::string_view s, std::size_t pos, DateTimeValue& dt) {
  if (pos == s.size()) return true;
  if (s.substr(pos) == "Z") {
    dt.tz_minutes = 0;
    return true;
  }
  if (s.size() - pos != 6 || (s[pos] != '+' && s[pos] != '-') || s[pos + 3] != ':') return false;
  int sign = s[pos] == '-' ? -1 : 1;
  unsigned hh, mm;
  std::size_t p = pos + 1;
  if (!ReadDigits(s, p, 2, hh)) return false;
  ++p;
  if (!ReadDigits(s, p, 2, mm)) return false;
  if (mm > 59 || hh > 14 || (hh == 14 && mm != 0)) return false;
  dt.tz_minutes = sign * static_cast<int>(hh * 60 + mm);
  return true;
}

// 24:00:00 is the first instant of the next day.
void NormalizeEndOfDay(DateTimeValue& dt) {
  if (dt.hour != 24) return;
  dt.hour = 0;
  std::int64_t astro = dt.year < 0 ? dt.year + 1 : dt.year;
  std::int64_t days = DaysFromCivil(astro, dt.month, dt.day) + 1;
  CivilFromDays(days, astro, dt.month, dt.day);
  dt.year = astro <= 0 ? astro - 1 : astro;
}

std::string Pad(std::int64_t v, int width) {
  std::string s = std::to_string(v < 0 ? -v : v);
  if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
  return v < 0 ? "-" + s : s;
}

std::string FormatTimeOfDay(const DateTimeValue& dt) {
  std::string out = Pad(dt.hour, 2) + ":" + Pad(dt.minute, 2) + ":";
  std::string sec = dt.second.ToString();  // "5.0", "13.815"
  auto dot = sec.find('.');
  out += Pad(std::atoi(sec.substr(0, dot).c_str()), 2);
  if (sec.substr(dot) != ".0") out += sec.substr(dot);
  return out;
}

std::string FormatDate(const DateTimeValue& dt) {
  return Pad(dt.year, 4) + "-" + Pad(dt.month, 2) + "-" + Pad(dt.day, 2);
}

bool IntegerTypeAccepts(std::string_view datatype, Int128 v) {
  namespace xsd = vocab::xsd;
  if (datatype == xsd::kInteger) return true;
  if (datatype == xsd::kLong) return v >= INT64_MIN && v <= INT64_MAX;
  if (datatype == xsd::kInt) return v >= INT32_MIN && v <= INT32_MAX;
  if (datatype == xsd::kShort) return v >= INT16_MIN && v <= INT16_MAX;
  if (datatype == xsd::kByte) return v >= INT8_MIN && v <= INT8_MAX;
  if (datatype == xsd::kNonNegativeInteger) return v >= 0;
  if (datatype == xsd::kPositiveInteger) return v >= 1;
  if (datatype == xsd::kNonPositiveInteger) return v <= 0;
  if (datatype == xsd::kNegativeInteger) return v <= -1;
  if (datatype == xsd::kUnsignedLong) return v >= 0 && v <= static_cast<Int128>(UINT64_MAX);
  if (datatype == xsd::kUnsignedInt) return v >= 0 && v <= UINT32_MAX;
  if (datatype == xsd::kUnsignedShort) return v >= 0 && v <= UINT16_MAX;
  if (datatype == xsd::kUnsignedByte) return v >= 0 && v <= UINT8_MAX;
  return false;
}

bool IsIntegerType(std::string_view datatype) {
  return IntegerTypeAccepts(datatype, 0) || datatype == vocab::xsd::kPositiveInteger ||
         datatype == vocab::xsd::kNegativeInteger;
}

}  // namespace

std::optional<Decimal> DateTimeValue::Timeline() const {
  std::int64_t astro = year < 0 ? year + 1 : year;
  Int128 days = DaysFromCivil(astro, month, day);
  Int128 whole = ((days * 24 + hour) * 60 + minute - tz_minutes.value_or(0)) * 60;
  return Decimal::FromInteger(whole).Add(second);
}

std::optional<Int128> ParseXsdInteger(std::string_view s) { return ParseInt128(s); }

std::optional<double> ParseXsdDouble(std::string_view s) {
  if (s == "INF" || s == "+INF") return std::numeric_limits<double>::infinity();
  if (s == "-INF") return -std::numeric_limits<double>::infinity();
  if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  std::size_t pos = 0;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) ++pos;
  std::size_t digits = 0;
  while (pos < s.size() && IsDigit(s[pos])) ++pos, ++digits;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
    ++pos;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) ++pos;
    std::size_t exp_start = pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos;
    if (pos == exp_start) return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  return std::strtod(std::string(s).c_str(), nullptr);
}

std::optional<DateTimeValue> ParseXsdDateTime(std::string_view s) {
  DateTimeValue dt;
  std::size_t pos = 0;
  if (!ParseDatePart(s, pos, dt) || pos >= s.size() || s[pos++] != 'T') return std::nullopt;
  if (!ParseTimePart(s, pos, dt) || !ParseTimezonePart(s, pos, dt)) return std::nullopt;
  NormalizeEndOfDay(dt);
  return dt;
}

std::optional<DateTimeValue> ParseXsdDate(std::string_view s) {
  DateTimeValue dt;
  std::size_t pos = 0;
  if (!ParseDatePart(s, pos, dt) || !ParseTimezonePart(s, pos, dt)) return std::nullopt;
  return dt;
}

std::optional<DateTimeValue> ParseXsdTime(std::string_view s) {
  DateTimeValue dt;
  dt.year = 1972, dt.month = 12, dt.day = 31;  // XSD's reference date for times
  std::size_t pos = 0;
  if (!ParseTimePart(s, pos, dt) || !ParseTimezonePart(s, pos, dt)) return std::nullopt;
  if (dt.hour == 24) dt.hour = 0;
  return dt;
}

std::string FormatTimezone(int tz) {
  if (tz == 0) return "Z";
  int a = tz < 0 ? -tz : tz;
  return std::string(tz < 0 ? "-" : "+") + Pad(a / 60, 2) + ":" + Pad(a % 60, 2);
}

std::string FormatDateTime(const DateTimeValue& dt) {
  std::string out = FormatDate(dt) + "T" + FormatTimeOfDay(dt);
  if (dt.tz_minutes) out += FormatTimezone(*dt.tz_minutes);
  return out;
}

Value ValueFromTerm(const Term& term) {
  namespace xsd = vocab::xsd;
  Value v;
  switch (term.kind) {
    case TermKind::kIri: v.kind = ValueKind::kIri; v.text = term.value; return v;
    case TermKind::kBlankNode: v.kind = ValueKind::kBlank; v.text = term.value; return v;
    case TermKind::kDefaultGraph: v.kind = ValueKind::kOther; return v;
    case TermKind::kLiteral: break;
  }
  v.text = term.value;
  const std::string& dt = term.datatype;
  if (!term.language.empty()) {
    v.kind = ValueKind::kLangString;
    v.language = term.language;
    return v;
  }
  v.kind = ValueKind::kOther;
  if (dt.empty() || dt == xsd::kString) {
    v.kind = ValueKind::kString;
  } else if (dt == xsd::kBoolean) {
    if (v.text == "true" || v.text == "1") v.kind = ValueKind::kBoolean, v.boolean = true;
    else if (v.text == "false" || v.text == "0") v.kind = ValueKind::kBoolean, v.boolean = false;
  } else if (dt == xsd::kDecimal) {
    if (auto d = Decimal::Parse(v.text)) v.kind = ValueKind::kDecimal, v.decimal = *d;
  } else if (dt == xsd::kDouble) {
    if (auto d = ParseXsdDouble(v.text)) v.kind = ValueKind::kDouble, v.floating = *d;
  } else if (dt == xsd::kFloat) {
    if (auto d = ParseXsdDouble(v.text)) v.kind = ValueKind::kFloat, v.floating = static_cast<float>(*d);
  } else if (dt == xsd::kDateTime) {
    if (auto d = ParseXsdDateTime(v.text)) v.kind = ValueKind::kDateTime, v.datetime = *d;
  } else if (dt == xsd::kDate) {
    if (auto d = ParseXsdDate(v.text)) v.kind = ValueKind::kDate, v.datetime = *d;
  } else if (dt == "http://www.w3.org/2001/XMLSchema#time") {
    if (auto d = ParseXsdTime(v.text)) v.kind = ValueKind::kTime, v.datetime = *d;
  } else if (IsIntegerType(dt)) {
    if (auto i = ParseXsdInteger(v.text); i && IntegerTypeAccepts(dt, *i)) {
      v.kind = ValueKind::kInteger;
      v.integer = *i;
      if (dt != xsd::kInteger) v.datatype = dt;
    }
  }
  if (v.kind == ValueKind::kOther) v.datatype = dt;
  return v;
}

Result<Value> DecodeValue(TermId id, QueryContext& context) {
  Value v;
  v.id = id;
  std::uint64_t p = id.payload();
  switch (id.tag()) {
    case TermTag::kBoolean: v.kind = ValueKind::kBoolean; v.boolean = p != 0; return v;
    case TermTag::kDouble: v.kind = ValueKind::kDouble; v.floating = DecodeInlineDouble(p); return v;
    case TermTag::kFloat: v.kind = ValueKind::kFloat; v.floating = DecodeInlineFloat(p); return v;
    case TermTag::kDecimal: v.kind = ValueKind::kDecimal; v.decimal = DecodeInlineDecimal(p); return v;
    case TermTag::kString: v.kind = ValueKind::kString; AppendInlineLexical(id, v.text); return v;
    case TermTag::kDateTime:
    case TermTag::kDate: {
      std::string lexical;
      AppendInlineLexical(id, lexical);
      auto dt = id.tag() == TermTag::kDate ? ParseXsdDate(lexical) : ParseXsdDateTime(lexical);
      if (!dt) return Status::Corruption("bad inline date");
      v.kind = id.tag() == TermTag::kDate ? ValueKind::kDate : ValueKind::kDateTime;
      v.datetime = *dt;
      return v;
    }
    default: break;
  }
  if (id.tag() >= TermTag::kInteger && id.tag() <= TermTag::kLastTag) {
    v.kind = ValueKind::kInteger;
    v.integer = static_cast<std::int64_t>(p) - kIntegerBias;
    if (id.tag() != TermTag::kInteger) v.datatype = InlineDatatype(id.tag());
    return v;
  }
  if (id.is_blank()) {  // blank nodes compare by id; their labels are never needed here
    v.kind = ValueKind::kBlank;
    return v;
  }
  auto term = context.Decode(id);
  if (!term.ok()) return term.status();
  Value out = ValueFromTerm(*term);
  out.id = id;
  return out;
}

std::string LexicalForm(const Value& v) {
  // A literal decoded from the dictionary keeps its lexical form exactly ("01"^^xsd:integer).
  if (v.kind >= ValueKind::kBoolean && v.kind <= ValueKind::kTime && !v.text.empty()) return v.text;
  switch (v.kind) {
    case ValueKind::kBoolean: return v.boolean ? "true" : "false";
    case ValueKind::kInteger: return Int128ToString(v.integer);
    case ValueKind::kDecimal: return v.decimal.ToString();
    case ValueKind::kDouble: return CanonicalDouble(v.floating);
    case ValueKind::kFloat: return CanonicalFloat(static_cast<float>(v.floating));
    case ValueKind::kDateTime: return FormatDateTime(v.datetime);
    case ValueKind::kDate: {
      std::string out = FormatDate(v.datetime);
      if (v.datetime.tz_minutes) out += FormatTimezone(*v.datetime.tz_minutes);
      return out;
    }
    case ValueKind::kTime: {
      std::string out = FormatTimeOfDay(v.datetime);
      if (v.datetime.tz_minutes) out += FormatTimezone(*v.datetime.tz_minutes);
      return out;
    }
    default: return v.text;
  }
}

std::string DatatypeOf(const Value& v) {
  namespace xsd = vocab::xsd;
  switch (v.kind) {
    case ValueKind::kString: return std::string(xsd::kString);
    case ValueKind::kLangString: return std::string(vocab::rdf::kLangString);
    case ValueKind::kBoolean: return std::string(xsd::kBoolean);
    case ValueKind::kInteger: return v.datatype.empty() ? std::string(xsd::kInteger) : v.datatype;
    case ValueKind::kDecimal: return std::string(xsd::kDecimal);
    case ValueKind::kFloat: return std::string(xsd::kFloat);
    case ValueKind::kDouble: return std::string(xsd::kDouble);
    case ValueKind::kDateTime: return std::string(xsd::kDateTime);
    case ValueKind::kDate: return std::string(xsd::kDate);
    case ValueKind::kTime: return "http://www.w3.org/2001/XMLSchema#time";
    case ValueKind::kDayTimeDuration: return "http://www.w3.org/2001/XMLSchema#dayTimeDuration";
    default: return v.datatype;
  }
}

Term ValueToTerm(const Value& v) {
  switch (v.kind) {
    case ValueKind::kIri: return Term::Iri(v.text);
    case ValueKind::kBlank: return Term::BlankNode(v.text);
    case ValueKind::kLangString: return Term::LangLiteral(v.text, v.language);
    default: return Term::Literal(LexicalForm(v), DatatypeOf(v));
  }
}

TermId EncodeValue(const Value& v, QueryContext& context) {
  if (!v.id.is_none()) return v.id;
  switch (v.kind) {
    case ValueKind::kBoolean: return TermId::Make(TermTag::kBoolean, v.boolean ? 1 : 0);
    case ValueKind::kInteger:
      if (v.datatype.empty() && v.integer >= -kIntegerBias && v.integer < kIntegerBias)
        return TermId::Make(TermTag::kInteger, static_cast<std::uint64_t>(static_cast<std::int64_t>(v.integer) + kIntegerBias));
      break;
    default: break;
  }
  return context.Intern(ValueToTerm(v));
}

}  // namespace cairn::sparql
