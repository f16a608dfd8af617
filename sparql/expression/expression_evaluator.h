// Expression evaluation over solution rows with the exact semantics of SPARQL 1.1 section 17:
// XSD numeric type promotion, exact xsd:decimal, integer overflow, strings in code points,
// errors as values (an error makes FILTER drop the row and BIND leave the variable unbound).
//
// An ExpressionEvaluator is built once per expression and operator (variables resolved to row
// slots up front) and then called per row.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>

#include "sparql/algebra.h"
#include "sparql/eval/query_context.h"
#include "sparql/eval/variable_layout.h"

namespace cairn::sparql {

// Evaluates EXISTS { pattern } for a row (the evaluator supplies it: substitution of the row's
// bindings into the pattern, section 18.6). Errors (timeouts) propagate as Status.
using ExistsFunction =
    std::function<Result<bool>(const GraphPattern& pattern, std::span<const TermId> row, const VariableLayout& layout)>;

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
  // `value`: the aggregate's expression on one row (nullopt = error/unbound); for COUNT(*)
  // pass any non-null value per row.
  void Add(std::optional<TermId> value);
  // The aggregate's value for the group, nullopt = error (the variable stays unbound).
  std::optional<TermId> Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::sparql
