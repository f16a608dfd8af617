// QuadStore: Cairn's RDF dataset on disk (the default graph plus named graphs), in the style of
// LevelDB's DB: an abstract contract here, the RocksDB implementation behind it.
//
// Lifetime: destroy every ReadView, WriteTransaction and BulkLoader before the store.
// Threads: every method may be called from any thread. Readers work on a ReadView, a consistent
// snapshot that never sees half a write. Writers are serialised: one WriteTransaction or bulk
// load at a time (BeginWrite waits for the current one to finish).
// Durability: when Commit() or BulkLoader::Finish() returns OK, the data survives a crash.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/key_codec.h"
#include "storage/statistics.h"
#include "storage/status.h"
#include "storage/term.h"
#include "storage/term_id.h"

namespace cairn {

// Which graphs a pattern ranges over.
struct GraphSelector {
  enum class Kind { kDefault, kOne, kAnyNamed, kAll };
  Kind kind = Kind::kDefault;
  TermId graph;  // for kOne

  static GraphSelector Default() { return {Kind::kDefault, TermId::None()}; }
  static GraphSelector One(TermId g) { return g.is_none() ? Default() : GraphSelector{Kind::kOne, g}; }
  static GraphSelector AnyNamed() { return {Kind::kAnyNamed, TermId::None()}; }
  static GraphSelector All() { return {Kind::kAll, TermId::None()}; }
};

// A quad pattern over ids; TermId::None() in a position means "any".
struct QuadPattern {
  TermId subject, predicate, object;
  GraphSelector graph;
};

// Iterates the quads matching a pattern, in the order of the index chosen for it.
// REQUIRES for quad() and Next(): Valid(). A scan that fails stops with !Valid() and !status().ok().
class QuadIterator {
 public:
  virtual ~QuadIterator() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual const QuadIds& quad() const = 0;
  virtual Status status() const = 0;
};

// A scan that can be re-aimed: Seek(pattern) starts it over on another pattern (REQUIRED before
// the first Valid()). An index nested-loop join probes the same index once per input row; a
// cursor reuses its underlying iterators instead of creating new ones per probe.
class QuadCursor : public QuadIterator {
 public:
  virtual void Seek(const QuadPattern& pattern) = 0;
};

// A consistent snapshot of the store. Cheap to create; keep it short-lived (it pins old data).
class ReadView {
 public:
  virtual ~ReadView() = default;
  virtual std::unique_ptr<QuadIterator> Scan(const QuadPattern& pattern) const = 0;
  // A cursor for many scans of this view (see QuadCursor); it must not outlive the view.
  virtual std::unique_ptr<QuadCursor> NewCursor() const = 0;
  // The term for an id found in this store. Blank nodes come back labelled "b<hex counter>".
  virtual Result<Term> Decode(TermId id) const = 0;
  // The id of a term if the store knows it (nullopt otherwise: no quad can contain it).
  // Blank nodes are never looked up by label.
  virtual Result<std::optional<TermId>> Lookup(const Term& term) const = 0;
  virtual std::vector<TermId> NamedGraphs() const = 0;
  virtual const Statistics& statistics() const = 0;
  // Namespace prefixes declared by the documents loaded so far (prefix -> IRI), for writers.
  virtual std::vector<std::pair<std::string, std::string>> Prefixes() const = 0;
  // Cairn's own bookkeeping kept beside the data (not RDF: invisible to queries, statistics and
  // dumps), e.g. when each graph last changed. nullopt when nothing is stored under `name`.
  virtual Result<std::optional<std::string>> Bookkeeping(std::string_view name) const = 0;
};

// One atomic write. Blank-node labels in Insert/Remove of Terms are scoped to the transaction:
// the same label means the same fresh blank node. Dropping an uncommitted transaction discards it.
class WriteTransaction {
 public:
  virtual ~WriteTransaction() = default;
  virtual Status Insert(const Quad& quad) = 0;
  virtual Status InsertIds(const QuadIds& quad) = 0;
  virtual Status Remove(const Quad& quad) = 0;
  virtual Status RemoveIds(const QuadIds& quad) = 0;
  virtual Status CreateGraph(const Term& graph) = 0;  // an empty named graph
  virtual Status DropGraph(TermId graph) = 0;         // removes its quads and the graph itself
  // The ids of terms, allocating dictionary entries for new ones (part of this transaction).
  virtual Result<TermId> Intern(const Term& term) = 0;
  // Stores a bookkeeping value (ReadView::Bookkeeping), atomically with the transaction.
  virtual Status PutBookkeeping(std::string_view name, std::string_view value) = 0;
  // Reads see this transaction's own writes on top of the snapshot it started from.
  virtual const ReadView& view() const = 0;
  virtual Status Commit() = 0;
};

struct LoadSummary {
  std::uint64_t statements_read = 0;  // as parsed, duplicates included
  std::uint64_t quads_added = 0;      // new distinct quads stored
  std::uint64_t statements_skipped = 0;
  // Wall-clock seconds of Finish()'s phases, for `cairn load --verbose` and benchmarks.
  double sort_seconds = 0;    // last chunk sorted per index order
  double write_seconds = 0;   // SST files written
  double ingest_seconds = 0;  // IngestExternalFiles
};

// Bulk loading: quads are sorted outside RocksDB and ingested as SST files in one atomic step.
// Nothing is visible (or stored) until Finish() returns OK; destroying an unfinished loader
// discards everything. Memory stays bounded: sorted runs spill to disk.
class BulkLoader {
 public:
  virtual ~BulkLoader() = default;
  // Starts a new blank-node scope (call once per document: _:a in two files are two nodes).
  virtual void NewBlankNodeScope() = 0;
  virtual Status Add(const Quad& quad) = 0;
  // Records a prefix declaration (stored with the load; a later declaration of a name wins).
  virtual void AddPrefix(std::string_view prefix, std::string_view iri) = 0;
  virtual Result<LoadSummary> Finish() = 0;
};

struct StoreOptions {
  bool create_if_missing = true;
  bool read_only = false;          // open without the write lock (other processes may read too)
  std::size_t block_cache_bytes = 256 << 20;
  std::size_t bulk_chunk_quads = 8 << 20;  // quads held in memory before a sorted run spills
};

class QuadStore {
 public:
  virtual ~QuadStore() = default;
  QuadStore(const QuadStore&) = delete;
  QuadStore& operator=(const QuadStore&) = delete;

