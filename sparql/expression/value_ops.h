// The operators of section 17.3 on decoded values: equality and ordering with XPath's numeric
// promotion and the dateTime partial order, arithmetic, effective boolean value and the
// XPath constructor casts of 17.5. nullopt always means a SPARQL error.
#pragma once

#include <optional>

#include "sparql/algebra.h"
#include "sparql/expression/value.h"

namespace cairn::sparql {

enum class Ordering { kLess, kEqual, kGreater, kUnordered };  // kUnordered: NaN involved

// `=` (17.3: numeric, string, boolean and dateTime equality, else RDFterm-equal).
std::optional<bool> ValueEquals(const Value& a, const Value& b);
// `<` and friends: numerics, simple literals/xsd:string, booleans, dateTimes, dates, times.
std::optional<Ordering> ValueCompare(const Value& a, const Value& b);
// op is kAdd, kSubtract, kMultiply or kDivide.
std::optional<Value> Arithmetic(Builtin op, const Value& a, const Value& b);
std::optional<Value> Negate(const Value& a);
// 17.2.2.
std::optional<bool> EffectiveBooleanValue(const Value& v);
// op is one of kCastBoolean..kCastDateTime.
std::optional<Value> Cast(Builtin op, const Value& v);
// The XSD cast for a function IRI (xsd:integer etc.), or nullopt if it is not one.
std::optional<Builtin> CastForFunctionIri(std::string_view iri);

}  // namespace cairn::sparql
