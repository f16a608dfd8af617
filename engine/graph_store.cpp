// The Store's Graph Store Protocol operations: whole-graph reads are Dump; writes are here.
#include <algorithm>
#include <vector>

#include "engine/graph_clock.h"
#include "engine/rdf_reader.h"
#include "engine/store.h"

namespace cairn {
namespace {

bool IsNamedGraph(const ReadView& view, TermId id) {
  std::vector<TermId> named = view.NamedGraphs();
  return std::find(named.begin(), named.end(), id) != named.end();
}

// The graph's id when it exists (None for the default graph), nullopt when it does not.
Result<std::optional<TermId>> ExistingGraph(const ReadView& view, const Term& graph) {
  if (graph.is_default_graph()) return std::optional<TermId>(TermId::None());
  auto id = view.Lookup(graph);
  if (!id.ok()) return id.status();
  if (!*id || !IsNamedGraph(view, **id)) return std::optional<TermId>();
  return *id;
}

RdfReadOptions ReadOptionsFor(const Term& graph, const GraphSource& source) {
  RdfReadOptions read;
  read.format = source.format;
  read.base_iri = source.base_iri;
  read.default_graph = graph;
  return read;
}

}  // namespace

Result<bool> Store::HasGraph(const Term& graph) const {
  auto view = store_->Snapshot();
  auto existing = ExistingGraph(*view, graph);
  if (!existing.ok()) return existing.status();
  return existing->has_value();
}

Result<GraphWriteReport> Store::WriteGraph(const Term& graph, const GraphSource& source, bool replace) {
  if (source.format == RdfFormat::kNQuads || source.format == RdfFormat::kTriG) {
    return Status::InvalidArgument(std::string(RdfFormatName(source.format)) +
                                   " holds several graphs; the Graph Store Protocol takes one graph's triples");
  }
  RdfReadOptions read = ReadOptionsFor(graph, source);
  GraphWriteReport report;
  GraphClockMark clock(*store_);  // declared before any transaction: stamps after it (graph_clock.h)

  if (!source.file.empty()) {
    // Large upload: the bulk loader keeps memory bounded whatever the size. Adding is one atomic
    // ingest. A replace clears the graph first (one atomic range deletion) and then loads: a
    // reader in between sees the graph empty, never half-loaded; a load that fails leaves it
    // empty, which is why the source is parsed once before the clear.
    auto before = HasGraph(graph);
    if (!before.ok()) return before.status();
    report.created = !*before;
    if (replace && *before) {
      RdfReadStats stats;
      CAIRN_RETURN_IF_ERROR(ReadRdfFile(source.file, read, [](const Quad&) { return Status::OK(); }, &stats));
      auto view = store_->Snapshot();
      auto id = ExistingGraph(*view, graph);
      if (!id.ok()) return id.status();
      if (id->has_value()) {
        Status cleared = store_->ClearGraphs({**id}, /*keep_empty=*/true);
        Changed();
        CAIRN_RETURN_IF_ERROR(cleared);
      }
    }
    LoadOptions load;
    load.format = source.format;
    load.base_iri = source.base_iri;
    load.graph = graph;
    auto loaded = Load({source.file}, load);
    if (!loaded.ok()) return loaded.status();
    report.triples = loaded->statements;
    if (report.created && loaded->quads_added == 0 && !graph.is_default_graph()) {
      auto txn = store_->BeginWrite();
      if (!txn.ok()) return txn.status();
      CAIRN_RETURN_IF_ERROR((*txn)->CreateGraph(graph));
      CAIRN_RETURN_IF_ERROR((*txn)->Commit());
    }
    clock.Touch(graph);
    return report;
  }

  // Small upload: parse into memory (unless the caller did), then one transaction does the
  // whole change.
  std::vector<Quad> quads = source.quads;
  for (Quad& q : quads) q.graph = graph;  // pre-parsed triples belong to this graph, wherever read
  if (!source.parsed) {
    CAIRN_RETURN_IF_ERROR(ReadRdfString(source.text, "request body", read, [&](const Quad& q) {
      quads.push_back(q);
      return Status::OK();
    }));
  }
  report.triples = quads.size();
  // Many triples that replace nothing go through the bulk loader (one atomic ingest) instead of
  // a transaction that indexes each quad in memory; a replace of an existing graph stays one
  // transaction, so nobody sees the graph empty.
  constexpr std::size_t kBulkThreshold = 10000;
  if (quads.size() >= kBulkThreshold) {
    auto view = store_->Snapshot();
    auto existing = ExistingGraph(*view, graph);
    if (!existing.ok()) return existing.status();
    if (!replace || !existing->has_value()) {
      report.created = !existing->has_value();
      view.reset();
      auto loader = store_->NewBulkLoader();
      if (!loader.ok()) return loader.status();
      (*loader)->NewBlankNodeScope();
      for (const Quad& q : quads) CAIRN_RETURN_IF_ERROR((*loader)->Add(q));
      auto done = (*loader)->Finish();
      Changed();
      if (!done.ok()) return done.status();
      clock.Touch(graph);
      return report;
    }
  }
  auto txn = store_->BeginWrite();
  if (!txn.ok()) return txn.status();
  auto existing = ExistingGraph((*txn)->view(), graph);
  if (!existing.ok()) return existing.status();
  report.created = !existing->has_value();
  if (replace && existing->has_value()) CAIRN_RETURN_IF_ERROR((*txn)->DropGraph(**existing));
  if (!graph.is_default_graph()) CAIRN_RETURN_IF_ERROR((*txn)->CreateGraph(graph));
  for (const Quad& q : quads) CAIRN_RETURN_IF_ERROR((*txn)->Insert(q));
  Status committed = (*txn)->Commit();
  Changed();
  CAIRN_RETURN_IF_ERROR(committed);
  clock.Touch(graph);
  return report;
}

Result<bool> Store::DropGraph(const Term& graph) {
  auto view = store_->Snapshot();
  auto existing = ExistingGraph(*view, graph);
  if (!existing.ok()) return existing.status();
  if (!existing->has_value()) return false;
  GraphClockMark clock(*store_);
  // ClearGraphs is the bulk path (range deletions), whatever the graph's size.
  Status st = store_->ClearGraphs({**existing}, /*keep_empty=*/false);
  Changed();
  CAIRN_RETURN_IF_ERROR(st);
  return true;
}

}  // namespace cairn
