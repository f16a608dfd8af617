// Running a parsed query: planning (algebra -> operators) and streaming its results.
// The results hold a snapshot: they see the store as it was when the query started.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sparql/algebra.h"
#include "storage/quad_store.h"

namespace cairn::sparql {

// Answers SERVICE patterns (federated query): the solutions of `pattern` at `endpoint`, as rows
// of (variable name, term). Cairn itself sends no requests: whoever runs the query decides what
// an endpoint is (an HTTP client allowed by configuration, or a local store in tests).
using ServiceSolutions = std::vector<std::vector<std::pair<std::string, Term>>>;
using ServiceHandler = std::function<Result<ServiceSolutions>(const Term& endpoint, const GraphPattern& pattern)>;

struct ExecuteOptions {
  std::optional<std::chrono::steady_clock::time_point> deadline;
  const std::atomic<bool>* cancel = nullptr;
  // The protocol's default-graph-uri / named-graph-uri: when either is non-empty they replace
  // the query's FROM / FROM NAMED (SPARQL 1.1 Protocol 2.1.4).
  std::vector<Term> default_graphs;
  std::vector<Term> named_graphs;
  // Replaces only the default graph (named graphs stay the store's): SPARQL Update's WITH.
  std::optional<std::vector<Term>> default_graph_only;
  // SERVICE: without a handler, SERVICE fails (SERVICE SILENT gives the empty solution).
  ServiceHandler service;
};

class QueryResults {
 public:
  virtual ~QueryResults() = default;
  virtual Query::Form form() const = 0;
  // SELECT: the result variables, in order.
  virtual const std::vector<std::string>& variables() const = 0;
  // SELECT: the next solution (parallel to variables(); nullopt = unbound); false at the end.
  virtual Result<bool> NextSolution(std::vector<std::optional<Term>>& row) = 0;
  // SELECT, as ids (for updates, which must reuse the store's ids, blank nodes included):
  // parallel to variables(); None = unbound. Query-local ids decode with DecodeId.
  virtual Result<bool> NextSolutionIds(std::vector<TermId>& row) = 0;
  virtual Result<Term> DecodeId(TermId id) = 0;
  // ASK.
  virtual Result<bool> Boolean() = 0;
  // CONSTRUCT / DESCRIBE: the next triple (graph is the default graph); false at the end.
  virtual Result<bool> NextTriple(Quad& triple) = 0;
  // The physical plan, for --explain.
  virtual std::string Explain() const = 0;
};

Result<std::unique_ptr<QueryResults>> ExecuteQuery(const Query& query, std::shared_ptr<const ReadView> view,
                                                   const ExecuteOptions& options = {});

}  // namespace cairn::sparql
