// Store: the facade over the quad store that the command line and (later) the HTTP server use.
// It adds what needs RDF syntax on top of storage/: loading files, dumping, matching patterns
// given as terms. Thread-safe like QuadStore.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/rdf_format.h"
#include "engine/rdf_writer.h"
#include "sparql/algebra.h"
#include "sparql/eval/query_executor.h"
#include "sparql/eval/update_executor.h"
#include "storage/quad_store.h"

namespace cairn {

struct LoadOptions {
  std::optional<RdfFormat> format;  // default: from each file's extension
  std::string base_iri;             // default: each file's own file: IRI
  Term graph = Term::DefaultGraph();  // where triples outside GRAPH blocks go
  bool lenient = false;
  // Called now and then: bytes consumed over all files, their total size, statements so far.
  std::function<void(std::uint64_t done, std::uint64_t total, std::uint64_t statements)> progress;
};

struct LoadReport {
  std::uint64_t files = 0;
  std::uint64_t statements = 0;
  std::uint64_t quads_added = 0;
  std::uint64_t skipped = 0;
  std::string first_skipped_error;
  double parse_seconds = 0;  // parsing and encoding, until the last statement was read
  LoadSummary phases;        // the bulk loader's own timings
};

// RDF for one graph of the Graph Store Protocol: in memory (`text`), in a file (`file`, set
// when the body was spooled to disk because it was large), or already parsed (`parsed`: the
// triples are `quads`, e.g. from the parts of a multipart body).
struct GraphSource {
  std::string text;
  std::string file;
  bool parsed = false;
  std::vector<Quad> quads;
  RdfFormat format = RdfFormat::kTurtle;  // a triple format
  std::string base_iri;
};

struct GraphWriteReport {
  bool created = false;          // the graph did not exist before
  std::uint64_t triples = 0;     // statements read from the source
};

struct StoreSummary {
  std::uint64_t triples = 0;
  std::uint64_t default_graph_triples = 0;
  std::uint64_t named_graphs = 0;
  std::uint64_t predicates = 0;
  std::uint64_t disk_bytes = 0;
};

class Store {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::string& location, const StoreOptions& options);

  // Loads all files ("-" is stdin) in one atomic bulk load: on any error nothing is stored.
  Result<LoadReport> Load(const std::vector<std::string>& files, const LoadOptions& options);

  // Writes the dataset, or one graph of it, in `format`. `graph` nullopt: every graph
  // (default graph first, then each named graph); Term::DefaultGraph(): the default graph only.
  Status Dump(RdfFormat format, const std::optional<Term>& graph, const ByteSink& sink);

  // Calls `sink` for each quad matching the pattern (nullopt = any) until it returns false.
  Status Match(const std::optional<Term>& subject, const std::optional<Term>& predicate,
               const std::optional<Term>& object, const std::optional<Term>& graph,
               const std::function<bool(const Quad&)>& sink);

  // Runs a parsed SPARQL query on a snapshot taken now.
  Result<std::unique_ptr<sparql::QueryResults>> Execute(const sparql::Query& query,
                                                        const sparql::ExecuteOptions& options);

  // Applies a SPARQL 1.1 Update request atomically (sparql::ExecuteUpdate).
  Result<sparql::UpdateSummary> Update(const sparql::Update& update, const sparql::UpdateOptions& options);

  // Graph Store Protocol (graph_store.cpp). `graph` is a named graph's IRI or
  // Term::DefaultGraph(), which always exists.
  Result<bool> HasGraph(const Term& graph) const;
  // Replaces (`replace`) or adds to the graph's content; creates a named graph that does not
  // exist. The source is parsed completely before anything changes, so malformed RDF changes
  // nothing. In-memory sources go through one transaction; file sources (large uploads) through
  // the bulk loader, where a replace is two atomic steps (clear, then load: see graph_store.cpp).
  Result<GraphWriteReport> WriteGraph(const Term& graph, const GraphSource& source, bool replace);
  // Removes a named graph (or empties the default graph). false: there was no such graph.
  Result<bool> DropGraph(const Term& graph);

  // A tag that changes whenever this process changes the store (and differs between processes,
  // since another process may have written in between): an ETag for the store's state. Take it
  // BEFORE the snapshot a response is built from, so that a tag never claims newer data than
  // the response holds. (While `cairn serve` runs it holds the store's write lock: every
  // write goes through this object.)
  std::string StateTag() const;

  StoreSummary Summary() const;
  QuadStore& quad_store() { return *store_; }
  // The directory the store was opened at (published dumps live in its dumps/ folder).
  const std::string& location() const { return location_; }

 private:
  explicit Store(std::unique_ptr<QuadStore> store);
  void Changed() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  std::unique_ptr<QuadStore> store_;
  std::string location_;
  std::string instance_;  // random, per process
  std::atomic<std::uint64_t> generation_{0};
};

// Decodes ids to terms through a view, caching recent dictionary lookups (predicates and
// classes repeat on almost every row).
class TermDecoder {
 public:
  explicit TermDecoder(const ReadView& view) : view_(view), cache_(kSlots) {}
  Result<Term> Decode(TermId id);
  Status DecodeQuad(const QuadIds& ids, Quad& quad);

 private:
  static constexpr std::size_t kSlots = 1 << 14;
  const ReadView& view_;
  std::vector<std::pair<TermId, Term>> cache_;
};

// The prefixes a Turtle/TriG writer should use for data read through `view`.
PrefixList PrefixesFor(const ReadView& view);

// Parses one term in N-Triples syntax (<iri>, _:b, "lit"@en, "1"^^<dt>); also accepts a bare IRI.
Result<Term> ParseNTriplesTerm(const std::string& text);

}  // namespace cairn
