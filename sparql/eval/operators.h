// The relational operators of a plan, one small class each (the scans are in pattern_scan.h,
// property paths in path_scan.h). Semantics are section 18.5's; each class comment says how.
#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <functional>
#include <optional>

#include "sparql/algebra.h"
#include "sparql/eval/operator.h"
#include "sparql/expression/expression_evaluator.h"

namespace cairn::sparql {

struct RowHash {
  std::size_t operator()(const Row& row) const {
    std::size_t h = 0;
    for (TermId id : row) h = h * 0x9E3779B97F4A7C15ULL + id.bits;
    return h;
  }
};

// The single solution it was opened with: the leaf of every bind-join chain (and the join
// identity: the empty group pattern is one empty solution).
class InputRow final : public Operator {
 public:
  explicit InputRow(std::size_t width) : width_(width) {}
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return "input row"; }

 private:
  std::size_t width_;
  Row row_;
  bool done_ = true;
};

// No solutions (a pattern that cannot match, e.g. SERVICE SILENT's fallback is InputRow).
class EmptyResult final : public Operator {
 public:
  Status Open(const Row&) override { return Status::OK(); }
  Result<bool> Next(Row&) override { return false; }
  std::string Describe() const override { return "empty"; }
  double EstimatedRows() const override { return 0; }
};

// Rows of `child` whose expression's effective boolean value is true (errors drop the row).
class FilterOp final : public Operator {
 public:
  FilterOp(OperatorPtr child, ExpressionEvaluator evaluator, std::string description);
  Status Open(const Row& input) override { return child_->Open(input); }
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return description_; }
  std::vector<const Operator*> children() const override { return {child_.get()}; }
  double EstimatedRows() const override { return child_->EstimatedRows() / 2; }

 private:
  OperatorPtr child_;
  ExpressionEvaluator evaluator_;
  std::string description_;
};

// BIND / SELECT expressions: sets `slot` to the expression's value; an error leaves it unbound.
class ExtendOp final : public Operator {
 public:
  ExtendOp(OperatorPtr child, std::size_t slot, ExpressionEvaluator evaluator, std::string description);
  Status Open(const Row& input) override { return child_->Open(input); }
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return description_; }
  std::vector<const Operator*> children() const override { return {child_.get()}; }
  double EstimatedRows() const override { return child_->EstimatedRows(); }

 private:
  OperatorPtr child_;
  std::size_t slot_;
  ExpressionEvaluator evaluator_;
  std::string description_;
};

// All rows of the left child, then all rows of the right child (bag union).
class UnionOp final : public Operator {
 public:
  UnionOp(OperatorPtr left, OperatorPtr right) : left_(std::move(left)), right_(std::move(right)) {}
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return "union"; }
  std::vector<const Operator*> children() const override { return {left_.get(), right_.get()}; }
  double EstimatedRows() const override { return left_->EstimatedRows() + right_->EstimatedRows(); }

 private:
  OperatorPtr left_, right_;
  bool on_right_ = false;
  Row input_;
};

// Join by substitution: the right child is opened with each left row, so its scans use the
// left's bindings. Only used when that equals the join (the right side has no scoped parts).
class BindJoin final : public Operator {
 public:
  BindJoin(OperatorPtr left, OperatorPtr right) : left_(std::move(left)), right_(std::move(right)) {}
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return "bind join"; }
  std::vector<const Operator*> children() const override { return {left_.get(), right_.get()}; }
  double EstimatedRows() const override { return left_->EstimatedRows() * std::max(1.0, right_->EstimatedRows()); }

 private:
  OperatorPtr left_, right_;
  Row left_row_;  // kept between rows: its buffer is reused
  bool right_open_ = false;
};

