// The SPARQL 1.1 Query parser: query text -> the algebra of sparql/algebra.h (section 18.2's
// translation), with every static check the spec makes a syntax error.
//
// A hand-written tokenizer and recursive-descent parser (see README.md for why, and for where
// each grammar area lives). Nothing of the parser's internals is visible here.
#pragma once

#include <string_view>

#include "sparql/algebra.h"
#include "storage/status.h"

namespace cairn::sparql {

// Parses one SPARQL 1.1 query (section 19 grammar). `base_iri` resolves relative IRIs unless the
// query's BASE overrides it; with neither, a relative IRI is kept as written.
//
// Errors: Status::Syntax("line L, column C: expected ..., found ...") at the point the parser
// stopped (lines and columns count from 1, columns in code points), or a static-rule violation
// ("line L, column C: variable ?x is not grouped ...").
Result<Query> ParseQuery(std::string_view text, std::string_view base_iri = "");

}  // namespace cairn::sparql
