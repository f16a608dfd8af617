// Planner: turns the algebra into a tree of operators. Choices it makes:
// - triple patterns of a BGP are ordered greedily, cheapest first, by the store's statistics
//   (bound positions make later patterns cheaper; a pattern that makes a filter ready counts
//   as half as many rows), and chained as index nested-loop joins (PatternScan) that turn into
//   hash joins when they are probed more often than reading the pattern once would cost; the
//   patterns of a star (4+ on one subject variable) share a SubjectStarCache instead;
// - a join whose right side is "simple" (BGPs, paths that cannot be zero-length, VALUES,
//   SERVICE, unions and joins of those, GRAPH around them) is a bind join, and so is an
//   OPTIONAL with such a right side (bind left join); anything with scoped parts (OPTIONAL, FILTER, MINUS, BIND,
//   subqueries) is evaluated on its own and joined materialised, as section 18 requires.
// - FILTERs are pushed down: into a BGP's scan chain right after the pattern that binds their
//   last variable, and into the side of a join or OPTIONAL that certainly binds all their
//   variables (never past a scope boundary; EXISTS filters stay where they are).
// One VariableLayout for the whole query: CollectVariables() fills it before planning.
#pragma once

#include <absl/container/flat_hash_map.h>

#include "sparql/algebra.h"
#include "sparql/eval/dataset_scope.h"
#include "sparql/eval/operator.h"
#include "sparql/eval/path_scan.h"
#include "sparql/eval/query_executor.h"
#include "sparql/expression/expression_evaluator.h"

namespace cairn::sparql {

void CollectVariables(const GraphPattern& pattern, VariableLayout& layout);
void CollectVariables(const Expression& expression, VariableLayout& layout);

class Planner {
 public:
  Planner(QueryContext& context, VariableLayout& layout, const DatasetScope& dataset, std::string base_iri,
          ServiceHandler service = nullptr)
      : context_(context), layout_(layout), dataset_(dataset), base_iri_(std::move(base_iri)),
        service_(std::move(service)) {}

  Result<OperatorPtr> Plan(const GraphPattern& pattern, const ActiveGraph& graph);

  ExpressionEvaluator MakeEvaluator(const ExprPtr& expression);

 private:
  // `filters` are applied in the scan chain as soon as all their variables are bound.
  Result<OperatorPtr> PlanBgp(const std::vector<TriplePattern>& triples, const ActiveGraph& graph, OperatorPtr input,
                              std::vector<ExprPtr> filters = {});
  Result<OperatorPtr> PlanFilter(const GraphPattern& filter, const ActiveGraph& graph);
  PatternPosition Position(const TermOrVariable& t);
  double Estimate(const PatternPosition& s, const PatternPosition& p, const PatternPosition& o,
                  const std::vector<bool>& bound) const;
  CompiledPath CompilePath(const PropertyPath& path);
  ActiveGraph GraphFor(const TermOrVariable& name);
  Result<bool> Exists(const GraphPattern& pattern, std::span<const TermId> row, const ActiveGraph& graph);

  QueryContext& context_;
  VariableLayout& layout_;
  const DatasetScope& dataset_;
  std::string base_iri_;
  ServiceHandler service_;
  ActiveGraph current_graph_;
  // BNODE(str) gives one node per string within a solution, across all its expressions.
  std::shared_ptr<BlankNodeScope> blank_nodes_ = std::make_shared<BlankNodeScope>();
  // EXISTS patterns are planned once and re-opened per row.
  absl::flat_hash_map<const GraphPattern*, OperatorPtr> exists_plans_;
};

// After how many index probes a triple pattern with `build_rows` matches is cheaper as a hash
// join (see PatternScan); nullopt when it is too big to hash. Cost constants in planner.cpp.
std::optional<std::uint64_t> HashJoinBreakEven(double build_rows);

// Simple patterns can be evaluated by substituting the bindings of a row (see above).
bool IsSimplePattern(const GraphPattern& pattern);

}  // namespace cairn::sparql
