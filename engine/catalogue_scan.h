// The distinct triples of a set of graphs, in (subject, predicate, object) id order, without
// holding them in memory: each graph is scanned in its graph-first index (GSPO, ordered by ids)
// and the scans are merged, a triple that several graphs hold coming out once. What a published
// dataset's dumps and VoID counts are made of, so the two always agree.
#pragma once

#include <functional>
#include <vector>

#include "storage/quad_store.h"

namespace cairn {

// Calls `sink` with each distinct triple (graph set to None) of `graphs`; stops at its first error.
Status ForEachDistinctTriple(const ReadView& view, const std::vector<TermId>& graphs,
                             const std::function<Status(const QuadIds&)>& sink);

// The ids of the named graphs among `iris` (graphs the store does not have are left out).
Result<std::vector<TermId>> GraphIds(const ReadView& view, const std::vector<std::string>& iris);

}  // namespace cairn
