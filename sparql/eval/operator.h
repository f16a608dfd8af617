// Operator: one node of a physical plan. Plans are pull-based: Next() fills the next solution
// row. Every row has the width of the query's VariableLayout (one layout for the whole query;
// TermId::None() = unbound), so operators never reshape rows.
//
// Each operator reports what the planner and --explain need (after QLever's Operation): a
// description, children, and an estimated output size. Long loops call
// QueryContext::CheckInterrupt() so that a deadline or a cancelled client stops the query.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sparql/eval/query_context.h"
#include "sparql/eval/variable_layout.h"
#include "storage/status.h"

namespace cairn::sparql {

using Row = std::vector<TermId>;

class Operator {
 public:
  virtual ~Operator() = default;
  // Starts (or restarts) evaluation; `input` is the row of bindings this evaluation extends
  // (for correlated evaluation: EXISTS, bind joins). Unbound slots in `input` are free.
  virtual Status Open(const Row& input) = 0;
  // The next solution in `out` (resized to the layout width); false at the end.
  virtual Result<bool> Next(Row& out) = 0;

  virtual std::string Describe() const = 0;
  virtual std::vector<const Operator*> children() const { return {}; }
  virtual double EstimatedRows() const { return 1; }
};

using OperatorPtr = std::unique_ptr<Operator>;

// "Describe() (~rows)" for the operator and its children, indented: --explain's plan view.
std::string ExplainPlan(const Operator& root);

// Two rows are compatible when every slot bound in both holds the same term.
inline bool Compatible(const Row& a, const Row& b) {
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!a[i].is_none() && !b[i].is_none() && a[i] != b[i]) return false;
  return true;
}
// a := a merged with b (REQUIRES: compatible).
inline void MergeInto(Row& a, const Row& b) {
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].is_none()) a[i] = b[i];
}

}  // namespace cairn::sparql
