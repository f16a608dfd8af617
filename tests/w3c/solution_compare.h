// Comparing SPARQL solution sequences the way the W3C suites require: as multisets (or as
// lists under a top-level ORDER BY, where rows tying on the sort keys may still be permuted),
// with one blank-node bijection across the whole result, variables matched by name, literals
// by lexical form + datatype + language (tags case-insensitively).
#pragma once

#include <string>
#include <vector>

#include "sparql/results/result_reader.h"

namespace cairn::w3c {

// True if `actual` matches `expected`. `ordered`: compare row order too, except that
// consecutive rows equal on all `order_variables` (a tie under ORDER BY) may come in any order;
// with an empty `order_variables` (keys that are expressions) the order is compared strictly.
// On mismatch `diff` explains.
bool SameSolutions(const sparql::SolutionSet& expected, const sparql::SolutionSet& actual, bool ordered,
                   const std::vector<std::string>& order_variables, std::string* diff);

}  // namespace cairn::w3c
