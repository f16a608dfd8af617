// PathScan: property path patterns (section 9, 18.4). For each input row it evaluates the path
// between the (possibly bound) subject and object in the active graph and binds the ends.
// Sequences and alternatives keep duplicates (they translate to joins and unions); the
// arbitrary-length forms (*, +) and ? produce distinct pairs, as the spec's ALP functions do.
// A * or ? path from a constant that is not in the graph still matches the zero-length path.
#pragma once

#include "sparql/algebra.h"
#include "sparql/eval/dataset_scope.h"
#include "sparql/eval/operator.h"
#include "sparql/eval/pattern_scan.h"

namespace cairn::sparql {

// A property path with its IRIs resolved to store ids (None: the store lacks the IRI).
struct CompiledPath {
  PropertyPath::Kind kind = PropertyPath::Kind::kLink;
  TermId iri;
  std::vector<CompiledPath> children;
  std::vector<TermId> forward, inverse;  // negated property set
};

class PathScan final : public Operator {
 public:
  PathScan(OperatorPtr child, PatternPosition subject, CompiledPath path, PatternPosition object, ActiveGraph graph,
           const DatasetScope& dataset, QueryContext& context);
  Status Open(const Row& input) override;
  Result<bool> Next(Row& out) override;
  std::string Describe() const override { return "property path"; }
  std::vector<const Operator*> children() const override { return {child_.get()}; }
  double EstimatedRows() const override { return child_->EstimatedRows() * 10; }

 private:
  using Pairs = std::vector<std::pair<TermId, TermId>>;
  Status Evaluate(const CompiledPath& path, TermId start, TermId end, const GraphSelector& graph, Pairs& out);
  Status Link(TermId predicate, TermId start, TermId end, const GraphSelector& graph, Pairs& out);
  Status Closure(const CompiledPath& step, TermId start, TermId end, bool include_zero, const GraphSelector& graph,
                 Pairs& out);
  Status AllNodes(const GraphSelector& graph, std::vector<TermId>& nodes);
  Status FillForRow();
  std::vector<std::pair<GraphSelector, TermId>> GraphsForRow();

  OperatorPtr child_;
  PatternPosition subject_, object_;
  CompiledPath path_;
  ActiveGraph graph_;
  const DatasetScope& dataset_;
  QueryContext& context_;
  Row current_;
  std::vector<Row> pending_;
  std::size_t next_ = 0;
};

}  // namespace cairn::sparql
