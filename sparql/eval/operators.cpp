#include "sparql/eval/operators.h"

#include <algorithm>
#include <numeric>

namespace cairn::sparql {

// ---- InputRow ----
Status InputRow::Open(const Row& input) {
  row_ = input;
  row_.resize(width_);
  done_ = false;
  return Status::OK();
}

Result<bool> InputRow::Next(Row& out) {
  if (done_) return false;
  done_ = true;
  out = row_;
  return true;
}

// ---- Filter / Extend ----
FilterOp::FilterOp(OperatorPtr child, ExpressionEvaluator evaluator, std::string description)
    : child_(std::move(child)), evaluator_(std::move(evaluator)), description_(std::move(description)) {}

Result<bool> FilterOp::Next(Row& out) {
  for (;;) {
    auto more = child_->Next(out);
    if (!more.ok() || !*more) return more;
    auto keep = evaluator_.EvaluateBoolean(out);
    if (!keep.ok()) return keep.status();
    if (keep.value() == std::optional<bool>(true)) return true;
  }
}

ExtendOp::ExtendOp(OperatorPtr child, std::size_t slot, ExpressionEvaluator evaluator, std::string description)
    : child_(std::move(child)), slot_(slot), evaluator_(std::move(evaluator)), description_(std::move(description)) {}

Result<bool> ExtendOp::Next(Row& out) {
  auto more = child_->Next(out);
  if (!more.ok() || !*more) return more;
  auto value = evaluator_.Evaluate(out);
  if (!value.ok()) return value.status();
  if (value.value() && out[slot_].is_none()) out[slot_] = *value.value();
  return true;
}

// ---- Union ----
Status UnionOp::Open(const Row& input) {
  on_right_ = false;
  input_ = input;
  return left_->Open(input);
}

Result<bool> UnionOp::Next(Row& out) {
  if (!on_right_) {
    auto more = left_->Next(out);
    if (!more.ok() || *more) return more;
    on_right_ = true;
    CAIRN_RETURN_IF_ERROR(right_->Open(input_));
  }
  return right_->Next(out);
}

// ---- BindJoin ----
Status BindJoin::Open(const Row& input) {
  right_open_ = false;
  return left_->Open(input);
}

Result<bool> BindJoin::Next(Row& out) {
  for (;;) {
    if (right_open_) {
      auto more = right_->Next(out);
      if (!more.ok() || *more) return more;
      right_open_ = false;
    }
    auto more = left_->Next(left_row_);
    if (!more.ok() || !*more) return more;
    CAIRN_RETURN_IF_ERROR(right_->Open(left_row_));
    right_open_ = true;
  }
}

// ---- BindLeftJoin ----
Status BindLeftJoin::Open(const Row& input) {
  right_open_ = false;
  return left_->Open(input);
}

Result<bool> BindLeftJoin::Next(Row& out) {
  for (;;) {
    if (right_open_) {
      auto more = right_->Next(out);
      if (!more.ok()) return more.status();
      if (*more) {
        if (filter_) {
          auto keep = filter_->EvaluateBoolean(out);
          if (!keep.ok()) return keep.status();
          if (keep.value() != std::optional<bool>(true)) continue;
        }
        matched_ = true;
        return true;
      }
      right_open_ = false;
      if (!matched_) {
        out = left_row_;
        return true;
      }
    }
    auto more = left_->Next(left_row_);
    if (!more.ok() || !*more) return more;
    CAIRN_RETURN_IF_ERROR(right_->Open(left_row_));
    right_open_ = true;
    matched_ = false;
  }
}

// ---- MaterializedJoin ----
MaterializedJoin::MaterializedJoin(Mode mode, OperatorPtr left, OperatorPtr right,
                                   std::optional<ExpressionEvaluator> filter, QueryContext& context)
    : mode_(mode), left_(std::move(left)), right_(std::move(right)), filter_(std::move(filter)), context_(context) {}

std::string MaterializedJoin::Describe() const {
  switch (mode_) {
    case Mode::kInner: return "hash join";
    case Mode::kLeftOuter: return filter_ ? "left join with filter" : "left join";
    case Mode::kMinus: return "minus";
  }
  return "";
}

double MaterializedJoin::EstimatedRows() const {
  if (mode_ == Mode::kInner) return left_->EstimatedRows() * std::max(1.0, right_->EstimatedRows()) / 10;
  return left_->EstimatedRows();
}

Status MaterializedJoin::Open(const Row& input) {
  right_rows_.clear();
  indexes_.clear();
  CAIRN_RETURN_IF_ERROR(right_->Open(input));
  Row row;
  for (;;) {
    CAIRN_RETURN_IF_ERROR(context_.CheckInterrupt());
    auto more = right_->Next(row);
    if (!more.ok()) return more.status();
    if (!*more) break;
    right_rows_.push_back(row);
  }
  always_bound_.clear();
  all_rows_.resize(right_rows_.size());
  for (std::size_t i = 0; i < right_rows_.size(); ++i) all_rows_[i] = i;
  if (!right_rows_.empty()) {
    for (std::size_t slot = 0; slot < right_rows_[0].size(); ++slot) {
      bool always = true;
      for (const Row& r : right_rows_) always &= !r[slot].is_none();
      if (always) always_bound_.push_back(slot);
    }
  }
  have_left_ = false;
  return left_->Open(input);
}

const std::vector<std::size_t>& MaterializedJoin::Candidates() {
  Row key_slots, key;
  for (std::size_t slot : always_bound_) {
    if (left_row_[slot].is_none()) continue;
    key_slots.push_back(TermId{slot});
    key.push_back(left_row_[slot]);
  }
  if (key_slots.empty()) return all_rows_;
  auto [it, added] = indexes_.try_emplace(key_slots);
  if (added) {
    for (std::size_t i = 0; i < right_rows_.size(); ++i) {
      Row k;
      for (TermId slot : key_slots) k.push_back(right_rows_[i][slot.bits]);
      it->second.rows[k].push_back(i);
    }
  }
  auto found = it->second.rows.find(key);
  return found == it->second.rows.end() ? no_rows_ : found->second;
}

Result<bool> MaterializedJoin::Next(Row& out) {
  for (;;) {
    CAIRN_RETURN_IF_ERROR(context_.CheckInterrupt());
    if (!have_left_) {
      auto more = left_->Next(left_row_);
      if (!more.ok() || !*more) return more;
      have_left_ = true;
      next_right_ = 0;
      matched_ = false;
      candidates_ = &Candidates();
    }
    if (mode_ == Mode::kMinus) {
      have_left_ = false;
      bool removed = false;
      for (std::size_t index : *candidates_) {
        const Row& r = right_rows_[index];
        bool shares = false;
        for (std::size_t i = 0; i < r.size(); ++i) shares |= !r[i].is_none() && !left_row_[i].is_none();
        if (shares && Compatible(left_row_, r)) {
          removed = true;
          break;
        }
      }
      if (!removed) {
        out = left_row_;
        return true;
      }
      continue;
    }
    while (next_right_ < candidates_->size()) {
      const Row& r = right_rows_[(*candidates_)[next_right_++]];
      if (!Compatible(left_row_, r)) continue;
      Row merged = left_row_;
      MergeInto(merged, r);
      if (filter_) {
        auto keep = filter_->EvaluateBoolean(merged);
        if (!keep.ok()) return keep.status();
        if (keep.value() != std::optional<bool>(true)) continue;
      }
      matched_ = true;
      out = std::move(merged);
      return true;
    }
    have_left_ = false;
    if (mode_ == Mode::kLeftOuter && !matched_) {
      out = left_row_;
      return true;
    }
  }
}

// ---- GraphIteration ----
Status GraphIteration::Open(const Row& input) {
  input_ = input;
  next_graph_ = 0;
  open_ = false;
  return Status::OK();
}

Status GraphIteration::OpenNext() {
  TermId bound = input_[slot_];
  while (next_graph_ < graphs_.size()) {
    TermId g = graphs_[next_graph_++];
    if (!bound.is_none() && bound != g) continue;
    *current_ = g;
    Row inner = input_;
    inner[slot_] = TermId::None();  // ?g is not in scope inside P
    CAIRN_RETURN_IF_ERROR(child_->Open(inner));
    open_ = true;
    return Status::OK();
  }
  open_ = false;
  return Status::OK();
}

Result<bool> GraphIteration::Next(Row& out) {
  for (;;) {
    if (!open_) {
      CAIRN_RETURN_IF_ERROR(OpenNext());
      if (!open_) return false;
    }
    auto more = child_->Next(out);
    if (!more.ok()) return more.status();
    if (!*more) {
      open_ = false;
      continue;
    }
    if (!out[slot_].is_none() && out[slot_] != *current_) continue;
    out[slot_] = *current_;
    return true;
  }
}

// ---- Service ----
Status ServiceOp::Open(const Row& input) {
  input_ = input;
  next_ = 0;
  rows_.clear();
  auto rows = fetch_(input);
  if (rows.ok()) {
    rows_ = std::move(rows).value();
    return Status::OK();
  }
  if (!silent_) return rows.status();
  rows_.push_back(Row(input.size()));  // SILENT: one empty solution
  return Status::OK();
}

Result<bool> ServiceOp::Next(Row& out) {
  while (next_ < rows_.size()) {
    const Row& r = rows_[next_++];
    if (!Compatible(input_, r)) continue;
    out = input_;
    MergeInto(out, r);
    return true;
  }
  return false;
}

// ---- Values ----
Status ValuesOp::Open(const Row& input) {
  input_ = input;
  next_ = 0;
  return Status::OK();
}

Result<bool> ValuesOp::Next(Row& out) {
  while (next_ < rows_.size()) {
    const Row& r = rows_[next_++];
    Row merged = input_;
    merged.resize(r.size());
    if (!Compatible(merged, r)) continue;
    MergeInto(merged, r);
    out = std::move(merged);
    return true;
  }
  return false;
}

// ---- Project ----
ProjectOp::ProjectOp(OperatorPtr child, std::vector<std::size_t> keep, std::size_t width)
    : child_(std::move(child)), keep_(width, false) {
  for (std::size_t slot : keep) keep_[slot] = true;
}

Result<bool> ProjectOp::Next(Row& out) {
  auto more = child_->Next(out);
  if (!more.ok() || !*more) return more;
  for (std::size_t i = 0; i < out.size(); ++i)
    if (!keep_[i]) out[i] = TermId::None();
  return true;
}

// ---- Distinct ----
Status DistinctOp::Open(const Row& input) {
  seen_.clear();
  return child_->Open(input);
}

Result<bool> DistinctOp::Next(Row& out) {
  for (;;) {
    auto more = child_->Next(out);
    if (!more.ok() || !*more) return more;
    if (seen_.insert(out).second) return true;
  }
}

// ---- Slice ----
std::string SliceOp::Describe() const {
  std::string d = "slice offset " + std::to_string(offset_);
  if (limit_) d += " limit " + std::to_string(*limit_);
  return d;
}

double SliceOp::EstimatedRows() const {
  double rows = std::max(0.0, child_->EstimatedRows() - static_cast<double>(offset_));
  return limit_ ? std::min(rows, static_cast<double>(*limit_)) : rows;
}

Status SliceOp::Open(const Row& input) {
  skipped_ = produced_ = 0;
  return child_->Open(input);
}

Result<bool> SliceOp::Next(Row& out) {
  if (limit_ && produced_ >= *limit_) return false;
  for (;;) {
    auto more = child_->Next(out);
    if (!more.ok() || !*more) return more;
    if (skipped_ < offset_) {
      ++skipped_;
      continue;
    }
    ++produced_;
    return true;
  }
}

// ---- OrderBy ----
OrderByOp::OrderByOp(OperatorPtr child, std::vector<std::pair<ExpressionEvaluator, bool>> keys, QueryContext& context)
    : child_(std::move(child)), keys_(std::move(keys)), context_(context) {}

Status OrderByOp::Open(const Row& input) {
  rows_.clear();
  next_ = 0;
  CAIRN_RETURN_IF_ERROR(child_->Open(input));
  std::vector<std::vector<TermId>> key_values;
  Row row;
  for (;;) {
    CAIRN_RETURN_IF_ERROR(context_.CheckInterrupt());
    auto more = child_->Next(row);
    if (!more.ok()) return more.status();
    if (!*more) break;
    std::vector<TermId> values;
    for (auto& [key, descending] : keys_) {
      auto v = key.Evaluate(row);
      if (!v.ok()) return v.status();
      values.push_back(v.value().value_or(TermId::None()));  // errors sort like unbound
    }
    key_values.push_back(std::move(values));
    rows_.push_back(row);
  }
  std::vector<std::size_t> order(rows_.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      int c = CompareForOrderBy(key_values[a][k], key_values[b][k], context_);
      if (c != 0) return keys_[k].second ? c > 0 : c < 0;
    }
    return false;
  });
  std::vector<Row> sorted;
  sorted.reserve(rows_.size());
  for (std::size_t i : order) sorted.push_back(std::move(rows_[i]));
  rows_ = std::move(sorted);
  return Status::OK();
}

