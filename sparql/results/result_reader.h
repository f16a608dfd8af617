// Reading SPARQL result documents (client side, tests, SERVICE): the whole document in, a
// SolutionSet out.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sparql/results/result_format.h"
#include "storage/status.h"
#include "storage/term.h"

namespace cairn::sparql {

// A SELECT result (variables and rows) or an ASK result (boolean set, no variables or rows).
struct SolutionSet {
  std::vector<std::string> variables;                  // without '?'
  std::vector<std::vector<std::optional<Term>>> rows;  // each parallel to variables
  std::optional<bool> boolean;
  friend bool operator==(const SolutionSet&, const SolutionSet&) = default;
};

// Parses a complete result document. Errors are Status::Syntax with a message saying what and,
// for text formats, where (line L) it went wrong.
//  - JSON: also accepts the SPARQL 1.0-era "typed-literal" type. Bindings of variables missing
//    from head.vars are an error.
//  - XML: any DOCTYPE (hence any entity declaration) is rejected, so entity-expansion bombs and
//    external entities cannot occur. Elements may be in the SRX namespace or in none.
//  - TSV: terms in N-Triples/Turtle syntax, also bare numbers (integer, decimal, double) and
//    true/false, and 'single-quoted' strings. CRLF line ends are accepted.
//  - CSV: best effort, since CSV is lossy: an empty field is unbound, "_:x" a blank node, a
//    field that looks like an absolute IRI (scheme ":" and no spaces) an IRI, anything else an
//    xsd:string literal.
// For CSV and TSV, a single column named _askResult with one row true/false reads as an ASK
// result (see WriteBooleanResult).
Result<SolutionSet> ReadResults(std::string_view text, ResultFormat format);

}  // namespace cairn::sparql
