#include "sparql/expression/value_ops.h"

#include <charconv>
#include <cmath>

#include "storage/inline_literal.h"

#include "vocab/vocab.h"

namespace cairn::sparql {
namespace {

int NumericRank(ValueKind k) {
  switch (k) {
    case ValueKind::kInteger: return 0;
    case ValueKind::kDecimal: return 1;
    case ValueKind::kFloat: return 2;
    default: return 3;
  }
}

double AsDouble(const Value& v) {
  switch (v.kind) {
    case ValueKind::kInteger: return static_cast<double>(v.integer);
    case ValueKind::kDecimal: return v.decimal.ToDouble();
    default: return v.floating;
  }
}

Decimal AsDecimal(const Value& v) {
  return v.kind == ValueKind::kInteger ? Decimal::FromInteger(v.integer) : v.decimal;
}

template <typename T>
Ordering OrderOf(const T& a, const T& b) {
  return a < b ? Ordering::kLess : b < a ? Ordering::kGreater : Ordering::kEqual;
}

Ordering CompareNumeric(const Value& a, const Value& b) {
  int rank = std::max(NumericRank(a.kind), NumericRank(b.kind));
  if (rank == 0) return OrderOf(a.integer, b.integer);
  if (rank == 1) {
    int c = AsDecimal(a).Compare(AsDecimal(b));
    return c < 0 ? Ordering::kLess : c > 0 ? Ordering::kGreater : Ordering::kEqual;
  }
  double x = AsDouble(a), y = AsDouble(b);
  if (rank == 2) x = static_cast<float>(x), y = static_cast<float>(y);
  if (std::isnan(x) || std::isnan(y)) return Ordering::kUnordered;
  return OrderOf(x, y);
}

// XSD 1.0 order on date/time values: a value without timezone is compared as the range of
// instants it could be (+14:00..-14:00); overlapping ranges are indeterminate (an error).
std::optional<Ordering> CompareDateTimes(const DateTimeValue& a, const DateTimeValue& b) {
  auto ta = a.Timeline(), tb = b.Timeline();
  if (!ta || !tb) return std::nullopt;
  auto order = [](const Decimal& x, const Decimal& y) {
    int c = x.Compare(y);
    return c < 0 ? Ordering::kLess : c > 0 ? Ordering::kGreater : Ordering::kEqual;
  };
  if (a.tz_minutes.has_value() == b.tz_minutes.has_value()) return order(*ta, *tb);
  const Decimal fourteen_hours = Decimal::FromInteger(14 * 3600);
  bool a_local = !a.tz_minutes;
  const Decimal& local = a_local ? *ta : *tb;
  const Decimal& fixed = a_local ? *tb : *ta;
  auto earliest = local.Subtract(fourteen_hours), latest = local.Add(fourteen_hours);
  if (!earliest || !latest) return std::nullopt;
  std::optional<Ordering> local_vs_fixed;
  if (order(*latest, fixed) == Ordering::kLess) local_vs_fixed = Ordering::kLess;
  else if (order(*earliest, fixed) == Ordering::kGreater) local_vs_fixed = Ordering::kGreater;
  else return std::nullopt;
  if (a_local) return local_vs_fixed;
  return *local_vs_fixed == Ordering::kLess ? Ordering::kGreater : Ordering::kLess;
}

bool LanguageEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool IsDateKind(ValueKind k) { return k == ValueKind::kDateTime || k == ValueKind::kDate || k == ValueKind::kTime; }

std::string_view TrimXsdWhitespace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// XPath F&O 3.1 19.1.2 "casting to xs:string": the canonical form of the value, not the
// literal's lexical form. Integers and integral decimals without a decimal point ("01" and
// 1.0 give "1"); floats and doubles in [1e-6, 1e6) as decimals ("1E0" gives "1", 1.25 gives
// "1.25"), zero as "0"/"-0", others in canonical scientific form ("1.0E6"); date/time values in
// canonical form with their timezone. cast#cast-string expects exactly these.
std::string XPathString(const Value& v) {
  switch (v.kind) {
    case ValueKind::kBoolean: return v.boolean ? "true" : "false";
    case ValueKind::kInteger: return Int128ToString(v.integer);
    case ValueKind::kDecimal: {
      std::string out = v.decimal.ToString();
      if (out.size() > 2 && out.compare(out.size() - 2, 2, ".0") == 0) out.resize(out.size() - 2);
      return out;
    }
    case ValueKind::kFloat:
    case ValueKind::kDouble: {
      double d = v.floating;
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d > 0 ? "INF" : "-INF";
      if (d == 0) return std::signbit(d) ? "-0" : "0";
      double magnitude = std::fabs(d);
      if (magnitude >= 1e-6 && magnitude < 1e6) {
        char buf[64];
        // Shortest round-trip digits in fixed notation (of the float for xsd:float: 0.1f is
        // "0.1", not its binary expansion).
        auto [end, ec] = v.kind == ValueKind::kFloat
                             ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(d), std::chars_format::fixed)
                             : std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
        if (ec == std::errc()) return std::string(buf, end);
      }
      return v.kind == ValueKind::kFloat ? CanonicalFloat(static_cast<float>(d)) : CanonicalDouble(d);
    }
    case ValueKind::kDateTime:
    case ValueKind::kDate:
    case ValueKind::kTime: {
      Value canonical = v;
      canonical.text.clear();  // LexicalForm formats the value instead of returning the text
      return LexicalForm(canonical);
    }
    default: return LexicalForm(v);  // strings, IRIs' text, durations, kOther
  }
}

}  // namespace

