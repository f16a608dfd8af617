// Inline literals: the values that live in a TermId instead of the dictionary.
//
// Only canonical lexical forms are inlined, so that decoding gives back exactly what was loaded;
// "01"^^xsd:integer, "1.50"^^xsd:decimal or "+1"^^xsd:int go to the dictionary untouched.
// Payload encodings (56 bits, unsigned order = value order within a tag):
//   integers  value + 2^55 (offset binary), for -2^55 <= value < 2^55, within the type's range
//   boolean   0 / 1
//   decimal   2-bit class (0 negative, 1 zero, 2 positive), 7-bit biased decimal exponent and a
//             47-bit mantissa of 14 significant digits; negatives have exponent and mantissa
//             inverted. Holds up to 14 significant digits and exponents -63..63.
//   double    IEEE bits made order-preserving (flip all bits if negative, else the sign bit),
//             shifted right 8: only values whose low 8 bits are zero are inlined
//   float     the same transform on 32 bits
//   dateTime  (UTC milliseconds since 1970 + 2^48) << 7 | timezone code; years 1..9999, at most
//             3 fraction digits. Timezone code 0 = none, else offset/15min + 57 (so 'Z' is 57).
//             A dateTime without timezone is ordered as if it were UTC.
//   date      (days since 1970 of the local date + 2^40) << 7 | timezone code
//   string    xsd:string of at most 7 UTF-8 bytes without NUL, left-aligned big-endian bytes
// Canonical forms follow XSD 1.0 (decimals always have a '.', doubles look like 1.5E2).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/term.h"
#include "storage/term_id.h"

namespace cairn {

// The inline TermId of a literal, or nullopt if it must go to the dictionary.
std::optional<TermId> EncodeInlineLiteral(std::string_view lexical, std::string_view datatype,
                                          std::string_view language);
inline std::optional<TermId> EncodeInlineLiteral(const Term& literal) {
  return EncodeInlineLiteral(literal.value, literal.datatype, literal.language);
}

// REQUIRES: id.is_inline(). The exact lexical form that was encoded.
void AppendInlineLexical(TermId id, std::string& out);
// REQUIRES: id.is_inline(). The datatype IRI of the tag.
std::string_view InlineDatatype(TermTag tag);
// REQUIRES: id.is_inline().
Term DecodeInlineLiteral(TermId id);

// The tag for an inline-capable datatype IRI, or kNone.
TermTag InlineTagForDatatype(std::string_view datatype);

// Canonical lexical forms, shared with the SPARQL functions that produce values.
std::string CanonicalDouble(double value);
std::string CanonicalFloat(float value);

// Proleptic Gregorian calendar helpers (Howard Hinnant's algorithms).
std::int64_t DaysFromCivil(std::int64_t year, unsigned month, unsigned day);
void CivilFromDays(std::int64_t days, std::int64_t& year, unsigned& month, unsigned& day);

}  // namespace cairn
