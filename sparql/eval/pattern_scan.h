// PatternScan: extends each row of its child with the matches of one triple pattern in the
// active graph (an index nested-loop join: bound slots become the scan's prefix). A position is
// a constant id or a variable slot; a constant the store has never seen matches nothing.
#pragma once

#include <absl/container/flat_hash_set.h>

#include <array>
#include <optional>

#include "sparql/eval/dataset_scope.h"
#include "sparql/eval/operator.h"

namespace cairn::sparql {

struct PatternPosition {
  std::optional<TermId> constant;  // set: a term (None when the store does not know it)
  std::size_t slot = 0;            // otherwise: a variable
  bool is_variable() const { return !constant.has_value(); }
};

class PatternScan final : public Operator {
 public:
  PatternScan(OperatorPtr child, PatternPosition s, PatternPosition p, PatternPosition o, ActiveGraph graph,
              const DatasetScope& dataset, QueryContext& context, double estimate, std::string description);
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return description_; }
  std::vector<const Operator*> children() const override { return {child_.get()}; }
  double EstimatedRows() const override { return estimate_; }

 private:
  // Starts the scans for the current child row; false if it cannot match at all.
  bool StartScans();
  bool Bind(Row& row, const PatternPosition& position, TermId value) const;

  OperatorPtr child_;
  PatternPosition positions_[3];
  ActiveGraph graph_;
  const DatasetScope& dataset_;
  QueryContext& context_;
  double estimate_;
  std::string description_;

  Row current_;
  bool have_current_ = false;
  std::vector<GraphSelector> selectors_;  // scans still to run for the current row
  std::size_t next_selector_ = 0;
  std::unique_ptr<QuadIterator> scan_;
  QuadPattern pattern_;
  // With several FROM graphs the default graph is their merge: a triple in two of them counts once.
  bool dedupe_ = false;
  absl::flat_hash_set<std::array<std::uint64_t, 3>> seen_;
};

}  // namespace cairn::sparql