  // Opens (or creates) the store in directory `path`.
  static Result<std::unique_ptr<QuadStore>> Open(const std::string& path, const StoreOptions& options);

  virtual std::shared_ptr<const ReadView> Snapshot() const = 0;
  virtual Result<std::unique_ptr<WriteTransaction>> BeginWrite() = 0;
  virtual Result<std::unique_ptr<BulkLoader>> NewBulkLoader() = 0;
  // Removes every quad of `graphs` (TermId::None() is the default graph) in one atomic write
  // that does no per-quad work on the graph-first and default-graph indexes (range deletions)
  // and no statistics checks: the path for DROP and CLEAR of big graphs. `keep_empty`: named
  // graphs remain as empty graphs (CLEAR) or are removed (DROP). Waits for other writers.
  virtual Status ClearGraphs(const std::vector<TermId>& graphs, bool keep_empty) = 0;
  // Bytes the store occupies on disk (live SST, WAL and manifest files).
  virtual std::uint64_t DiskSizeBytes() const = 0;
  // Flushes memtables so the on-disk files hold everything (used before measuring or backup).
  virtual Status Flush() = 0;

 protected:
  QuadStore() = default;
};

// Chooses the index order whose prefix covers the bound positions of a pattern in one graph
// selector class; `prefix_len` gets the number of leading bound components.
IndexOrder ChooseIndex(bool s, bool p, bool o, bool named, bool graph_bound, int& prefix_len);

}  // namespace cairn