std::optional<bool> ValueEquals(const Value& a, const Value& b) {
  if (a.is_numeric() && b.is_numeric()) return CompareNumeric(a, b) == Ordering::kEqual;
  if (a.kind == ValueKind::kOther || b.kind == ValueKind::kOther || a.kind == ValueKind::kDayTimeDuration ||
      b.kind == ValueKind::kDayTimeDuration) {
    // RDFterm-equal: same term is true; two different literals are an error (unknown types
    // might still be equal in value); a literal and a non-literal are simply different.
    if (!a.is_literal() || !b.is_literal()) return false;
    if (!a.id.is_none() && a.id == b.id) return true;
    // A language-tagged string (rdf:langString) never equals a literal of another datatype,
    // known or not: open-world#open-eq-08 expects "xyz"@en != "xyz"^^:unknown to be true
    // (while "xyz" != "xyz"^^:unknown stays an error).
    if ((a.kind == ValueKind::kLangString) != (b.kind == ValueKind::kLangString)) return false;
    if (a.kind == b.kind && a.text == b.text && DatatypeOf(a) == DatatypeOf(b)) return true;
    return std::nullopt;
  }
  if (a.kind != b.kind) {
    if (IsDateKind(a.kind) && IsDateKind(b.kind)) return false;
    return false;  // different known kinds (string vs number, IRI vs literal, ...)
  }
  switch (a.kind) {
    case ValueKind::kIri: return a.text == b.text;
    case ValueKind::kBlank:
      if (!a.id.is_none() && !b.id.is_none()) return a.id == b.id;
      return a.text == b.text;
    case ValueKind::kString: return a.text == b.text;
    case ValueKind::kLangString: return a.text == b.text && LanguageEquals(a.language, b.language);
    case ValueKind::kBoolean: return a.boolean == b.boolean;
    case ValueKind::kDateTime:
    case ValueKind::kDate:
    case ValueKind::kTime: {
      auto o = CompareDateTimes(a.datetime, b.datetime);
      if (!o) return std::nullopt;
      return *o == Ordering::kEqual;
    }
    default: return std::nullopt;
  }
}

std::optional<Ordering> ValueCompare(const Value& a, const Value& b) {
  if (a.is_numeric() && b.is_numeric()) return CompareNumeric(a, b);
  if (a.kind != b.kind) return std::nullopt;
  switch (a.kind) {
    case ValueKind::kString: {
      int c = a.text.compare(b.text);  // UTF-8 byte order is code point order
      return c < 0 ? Ordering::kLess : c > 0 ? Ordering::kGreater : Ordering::kEqual;
    }
    case ValueKind::kBoolean: return OrderOf(a.boolean, b.boolean);
    case ValueKind::kDateTime:
    case ValueKind::kDate:
    case ValueKind::kTime: return CompareDateTimes(a.datetime, b.datetime);
    default: return std::nullopt;
  }
}

