// SubjectStarCache: every triple of one subject (in one fixed graph), read with one index seek
// and kept while consecutive probes ask about the same subject. In a star join
// (?v0 p1 ?a . ?v0 p2 ?b . ?v0 p3 ?c ...) each pattern otherwise seeks the index once per row;
// the patterns of one star share one cache, so a subject costs one seek plus one step per
// triple (a RocksDB seek costs about six steps: callgrind, WatDiv S1).
//
// Whether that pays depends on how many triples the subjects have and how many patterns probe
// each of them, so the cache keeps score: a load costs one seek plus a sixth of a seek per
// triple read; each probe it answers saves a seek. From the second subject on, it gives up for
// good once it has cost more than it saved (probes then seek, or hash: BSBM's products have too
// many triples). Past kMaxTriples a subject is not cached.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "storage/quad_store.h"

namespace cairn::sparql {

class QueryContext;

class SubjectStarCache {
 public:
  using Pairs = std::vector<std::pair<TermId, TermId>>;  // (predicate, object)
  static constexpr std::size_t kMaxTriples = 16;

  explicit SubjectStarCache(GraphSelector graph) : graph_(graph) {}

  // The (predicate, object) pairs of `subject` in the graph, or nullptr when the caller should
  // seek the index itself (too many triples). REQUIRES: subject is a store id.
  Result<const Pairs*> Triples(TermId subject, QueryContext& context);
  bool enabled() const { return enabled_; }

 private:
  GraphSelector graph_;
  std::unique_ptr<QuadCursor> cursor_;
  TermId subject_;
  bool loaded_ = false, too_many_ = false, enabled_ = true;
  std::uint64_t loads_ = 0;
  double cost_ = 0, saved_ = 0;  // in seeks
  Pairs pairs_;
};

}  // namespace cairn::sparql
