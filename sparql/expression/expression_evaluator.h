// Expression evaluation over solution rows with the exact semantics of SPARQL 1.1 section 17:
// XSD numeric type promotion, exact xsd:decimal, integer overflow, strings in code points,
// errors as values (an error makes FILTER drop the row and BIND leave the variable unbound).
//
// An ExpressionEvaluator is built once per expression and operator (variables resolved to row
// slots up front) and then called per row.
#pragma once

#include <absl/container/flat_hash_map.h>

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sparql/algebra.h"
#include "sparql/eval/query_context.h"
#include "sparql/eval/variable_layout.h"

namespace cairn::sparql {

// Evaluates EXISTS { pattern } for a row (the evaluator supplies it: substitution of the row's
// bindings into the pattern, section 18.6). Errors (timeouts) propagate as Status.
using ExistsFunction =
    std::function<Result<bool>(const GraphPattern& pattern, std::span<const TermId> row, const VariableLayout& layout)>;

// BNODE(str) gives the same blank node for the same string "within expressions for one solution
// mapping" (17.4.2.9), which may span several evaluators: the SELECT clause's expressions
// (BNODE(?s1) AS ?b1) (BNODE(?s2) AS ?b2) are chained Extends, the second seeing the first's
// row plus ?b1 (functions#bnode01). Evaluators given one shared scope keep their BNODE(str)
// table while each row they see extends the row of the previous use (every slot bound there is
// bound to the same term) and start a new table otherwise. An evaluator without a scope starts
// a new table on every call.
class BlankNodeScope {
 public:
  absl::flat_hash_map<std::string, TermId>& TableFor(std::span<const TermId> row);

 private:
  std::vector<TermId> last_row_;
  absl::flat_hash_map<std::string, TermId> table_;
};

class ExpressionEvaluator {
 public:
  // `base_iri`: the query's base (Query::base_iri), against which IRI()/URI() resolve relative
  // references; empty: relative references are an error. `context` must outlive the evaluator.
  ExpressionEvaluator(ExprPtr expression, const VariableLayout& layout, QueryContext& context,
                      ExistsFunction exists = nullptr, std::string base_iri = {});
  ~ExpressionEvaluator();
  ExpressionEvaluator(ExpressionEvaluator&&) noexcept;

  // The value, or nullopt when evaluation raises an error (unbound variable, type error, ...).
  // A non-OK status only for failures that must stop the query (timeout, cancellation, I/O).
  Result<std::optional<TermId>> Evaluate(std::span<const TermId> row);
  // The effective boolean value (17.2.2); nullopt when it is an error.
  Result<std::optional<bool>> EvaluateBoolean(std::span<const TermId> row);
  // Shares BNODE(str) results with the other evaluators of `scope` (see BlankNodeScope).
  void ShareBlankNodes(std::shared_ptr<BlankNodeScope> scope);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ORDER BY's total order on terms (section 15.1 plus a fixed order where it leaves a choice):
// unbound < blank nodes < IRIs < literals; numerics, dates, strings compared by value where
// comparable. Returns <0, 0 or >0.
int CompareForOrderBy(TermId a, TermId b, QueryContext& context);

// Accumulates one aggregate over a group (section 18.5: Count, Sum, Avg, Min, Max, GroupConcat,
// Sample), including DISTINCT and error behaviour (an error in Sum/Avg makes the result an
// error, i.e. unbound).
class AggregateAccumulator {
 public:
  AggregateAccumulator(const Aggregate& aggregate, QueryContext& context);
  ~AggregateAccumulator();
  AggregateAccumulator(AggregateAccumulator&&) noexcept;
  // `value`: the aggregate's expression on one row (nullopt = error/unbound).
  void Add(std::optional<TermId> value);
  // COUNT(*) and COUNT(DISTINCT *) (aggregate.expression null): one call per input row, with
  // the whole row (the solution mapping; DISTINCT compares rows slot by slot, so rows must have
  // the same width and unbound slots must be None). Add(any value) still counts a row for a
  // plain COUNT(*), but cannot implement DISTINCT *.
  void AddRow(std::span<const TermId> row);
  // The aggregate's value for the group, nullopt = error (the variable stays unbound).
  std::optional<TermId> Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::sparql
