// Value: a term decoded into what SPARQL functions operate on (section 17's operand types).
// DecodeValue turns a TermId into a Value (inline literals straight from the id's payload, with
// no store access); EncodeValue turns a computed Value back into a TermId in canonical form so
// that it inlines when it can. A literal whose lexical form is not valid for its (known)
// datatype, or whose datatype Cairn does not know, is kOther: it only takes part in
// RDFterm-equal and sameTerm.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sparql/eval/query_context.h"
#include "sparql/expression/decimal.h"
#include "storage/term.h"
#include "storage/term_id.h"

namespace cairn::sparql {

// A date/time/dateTime value with its timezone (XSD 1.0 seven-property model).
struct DateTimeValue {
  std::int64_t year = 1970;
  unsigned month = 1, day = 1, hour = 0, minute = 0;
  Decimal second;                   // 0 <= second < 60, exact fraction
  std::optional<int> tz_minutes;    // offset from UTC; nullopt: no timezone

  // Seconds since 1970-01-01T00:00:00 on the UTC timeline (a local time taken as UTC).
  std::optional<Decimal> Timeline() const;
};

enum class ValueKind : std::uint8_t {
  kIri, kBlank,
  kString,       // simple literal / xsd:string
  kLangString,
  kBoolean,
  kInteger,      // xsd:integer and its derived types (datatype keeps which one)
  kDecimal, kFloat, kDouble,
  kDateTime, kDate, kTime,
  kDayTimeDuration,  // only as TIMEZONE's result; `text` holds the lexical form
  kOther,        // unknown datatype or ill-typed literal
};

struct Value {
  ValueKind kind = ValueKind::kString;
  TermId id;             // the term's id when known (decoded or already encoded), else None
  bool boolean = false;
  Int128 integer = 0;
  Decimal decimal;
  double floating = 0;   // kFloat (as float precision) and kDouble
  DateTimeValue datetime;
  std::string text;      // string lexical form, IRI, blank label, kOther / duration lexical form
  std::string language;  // kLangString
  std::string datatype;  // kOther; kInteger derived types (empty: xsd:integer)

  bool is_numeric() const { return kind >= ValueKind::kInteger && kind <= ValueKind::kDouble; }
  bool is_literal() const { return kind >= ValueKind::kString; }
  // Simple literal or xsd:string, or a language-tagged string (the STRSTARTS family's inputs).
  bool is_string_like() const { return kind == ValueKind::kString || kind == ValueKind::kLangString; }

  static Value String(std::string s) { Value v; v.kind = ValueKind::kString; v.text = std::move(s); return v; }
  static Value LangString(std::string s, std::string lang) {
    Value v; v.kind = ValueKind::kLangString; v.text = std::move(s); v.language = std::move(lang); return v;
  }
  static Value Boolean(bool b) { Value v; v.kind = ValueKind::kBoolean; v.boolean = b; return v; }
  static Value Integer(Int128 i) { Value v; v.kind = ValueKind::kInteger; v.integer = i; return v; }
  static Value DecimalValue(Decimal d) { Value v; v.kind = ValueKind::kDecimal; v.decimal = d; return v; }
  static Value Double(double d) { Value v; v.kind = ValueKind::kDouble; v.floating = d; return v; }
  static Value Float(float f) { Value v; v.kind = ValueKind::kFloat; v.floating = f; return v; }
  static Value Iri(std::string iri) { Value v; v.kind = ValueKind::kIri; v.text = std::move(iri); return v; }
};

// Decodes a bound TermId (REQUIRES !id.is_none()). Errors only when the store fails.
Result<Value> DecodeValue(TermId id, QueryContext& context);
// A Value from a term (the id is left None).
Value ValueFromTerm(const Term& term);
// The TermId of a value, canonical lexical forms for computed numbers and booleans.
TermId EncodeValue(const Value& value, QueryContext& context);
// The term a value stands for (canonical lexical forms for computed values).
Term ValueToTerm(const Value& value);
// The lexical form (STR() of a literal); IRIs give the IRI.
std::string LexicalForm(const Value& value);
// The datatype IRI of a literal value (rdf:langString for language-tagged strings).
std::string DatatypeOf(const Value& value);

// Lexical-form parsers (exact XSD lexical spaces; no whitespace).
std::optional<Int128> ParseXsdInteger(std::string_view s);
std::optional<double> ParseXsdDouble(std::string_view s);
std::optional<DateTimeValue> ParseXsdDateTime(std::string_view s);
std::optional<DateTimeValue> ParseXsdDate(std::string_view s);
std::optional<DateTimeValue> ParseXsdTime(std::string_view s);
// Canonical forms.
std::string FormatDateTime(const DateTimeValue& dt);
std::string FormatTimezone(int tz_minutes);  // "Z", "-05:00"

}  // namespace cairn::sparql
