#include "sparql/eval/path_scan.h"

#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <deque>

namespace cairn::sparql {

namespace {
struct PairHash {
  std::size_t operator()(const std::pair<TermId, TermId>& p) const {
    return TermIdHash()(p.first) * 31 + TermIdHash()(p.second);
  }
};

void Distinct(std::vector<std::pair<TermId, TermId>>& pairs) {
  absl::flat_hash_set<std::pair<TermId, TermId>, PairHash> seen;
  std::vector<std::pair<TermId, TermId>> out;
  for (const auto& p : pairs)
    if (seen.insert(p).second) out.push_back(p);
  pairs = std::move(out);
}
}  // namespace

PathScan::PathScan(OperatorPtr child, PatternPosition subject, CompiledPath path, PatternPosition object,
                   ActiveGraph graph, const DatasetScope& dataset, QueryContext& context)
    : child_(std::move(child)),
      subject_(subject),
      object_(object),
      path_(std::move(path)),
      graph_(graph),
      dataset_(dataset),
      context_(context) {}

Status PathScan::Open(const Row& input) {
  pending_.clear();
  next_ = 0;
  return child_->Open(input);
}

Result<bool> PathScan::Next(Row& out) {
  while (next_ >= pending_.size()) {
    pending_.clear();
    next_ = 0;
    auto more = child_->Next(current_);
    if (!more.ok() || !*more) return more;
    CAIRN_RETURN_IF_ERROR(FillForRow());
  }
  out = std::move(pending_[next_++]);
  return true;
}

std::vector<std::pair<GraphSelector, TermId>> PathScan::GraphsForRow() {
  std::vector<std::pair<GraphSelector, TermId>> graphs;  // (selector, value to bind to the graph variable)
  auto named = [&]() {
    return dataset_.named_graphs ? *dataset_.named_graphs : context_.view().NamedGraphs();
  };
  switch (graph_.kind) {
    case ActiveGraph::Kind::kDefault:
      if (!dataset_.default_graphs) {
        graphs.emplace_back(GraphSelector::Default(), TermId::None());
      } else {
        // A path over a merged default graph: evaluate in each graph (an approximation when
        // paths cross graphs; FROM with several graphs and paths is rare).
        for (TermId g : *dataset_.default_graphs) graphs.emplace_back(GraphSelector::One(g), TermId::None());
      }
      break;
    case ActiveGraph::Kind::kNamedConstant: {
      auto all = named();
      if (!graph_.graph.is_none() && std::find(all.begin(), all.end(), graph_.graph) != all.end())
        graphs.emplace_back(GraphSelector::One(graph_.graph), TermId::None());
      break;
    }
    case ActiveGraph::Kind::kIterated:
      graphs.emplace_back(GraphSelector::One(*graph_.current), TermId::None());
      break;
    case ActiveGraph::Kind::kNamedVariable: {
      TermId bound = current_[graph_.slot];
      for (TermId g : named())
        if (bound.is_none() || bound == g) graphs.emplace_back(GraphSelector::One(g), g);
      break;
    }
  }
  return graphs;
}

Status PathScan::FillForRow() {
  auto value = [&](const PatternPosition& p) -> TermId {
    if (!p.is_variable()) return *p.constant;  // interned: a term the store lacks has a local id
    return current_[p.slot];
  };
  TermId start = value(subject_), end = value(object_);
  for (auto& [selector, graph_value] : GraphsForRow()) {
    Pairs pairs;
    CAIRN_RETURN_IF_ERROR(Evaluate(path_, start, end, selector, pairs));
    for (const auto& [s, o] : pairs) {
      Row row = current_;
      auto bind = [&](const PatternPosition& p, TermId v) {
        if (!p.is_variable()) return true;
        if (row[p.slot].is_none()) {
          row[p.slot] = v;
          return true;
        }
        return row[p.slot] == v;
      };
      if (!bind(subject_, s) || !bind(object_, o)) continue;
      if (graph_.kind == ActiveGraph::Kind::kNamedVariable) row[graph_.slot] = graph_value;
      pending_.push_back(std::move(row));
    }
  }
  return Status::OK();
}

Status PathScan::Link(TermId predicate, TermId start, TermId end, const GraphSelector& graph, Pairs& out) {
  if (predicate.is_none() || IsLocalId(start) || IsLocalId(end)) return Status::OK();
  auto it = context_.view().Scan(QuadPattern{start, predicate, end, graph});
  for (; it->Valid(); it->Next()) {
    CAIRN_RETURN_IF_ERROR(context_.CheckInterrupt());
    out.emplace_back(it->quad().subject, it->quad().object);
  }
  return it->status();
}

Status PathScan::AllNodes(const GraphSelector& graph, std::vector<TermId>& nodes) {
  absl::flat_hash_set<TermId, TermIdHash> seen;
  auto it = context_.view().Scan(QuadPattern{{}, {}, {}, graph});
  for (; it->Valid(); it->Next()) {
    CAIRN_RETURN_IF_ERROR(context_.CheckInterrupt());
    for (TermId t : {it->quad().subject, it->quad().object})
      if (seen.insert(t).second) nodes.push_back(t);
  }
  return it->status();
}

Status PathScan::Closure(const CompiledPath& step, TermId start, TermId end, bool include_zero,
                         const GraphSelector& graph, Pairs& out) {
  // Walk from the bound end (backwards over the inverse step when only the object is bound).
  bool backwards = start.is_none() && !end.is_none();
  std::vector<TermId> starts;
  if (!start.is_none()) starts.push_back(start);
  else if (!end.is_none()) starts.push_back(end);
  else CAIRN_RETURN_IF_ERROR(AllNodes(graph, starts));
  for (TermId origin : starts) {
    absl::flat_hash_set<TermId, TermIdHash> reached;
    std::deque<TermId> frontier{origin};
    if (include_zero) reached.insert(origin);
    absl::flat_hash_set<TermId, TermIdHash> expanded;
    while (!frontier.empty()) {
      TermId node = frontier.front();
      frontier.pop_front();
      if (!expanded.insert(node).second) continue;
      Pairs next;
      CAIRN_RETURN_IF_ERROR(backwards ? Evaluate(step, TermId::None(), node, graph, next)
                                      : Evaluate(step, node, TermId::None(), graph, next));
      for (const auto& [s, o] : next) {
        TermId other = backwards ? s : o;
        if (reached.insert(other).second) frontier.push_back(other);
        else if (!expanded.count(other)) frontier.push_back(other);
      }
    }
    for (TermId r : reached) {
      std::pair<TermId, TermId> pair = backwards ? std::make_pair(r, origin) : std::make_pair(origin, r);
      if (!start.is_none() && pair.first != start) continue;
      if (!end.is_none() && pair.second != end) continue;
      out.push_back(pair);
    }
  }
  return Status::OK();
}

Status PathScan::Evaluate(const CompiledPath& path, TermId start, TermId end, const GraphSelector& graph, Pairs& out) {
  CAIRN_RETURN_IF_ERROR(context_.CheckInterrupt());
  using Kind = PropertyPath::Kind;
  switch (path.kind) {
    case Kind::kLink: return Link(path.iri, start, end, graph, out);
    case Kind::kInverse: {
      Pairs reversed;
      CAIRN_RETURN_IF_ERROR(Evaluate(path.children[0], end, start, graph, reversed));
      for (const auto& [a, b] : reversed) out.emplace_back(b, a);
      return Status::OK();
    }
    case Kind::kSequence: {
      Pairs first;
      bool from_end = start.is_none() && !end.is_none();
      if (from_end) {
        Pairs second;
        CAIRN_RETURN_IF_ERROR(Evaluate(path.children[1], TermId::None(), end, graph, second));
        for (const auto& [mid, e] : second) {
          Pairs left;
          CAIRN_RETURN_IF_ERROR(Evaluate(path.children[0], start, mid, graph, left));
          for (const auto& [s, m] : left) out.emplace_back(s, e);
        }
        return Status::OK();
      }
      CAIRN_RETURN_IF_ERROR(Evaluate(path.children[0], start, TermId::None(), graph, first));
      for (const auto& [s, mid] : first) {
        Pairs right;
        CAIRN_RETURN_IF_ERROR(Evaluate(path.children[1], mid, end, graph, right));
        for (const auto& [m, e] : right) out.emplace_back(s, e);
      }
      return Status::OK();
    }
    case Kind::kAlternative:
      CAIRN_RETURN_IF_ERROR(Evaluate(path.children[0], start, end, graph, out));
      return Evaluate(path.children[1], start, end, graph, out);
    case Kind::kZeroOrMore:
    case Kind::kOneOrMore: {
      Pairs pairs;
      CAIRN_RETURN_IF_ERROR(Closure(path.children[0], start, end, path.kind == Kind::kZeroOrMore, graph, pairs));
      Distinct(pairs);
      out.insert(out.end(), pairs.begin(), pairs.end());
      return Status::OK();
    }
    case Kind::kZeroOrOne: {
      Pairs pairs;
      if (!start.is_none() && !end.is_none()) {
        if (start == end) pairs.emplace_back(start, end);
      } else if (!start.is_none()) {
        pairs.emplace_back(start, start);
      } else if (!end.is_none()) {
        pairs.emplace_back(end, end);
      } else {
        std::vector<TermId> nodes;
        CAIRN_RETURN_IF_ERROR(AllNodes(graph, nodes));
        for (TermId n : nodes) pairs.emplace_back(n, n);
      }
      CAIRN_RETURN_IF_ERROR(Evaluate(path.children[0], start, end, graph, pairs));
      Distinct(pairs);
      out.insert(out.end(), pairs.begin(), pairs.end());
      return Status::OK();
    }
    case Kind::kNegatedSet: {
      auto scan_excluding = [&](const std::vector<TermId>& excluded, TermId s, TermId o, bool reverse) -> Status {
        if (IsLocalId(s) || IsLocalId(o)) return Status::OK();
        auto it = context_.view().Scan(QuadPattern{s, TermId::None(), o, graph});
        for (; it->Valid(); it->Next()) {
          CAIRN_RETURN_IF_ERROR(context_.CheckInterrupt());
          const QuadIds& q = it->quad();
          if (std::find(excluded.begin(), excluded.end(), q.predicate) != excluded.end()) continue;
          if (reverse) out.emplace_back(q.object, q.subject);
          else out.emplace_back(q.subject, q.object);
        }
        return it->status();
      };
      bool forward = !path.forward.empty() || path.inverse.empty();
      if (forward) CAIRN_RETURN_IF_ERROR(scan_excluding(path.forward, start, end, false));
      if (!path.inverse.empty()) CAIRN_RETURN_IF_ERROR(scan_excluding(path.inverse, end, start, true));
      return Status::OK();
    }
  }
  return Status::OK();
}

}  // namespace cairn::sparql
