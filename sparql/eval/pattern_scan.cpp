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

std::optional<GraphSelector> FixedGraph(const ActiveGraph& graph, const DatasetScope& dataset) {
  switch (graph.kind) {
    case ActiveGraph::Kind::kDefault:
      if (!dataset.default_graphs) return GraphSelector::Default();
      if (dataset.default_graphs->size() == 1) return GraphSelector::One((*dataset.default_graphs)[0]);
      return std::nullopt;
    case ActiveGraph::Kind::kNamedConstant:
      if (graph.graph.is_none()) return std::nullopt;
      if (dataset.named_graphs && std::find(dataset.named_graphs->begin(), dataset.named_graphs->end(), graph.graph) ==
                                      dataset.named_graphs->end())
        return std::nullopt;
      return GraphSelector::One(graph.graph);
    default:
      return std::nullopt;
  }
}

void PatternScan::EnableHashJoin(HashJoinOption option) {
  for (const PatternPosition& pos : positions_)
    if (!pos.is_variable() && (pos.constant->is_none() || IsLocalId(*pos.constant))) return;  // never matches
  for (int k : option.key_positions)
    if (!positions_[k].is_variable()) return;
  table_ = std::make_unique<PatternHashTable>(option.key_positions);
  hash_ = std::move(option);
}

Status PatternScan::StartLookup() {
  if (!table_->built()) {
    TermId ids[3];
    for (int i = 0; i < 3; ++i)
      if (!positions_[i].is_variable()) ids[i] = *positions_[i].constant;
    auto built = table_->Build(QuadPattern{ids[0], ids[1], ids[2], hash_->graph}, hash_->max_rows, context_);
    if (!built.ok()) return built.status();
    if (!*built) {  // bigger than the statistics said: stay an index nested loop
      hash_.reset();
      table_.reset();
      return Status::OK();
    }
  }
  PatternHashTable::Key key{0, 0, 0};
  for (std::size_t i = 0; i < hash_->key_positions.size(); ++i)
    key[i] = current_[positions_[hash_->key_positions[i]].slot].bits;
  match_ = table_->Find(key);
  from_table_ = true;
  return Status::OK();
}

bool PatternScan::MatchFromStar(Row& out) {
  // The cache holds every triple of the subject: check the predicate (and a constant object).
  const PatternPosition& p = positions_[1];
  const PatternPosition& o = positions_[2];
  while (star_next_ < star_pairs_->size()) {
    const auto& [predicate, object] = (*star_pairs_)[star_next_++];
    if (predicate != *p.constant) continue;
    if (!o.is_variable() && object != *o.constant) continue;
    out = current_;
    if (Bind(out, o, object)) return true;
  }
  return false;
}

bool PatternScan::MatchFromTable(Row& out) {
  while (match_ != PatternHashTable::kEnd) {
    const PatternHashTable::Triple& t = table_->triple(match_);
    match_ = table_->Next(match_);
    out = current_;
    if (Bind(out, positions_[0], t[0]) && Bind(out, positions_[1], t[1]) && Bind(out, positions_[2], t[2])) return true;
  }
  return false;
}

Status PatternScan::Open(const Row& input) {
  have_current_ = false;
  scanning_ = false;
  from_table_ = false;
  star_pairs_ = nullptr;
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
    if (from_table_) {
      if (MatchFromTable(out)) return true;
      from_table_ = false;
    }
    if (star_pairs_ != nullptr) {
      if (MatchFromStar(out)) return true;
      star_pairs_ = nullptr;
    }
    if (scanning_ && cursor_->Valid()) {
      QuadIds q = cursor_->quad();
      cursor_->Next();
      out = current_;  // copy-assignment reuses out's buffer: no allocation per row
      if (!Bind(out, positions_[0], q.subject) || !Bind(out, positions_[1], q.predicate) ||
          !Bind(out, positions_[2], q.object))
        continue;
      if (graph_.kind == ActiveGraph::Kind::kNamedVariable && !Bind(out, PatternPosition{std::nullopt, graph_.slot}, q.graph))
        continue;
      if (dedupe_) {
        if (!seen_.insert({q.subject.bits, q.predicate.bits, q.object.bits}).second) continue;
      }
      return true;
    }
    if (scanning_) CAIRN_RETURN_IF_ERROR(cursor_->status());
    if (have_current_ && next_selector_ < selectors_.size()) {
      pattern_.graph = selectors_[next_selector_++];
      if (!cursor_) cursor_ = context_.view().NewCursor();
      cursor_->Seek(pattern_);
      scanning_ = true;
      continue;
    }
    scanning_ = false;
    auto more = child_->Next(current_);
    if (!more.ok()) return more.status();
    if (!*more) return false;
    if (hash_ && (table_->built() || ++probes_ > hash_->after_probes)) {
      CAIRN_RETURN_IF_ERROR(StartLookup());
      if (from_table_) {
        have_current_ = false;  // no index scans for this row
        continue;
      }
    }
    if (star_ && star_->enabled()) {
      TermId subject = current_[positions_[0].slot];
      bool known = !subject.is_none() && !IsLocalId(subject) && !positions_[1].constant->is_none() &&
                   !IsLocalId(*positions_[1].constant);
      if (!known) {  // a subject or predicate the store does not have: no matches
        have_current_ = false;
        continue;
      }
      auto pairs = star_->Triples(subject, context_);
      if (!pairs.ok()) return pairs.status();
      if (*pairs != nullptr) {
        star_pairs_ = *pairs;
        star_next_ = 0;
        have_current_ = false;
        continue;
      }
    }
    have_current_ = StartScans();
  }
}

}  // namespace cairn::sparql