std::optional<Value> Arithmetic(Builtin op, const Value& a, const Value& b) {
  if (!a.is_numeric() || !b.is_numeric()) return std::nullopt;
  int rank = std::max(NumericRank(a.kind), NumericRank(b.kind));
  if (rank == 0 && op != Builtin::kDivide) {
    Int128 r;
    bool overflow = op == Builtin::kAdd        ? __builtin_add_overflow(a.integer, b.integer, &r)
                    : op == Builtin::kSubtract ? __builtin_sub_overflow(a.integer, b.integer, &r)
                                               : __builtin_mul_overflow(a.integer, b.integer, &r);
    // Beyond 128 bits Cairn has no exact integer: an error rather than a wrong number.
    if (overflow) return std::nullopt;
    return Value::Integer(r);
  }
  if (rank <= 1) {  // decimal arithmetic; integer division yields a decimal
    Decimal x = AsDecimal(a), y = AsDecimal(b);
    std::optional<Decimal> r;
    switch (op) {
      case Builtin::kAdd: r = x.Add(y); break;
      case Builtin::kSubtract: r = x.Subtract(y); break;
      case Builtin::kMultiply: r = x.Multiply(y); break;
      default: r = x.Divide(y); break;  // division by zero: error
    }
    if (!r) return std::nullopt;
    return Value::DecimalValue(*r);
  }
  double x = AsDouble(a), y = AsDouble(b), r;
  switch (op) {
    case Builtin::kAdd: r = x + y; break;
    case Builtin::kSubtract: r = x - y; break;
    case Builtin::kMultiply: r = x * y; break;
    default: r = x / y; break;  // IEEE: INF, -INF or NaN
  }
  if (rank == 2) {
    float fx = static_cast<float>(x), fy = static_cast<float>(y), fr;
    switch (op) {
      case Builtin::kAdd: fr = fx + fy; break;
      case Builtin::kSubtract: fr = fx - fy; break;
      case Builtin::kMultiply: fr = fx * fy; break;
      default: fr = fx / fy; break;
    }
    return Value::Float(fr);
  }
  return Value::Double(r);
}

std::optional<Value> Negate(const Value& a) {
  switch (a.kind) {
    case ValueKind::kInteger: {
      Int128 r;
      if (__builtin_sub_overflow(Int128{0}, a.integer, &r)) return std::nullopt;
      return Value::Integer(r);
    }
    case ValueKind::kDecimal: return Value::DecimalValue(a.decimal.Negate());
    case ValueKind::kFloat: return Value::Float(-static_cast<float>(a.floating));
    case ValueKind::kDouble: return Value::Double(-a.floating);
    default: return std::nullopt;
  }
}

