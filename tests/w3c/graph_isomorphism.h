// Blank-node isomorphism of RDF datasets, for comparing a parser's output with a test suite's
// expected result.
//
// Two datasets are isomorphic when some one-to-one renaming of blank nodes (across all graphs
// at once, graph names included) makes their quad sets equal. Quads are compared as sets, so
// duplicates don't count. Literals compare by lexical form, datatype and language tag, the tag
// case-insensitively ("en-US" = "en-us"); nothing else is normalised ("01"^^xsd:integer is not 1).
//
// Algorithm: ground quads (no blank nodes) are compared directly. Blank nodes are then coloured
// by hash-based colour refinement (1-dimensional Weisfeiler-Leman: a node's colour absorbs the
// colours of its quads' other terms until the partition stops splitting), and the connected
// components of the blank part are paired up by their colour multisets. Within a pair, a
// discrete partition gives the only candidate mapping; ties are broken by individualising one
// node on each side and refining again, backtracking when the colour histograms diverge or a
// complete mapping fails to verify. Every mapping is verified against the quads, so hash
// collisions cost time, never correctness.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "storage/term.h"

namespace cairn::w3c {

struct IsomorphismOptions {
  // Backtracking budget (individualise-and-refine steps). Highly symmetric non-isomorphic
  // inputs are exponential in the worst case; past this the comparison fails with "gave up".
  std::uint64_t max_steps = 100000;
  // Quads listed per side in the difference report.
  std::size_t max_diff_lines = 10;
};

// True if `expected` and `actual` are isomorphic. Otherwise, if `diff` is given, it receives a
// short human-readable explanation: the quads only one side has (N-Quads syntax, "-" expected,
// "+" actual), or why no blank-node mapping fits.
bool IsomorphicDatasets(std::span<const Quad> expected, std::span<const Quad> actual, std::string* diff = nullptr,
                        const IsomorphismOptions& options = {});

// N-Quads form of a quad, without the trailing newline: `<s> <p> "o" <g> .`
std::string QuadToString(const Quad& quad);

}  // namespace cairn::w3c
