#include "sparql/eval/pattern_scan.h"

#include <algorithm>

namespace cairn::sparql {

PatternScan::PatternScan(OperatorPtr child, PatternPosition s, PatternPosition p, PatternPosition o, ActiveGraph graph,
                         const DatasetScope& dataset, QueryContext& context, double estimate, std::string description)
    : child_(std::move(child)),
      positions_{s, p, o},
      graph_(graph),
      dataset_(dataset),
      context_(context),
      estimate_(estimate),
      description_(std::move(description)) {}

Status PatternScan::Open(const Row& input) {
  have_current_ = false;
  scan_.reset();
  return child_->Open(input);
}

bool PatternScan::Bind(Row& row, const PatternPosition& position, TermId value) const {
  if (!position.is_variable()) return true;
  TermId& slot = row[position.slot];
  if (slot.is_none()) {
    slot = value;
    return true;
  }
  return slot == value;  // a variable repeated in the pattern, or bound by the child
}

bool PatternScan::StartScans() {
  TermId ids[3];
  for (int i = 0; i < 3; ++i) {
    const PatternPosition& pos = positions_[i];
    if (!pos.is_variable()) {
      if (pos.constant->is_none() || IsLocalId(*pos.constant)) return false;  // not in the store
      ids[i] = *pos.constant;
    } else {
      ids[i] = current_[pos.slot];
      if (IsLocalId(ids[i])) return false;
    }
  }
  pattern_ = QuadPattern{ids[0], ids[1], ids[2], {}};
  selectors_.clear();
  next_selector_ = 0;
  dedupe_ = false;
  switch (graph_.kind) {
    case ActiveGraph::Kind::kDefault:
      if (!dataset_.default_graphs) {
        selectors_.push_back(GraphSelector::Default());
      } else {
        for (TermId g : *dataset_.default_graphs) selectors_.push_back(GraphSelector::One(g));
        dedupe_ = dataset_.default_graphs->size() > 1;
      }
      break;
    case ActiveGraph::Kind::kNamedConstant: {
      TermId g = graph_.graph;
      if (g.is_none()) return false;
      if (dataset_.named_graphs &&
          std::find(dataset_.named_graphs->begin(), dataset_.named_graphs->end(), g) == dataset_.named_graphs->end())
        return false;
      selectors_.push_back(GraphSelector::One(g));
      break;
    }
    case ActiveGraph::Kind::kIterated:
      selectors_.push_back(GraphSelector::One(*graph_.current));
      break;
    case ActiveGraph::Kind::kNamedVariable: {
      TermId bound = current_[graph_.slot];
      if (!bound.is_none()) {
        if (!bound.is_iri() && !bound.is_blank()) return false;
        if (dataset_.named_graphs && std::find(dataset_.named_graphs->begin(), dataset_.named_graphs->end(), bound) ==
                                         dataset_.named_graphs->end())
          return false;
        selectors_.push_back(GraphSelector::One(bound));
      } else if (!dataset_.named_graphs) {
        selectors_.push_back(GraphSelector::AnyNamed());
      } else {
        for (TermId g : *dataset_.named_graphs) selectors_.push_back(GraphSelector::One(g));
      }
      break;
    }
  }
  seen_.clear();
  return true;
}

Result<bool> PatternScan::Next(Row& out) {
  for (;;) {
    CAIRN_RETURN_IF_ERROR(context_.CheckInterrupt());
    if (scan_ && scan_->Valid()) {
      QuadIds q = scan_->quad();
      scan_->Next();
      Row row = current_;
      if (!Bind(row, positions_[0], q.subject) || !Bind(row, positions_[1], q.predicate) ||
          !Bind(row, positions_[2], q.object))
        continue;
      if (graph_.kind == ActiveGraph::Kind::kNamedVariable && !Bind(row, PatternPosition{std::nullopt, graph_.slot}, q.graph))
        continue;
      if (dedupe_) {
        if (!seen_.insert({q.subject.bits, q.predicate.bits, q.object.bits}).second) continue;
      }
      out = std::move(row);
      return true;
    }
    if (scan_) CAIRN_RETURN_IF_ERROR(scan_->status());
    if (have_current_ && next_selector_ < selectors_.size()) {
      pattern_.graph = selectors_[next_selector_++];
      scan_ = context_.view().Scan(pattern_);
      continue;
    }
    scan_.reset();
    auto more = child_->Next(current_);
    if (!more.ok()) return more.status();
    if (!*more) return false;
    have_current_ = StartScans();
  }
}

}  // namespace cairn::sparql