Result<bool> OrderByOp::Next(Row& out) {
  if (next_ >= rows_.size()) return false;
  out = std::move(rows_[next_++]);
  return true;
}

// ---- Group ----
GroupOp::GroupOp(OperatorPtr child, std::vector<std::size_t> keys, std::vector<AggregateSlot> aggregates,
                 std::size_t width, QueryContext& context)
    : child_(std::move(child)), keys_(std::move(keys)), aggregates_(std::move(aggregates)), width_(width),
      context_(context) {}

Status GroupOp::Open(const Row& input) {
  output_.clear();
  next_ = 0;
  CAIRN_RETURN_IF_ERROR(child_->Open(input));
  struct Group {
    Row key_row;
    std::vector<AggregateAccumulator> accumulators;
  };
  absl::flat_hash_map<Row, std::size_t, RowHash> index;
  std::vector<Group> groups;
  auto new_group = [&](const Row& row) {
    Group g;
    g.key_row.assign(width_, TermId::None());
    for (std::size_t k : keys_) g.key_row[k] = row[k];
    for (const AggregateSlot& a : aggregates_) g.accumulators.emplace_back(a.aggregate, context_);
    groups.push_back(std::move(g));
    return groups.size() - 1;
  };
  Row row, key;
  for (;;) {
    CAIRN_RETURN_IF_ERROR(context_.CheckInterrupt());
    auto more = child_->Next(row);
    if (!more.ok()) return more.status();
    if (!*more) break;
    key.clear();
    for (std::size_t k : keys_) key.push_back(row[k]);
    auto [it, added] = index.try_emplace(key, 0);
    if (added) it->second = new_group(row);
    Group& g = groups[it->second];
    for (std::size_t i = 0; i < aggregates_.size(); ++i) {
      AggregateSlot& a = aggregates_[i];
      if (!a.argument) {
        g.accumulators[i].AddRow(row);  // COUNT(*): the row itself (COUNT(DISTINCT *) compares rows)
        continue;
      }
      auto v = a.argument->Evaluate(row);
      if (!v.ok()) return v.status();
      g.accumulators[i].Add(v.value());
    }
  }
  // With no GROUP BY, aggregating nothing still gives one group (COUNT(*) = 0).
  if (groups.empty() && keys_.empty()) new_group(Row(width_));
  for (Group& g : groups) {
    Row out = g.key_row;
    for (std::size_t i = 0; i < aggregates_.size(); ++i) {
      if (auto v = g.accumulators[i].Finish()) out[aggregates_[i].slot] = *v;
    }
    output_.push_back(std::move(out));
  }
  return Status::OK();
}

Result<bool> GroupOp::Next(Row& out) {
  if (next_ >= output_.size()) return false;
  out = std::move(output_[next_++]);
  return true;
}

// ---- explain ----
namespace {
void Explain(const Operator& op, int depth, std::string& out) {
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  char estimate[32];
  std::snprintf(estimate, sizeof estimate, " (~%.0f rows)", op.EstimatedRows());
  out += op.Describe();
  out += estimate;
  out += '\n';
  for (const Operator* child : op.children()) Explain(*child, depth + 1, out);
}
}  // namespace

std::string ExplainPlan(const Operator& root) {
  std::string out;
  Explain(root, 0, out);
  return out;
}

}  // namespace cairn::sparql