// OPTIONAL by substitution: the right child is opened with each left row; the left row is
// emitted alone when no extension passes the filter. Only for "simple" right sides (see
// BindJoin), where substitution equals the join: then OPTIONAL costs one index probe per left
// row instead of materialising every solution of the right side.
class BindLeftJoin final : public Operator {
 public:
  BindLeftJoin(OperatorPtr left, OperatorPtr right, std::optional<ExpressionEvaluator> filter)
      : left_(std::move(left)), right_(std::move(right)), filter_(std::move(filter)) {}
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return filter_ ? "bind left join with filter" : "bind left join"; }
  std::vector<const Operator*> children() const override { return {left_.get(), right_.get()}; }
  double EstimatedRows() const override { return left_->EstimatedRows(); }

 private:
  OperatorPtr left_, right_;
  std::optional<ExpressionEvaluator> filter_;
  Row left_row_;
  bool right_open_ = false;
  bool matched_ = false;
};

// Join, OPTIONAL (left join with its filter) and MINUS over a materialised right side: the right
// child is evaluated once per Open with the outer input and hashed on the slots it binds in every
// row that the left row binds too (one hash index per such key set, built on first use); a left
// row binding none of them is compared with every right row.
class MaterializedJoin final : public Operator {
 public:
  enum class Mode { kInner, kLeftOuter, kMinus };
  MaterializedJoin(Mode mode, OperatorPtr left, OperatorPtr right, std::optional<ExpressionEvaluator> filter,
                   QueryContext& context);
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override;
  std::vector<const Operator*> children() const override { return {left_.get(), right_.get()}; }
  double EstimatedRows() const override;

 private:
  Mode mode_;
  OperatorPtr left_, right_;
  std::optional<ExpressionEvaluator> filter_;
  QueryContext& context_;
  // The right rows whose keys match the current left row (indexes into right_rows_).
  const std::vector<std::size_t>& Candidates();

  std::vector<Row> right_rows_;
  std::vector<std::size_t> always_bound_;  // slots bound in every right row
  struct HashIndex {
    absl::flat_hash_map<Row, std::vector<std::size_t>, RowHash> rows;
  };
  absl::flat_hash_map<Row, HashIndex, RowHash> indexes_;  // by key slots (as TermId bits)
  std::vector<std::size_t> all_rows_;
  const std::vector<std::size_t>* candidates_ = nullptr;
  std::vector<std::size_t> no_rows_;
  Row left_row_;
  std::size_t next_right_ = 0;
  bool have_left_ = false;
  bool matched_ = false;
};

// GRAPH ?g { P } for a P with scoped parts (subqueries, OPTIONAL, MINUS, ...): P is evaluated
// once per named graph, then ?g is bound to that graph (section 18.5's Graph: a union over the
// named graphs of P joined with ?g), so P's own scoping never sees ?g.
class GraphIteration final : public Operator {
 public:
  GraphIteration(OperatorPtr child, std::size_t slot, std::shared_ptr<TermId> current, std::vector<TermId> graphs,
                 QueryContext& context)
      : child_(std::move(child)), slot_(slot), current_(std::move(current)), graphs_(std::move(graphs)),
        context_(context) {}
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return "graph iteration (" + std::to_string(graphs_.size()) + " graphs)"; }
  std::vector<const Operator*> children() const override { return {child_.get()}; }
  double EstimatedRows() const override { return child_->EstimatedRows() * static_cast<double>(graphs_.size()); }

 private:
  Status OpenNext();
  OperatorPtr child_;
  std::size_t slot_;
  std::shared_ptr<TermId> current_;
  std::vector<TermId> graphs_;
  QueryContext& context_;
  Row input_;
  std::size_t next_graph_ = 0;
  bool open_ = false;
};

// SERVICE: asks the handler for the pattern's solutions at the endpoint (a constant, or a
// variable bound by the input) and joins them with the input row. SILENT turns a failure into
// the single empty solution (the join identity).
class ServiceOp final : public Operator {
 public:
  using Fetch = std::function<Result<std::vector<Row>>(const Row& input)>;
  ServiceOp(Fetch fetch, bool silent) : fetch_(std::move(fetch)), silent_(silent) {}
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return silent_ ? "service silent" : "service"; }

 private:
  Fetch fetch_;
  bool silent_;
  Row input_;
  std::vector<Row> rows_;
  std::size_t next_ = 0;
};