std::optional<bool> EffectiveBooleanValue(const Value& v) {
  switch (v.kind) {
    case ValueKind::kBoolean: return v.boolean;
    case ValueKind::kString:
    case ValueKind::kLangString: return !v.text.empty();
    case ValueKind::kInteger: return v.integer != 0;
    case ValueKind::kDecimal: return !v.decimal.is_zero();
    case ValueKind::kFloat:
    case ValueKind::kDouble: return !(v.floating == 0 || std::isnan(v.floating));
    case ValueKind::kOther: {
      // An ill-typed boolean or numeric literal has EBV false (17.2.2).
      std::string_view dt = v.datatype;
      namespace xsd = vocab::xsd;
      if (dt == xsd::kBoolean || dt == xsd::kDecimal || dt == xsd::kDouble || dt == xsd::kFloat ||
          dt == xsd::kInteger || dt == xsd::kLong || dt == xsd::kInt || dt == xsd::kShort || dt == xsd::kByte ||
          dt == xsd::kNonNegativeInteger || dt == xsd::kPositiveInteger || dt == xsd::kNonPositiveInteger ||
          dt == xsd::kNegativeInteger || dt == xsd::kUnsignedLong || dt == xsd::kUnsignedInt ||
          dt == xsd::kUnsignedShort || dt == xsd::kUnsignedByte)
        return false;
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

std::optional<Value> Cast(Builtin op, const Value& v) {
  if (v.kind == ValueKind::kBlank) return std::nullopt;
  if (op == Builtin::kCastString) {
    if (v.kind == ValueKind::kIri) return Value::String(v.text);
    return Value::String(XPathString(v));
  }
  if (v.kind == ValueKind::kIri || v.kind == ValueKind::kLangString) return std::nullopt;
  std::string_view s = TrimXsdWhitespace(v.text);
  bool from_string = v.kind == ValueKind::kString;
  switch (op) {
    case Builtin::kCastBoolean:
      if (from_string) {
        if (s == "true" || s == "1") return Value::Boolean(true);
        if (s == "false" || s == "0") return Value::Boolean(false);
        return std::nullopt;
      }
      if (v.kind == ValueKind::kBoolean || v.is_numeric()) {
        auto b = EffectiveBooleanValue(v);
        if (!b) return std::nullopt;
        return Value::Boolean(*b);
      }
      return std::nullopt;
    case Builtin::kCastInteger:
      switch (v.kind) {
        case ValueKind::kString: {
          auto i = ParseXsdInteger(s);
          if (!i) return std::nullopt;
          return Value::Integer(*i);
        }
        case ValueKind::kBoolean: return Value::Integer(v.boolean ? 1 : 0);
        case ValueKind::kInteger: return Value::Integer(v.integer);
        case ValueKind::kDecimal: return Value::Integer(v.decimal.Truncated());
        case ValueKind::kFloat:
        case ValueKind::kDouble: {
          double t = std::trunc(v.floating);
          if (!std::isfinite(t) || std::fabs(t) >= 1.7e38) return std::nullopt;
          return Value::Integer(static_cast<Int128>(t));
        }
        default: return std::nullopt;
      }
    case Builtin::kCastDecimal:
      switch (v.kind) {
        case ValueKind::kString: {
          auto d = Decimal::Parse(s);
          if (!d) return std::nullopt;
          return Value::DecimalValue(*d);
        }
        case ValueKind::kBoolean: return Value::DecimalValue(Decimal::FromInteger(v.boolean ? 1 : 0));
        case ValueKind::kInteger: return Value::DecimalValue(Decimal::FromInteger(v.integer));
        case ValueKind::kDecimal: return Value::DecimalValue(v.decimal);
        case ValueKind::kFloat:
        case ValueKind::kDouble: {
          auto d = Decimal::FromDouble(v.floating);
          if (!d) return std::nullopt;
          return Value::DecimalValue(*d);
        }
        default: return std::nullopt;
      }
    case Builtin::kCastDouble:
    case Builtin::kCastFloat: {
      double d;
      if (from_string) {
        auto parsed = ParseXsdDouble(s);
        if (!parsed) return std::nullopt;
        d = *parsed;
      } else if (v.kind == ValueKind::kBoolean) {
        d = v.boolean ? 1 : 0;
      } else if (v.is_numeric()) {
        d = AsDouble(v);
      } else {
        return std::nullopt;
      }
      if (op == Builtin::kCastFloat) return Value::Float(static_cast<float>(d));
      return Value::Double(d);
    }
    case Builtin::kCastDateTime: {
      Value out;
      out.kind = ValueKind::kDateTime;
      if (from_string) {
        auto dt = ParseXsdDateTime(s);
        if (!dt) return std::nullopt;
        out.datetime = *dt;
      } else if (v.kind == ValueKind::kDateTime || v.kind == ValueKind::kDate) {
        out.datetime = v.datetime;
        if (v.kind == ValueKind::kDate) out.datetime.hour = out.datetime.minute = 0, out.datetime.second = Decimal();
      } else {
        return std::nullopt;
      }
      return out;
    }
    default: return std::nullopt;
  }
}

std::optional<Builtin> CastForFunctionIri(std::string_view iri) {
  namespace xsd = vocab::xsd;
  if (iri == xsd::kBoolean) return Builtin::kCastBoolean;
  if (iri == xsd::kInteger) return Builtin::kCastInteger;
  if (iri == xsd::kDecimal) return Builtin::kCastDecimal;
  if (iri == xsd::kDouble) return Builtin::kCastDouble;
  if (iri == xsd::kFloat) return Builtin::kCastFloat;
  if (iri == xsd::kString) return Builtin::kCastString;
  if (iri == xsd::kDateTime) return Builtin::kCastDateTime;
  return std::nullopt;
}

}  // namespace cairn::sparql
