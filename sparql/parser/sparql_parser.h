// The SPARQL 1.1 Query and Update parser: query text -> the algebra of sparql/algebra.h (section
// 18.2's translation), update text -> sparql/update.h, with every static check the spec makes a
// syntax error.
//
// A hand-written tokenizer and recursive-descent parser (see README.md for why, and for where
// each grammar area lives). Nothing of the parser's internals is visible here.
#pragma once

#include <string_view>

#include "sparql/algebra.h"
#include "sparql/update.h"
#include "storage/status.h"

namespace cairn::sparql {

// Parses one SPARQL 1.1 query (section 19 grammar). `base_iri` resolves relative IRIs unless the
// query's BASE overrides it; with neither, a relative IRI is kept as written.
//
// Errors: Status::Syntax("line L, column C: expected ..., found ...") at the point the parser
// stopped (lines and columns count from 1, columns in code points), or a static-rule violation
// ("line L, column C: variable ?x is not grouped ...").
Result<Query> ParseQuery(std::string_view text, std::string_view base_iri = "");

// Parses one SPARQL 1.1 update request (rules [29]-[52]): operations separated by ';' (a trailing
// ';' allowed), BASE/PREFIX allowed before each; PREFIX/BASE declarations carry over to the
// following operations. An empty request (or one with only a prologue) has no operations.
// Errors as ParseQuery's, plus the update static checks: variables or GRAPH ?g in INSERT DATA /
// DELETE DATA, blank nodes in DELETE DATA / DELETE WHERE / DELETE templates, a blank-node label
// used by two INSERT DATA operations ("line L, column C: blank node label '_:b' is already used by
// INSERT DATA operation 1 of this request").
Result<Update> ParseUpdate(std::string_view text, std::string_view base_iri = "");

}  // namespace cairn::sparql
