// Running a SPARQL 1.1 Update request (section 3 of SPARQL 1.1 Update) in ONE write
// transaction: all operations apply or none; each operation sees the effects of the ones
// before it; a DELETE/INSERT's WHERE is evaluated completely before any change (no Halloween
// problem). Readers never see a partial request (the commit is one atomic, synced batch).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>

#include "sparql/eval/query_executor.h"
#include "sparql/update.h"
#include "storage/quad_store.h"

namespace cairn::sparql {

// Reads the RDF at `source` for LOAD, calling `sink` per quad. Cairn fetches nothing itself:
// the caller decides which IRIs may be read (allowed directories, http(s) only if enabled).
using LoadHandler = std::function<Status(const Term& source, const std::function<Status(const Quad&)>& sink)>;

struct UpdateOptions {
  std::optional<std::chrono::steady_clock::time_point> deadline;
  const std::atomic<bool>* cancel = nullptr;
  LoadHandler load;  // null: LOAD fails (LOAD SILENT does nothing)
  // SPARQL Protocol using-graph-uri / using-named-graph-uri: replace USING / USING NAMED.
  std::vector<Term> using_graphs, using_named_graphs;
};

struct UpdateSummary {
  std::size_t operations = 0;
  std::uint64_t triples_before = 0;  // in the whole store
  std::uint64_t triples_after = 0;
};

Result<UpdateSummary> ExecuteUpdate(const Update& update, QuadStore& store, const UpdateOptions& options = {});

}  // namespace cairn::sparql
