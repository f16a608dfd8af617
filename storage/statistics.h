// Store statistics, kept exact on every commit and bulk load: triples per graph and, per
// (graph, predicate), triples and distinct subjects and objects. The optimizer estimates pattern
// cardinalities from them; VoID publishes them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "storage/term_id.h"

namespace cairn {

struct PredicateStats {
  std::uint64_t triples = 0;
  std::uint64_t distinct_subjects = 0;
  std::uint64_t distinct_objects = 0;
};

struct Statistics {
  // Graph TermId::None() is the default graph. A named graph may be present with 0 triples.
  std::map<TermId, std::uint64_t> graph_triples;
  std::map<std::pair<TermId, TermId>, PredicateStats> predicates;  // (graph, predicate)

  std::uint64_t total_triples() const;
  std::size_t named_graph_count() const;
  // Predicates over all graphs, summed (distinct counts become upper bounds).
  std::map<TermId, PredicateStats> PredicatesAllGraphs() const;

  // Persistence in the "stats" column family (keys 'G' graph / 'P' graph predicate, 8-byte
  // big-endian ids; values fixed-width big-endian counts).
  static std::string GraphKey(TermId graph);
  static std::string PredicateKey(TermId graph, TermId predicate);
  static std::string EncodeCount(std::uint64_t triples);
  static std::string EncodePredicate(const PredicateStats& s);
  // Applies one stored entry; false if it is malformed.
  bool LoadEntry(std::string_view key, std::string_view value);
};

}  // namespace cairn