// VALUES: each data row compatible with the input, merged into it.
class ValuesOp final : public Operator {
 public:
  explicit ValuesOp(std::vector<Row> rows) : rows_(std::move(rows)) {}
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return "values (" + std::to_string(rows_.size()) + " rows)"; }
  double EstimatedRows() const override { return static_cast<double>(rows_.size()); }

 private:
  std::vector<Row> rows_;
  Row input_;
  std::size_t next_ = 0;
};

// Keeps `keep` slots, unbinds every other one (a subquery's hidden variables stay hidden).
class ProjectOp final : public Operator {
 public:
  ProjectOp(OperatorPtr child, std::vector<std::size_t> keep, std::size_t width);
  Status Open(const Row& input) override { return child_->Open(input); }
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return "project"; }
  std::vector<const Operator*> children() const override { return {child_.get()}; }
  double EstimatedRows() const override { return child_->EstimatedRows(); }

 private:
  OperatorPtr child_;
  std::vector<bool> keep_;
};

// DISTINCT (and REDUCED, which may act like it): first occurrence of each row.
class DistinctOp final : public Operator {
 public:
  explicit DistinctOp(OperatorPtr child) : child_(std::move(child)) {}
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return "distinct"; }
  std::vector<const Operator*> children() const override { return {child_.get()}; }
  double EstimatedRows() const override { return child_->EstimatedRows(); }

 private:
  OperatorPtr child_;
  absl::flat_hash_set<Row, RowHash> seen_;
};

// OFFSET / LIMIT.
class SliceOp final : public Operator {
 public:
  SliceOp(OperatorPtr child, std::uint64_t offset, std::optional<std::uint64_t> limit)
      : child_(std::move(child)), offset_(offset), limit_(limit) {}
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override;
  std::vector<const Operator*> children() const override { return {child_.get()}; }
  double EstimatedRows() const override;

 private:
  OperatorPtr child_;
  std::uint64_t offset_;
  std::optional<std::uint64_t> limit_;
  std::uint64_t skipped_ = 0, produced_ = 0;
};

// ORDER BY: materialises, evaluates the keys once per row, sorts stably.
class OrderByOp final : public Operator {
 public:
  OrderByOp(OperatorPtr child, std::vector<std::pair<ExpressionEvaluator, bool>> keys, QueryContext& context);
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return "order by"; }
  std::vector<const Operator*> children() const override { return {child_.get()}; }
  double EstimatedRows() const override { return child_->EstimatedRows(); }

 private:
  OperatorPtr child_;
  std::vector<std::pair<ExpressionEvaluator, bool>> keys_;  // (key, descending)
  QueryContext& context_;
  std::vector<Row> rows_;
  std::size_t next_ = 0;
};

// GROUP BY with aggregates: materialises groups keyed by the key slots; one output row per group
// with only the keys and aggregate slots bound. Without GROUP BY an empty input is one group.
class GroupOp final : public Operator {
 public:
  struct AggregateSlot {
    std::size_t slot;
    Aggregate aggregate;
    std::optional<ExpressionEvaluator> argument;  // null for COUNT(*)
  };
  GroupOp(OperatorPtr child, std::vector<std::size_t> keys, std::vector<AggregateSlot> aggregates, std::size_t width,
          QueryContext& context);
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return "group (" + std::to_string(keys_.size()) + " keys)"; }
  std::vector<const Operator*> children() const override { return {child_.get()}; }
  double EstimatedRows() const override { return std::max(1.0, child_->EstimatedRows() / 10); }

 private:
  OperatorPtr child_;
  std::vector<std::size_t> keys_;
  std::vector<AggregateSlot> aggregates_;
  std::size_t width_;
  QueryContext& context_;
  std::vector<Row> output_;
  std::size_t next_ = 0;
};

}  // namespace cairn::sparql
