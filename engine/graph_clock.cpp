#include "engine/graph_clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <set>

#include "sparql/update.h"
#include "vocab/vocab.h"

namespace cairn {
namespace {

// The graphs whose content differs between two statistics snapshots (TermId::None(): default).
std::set<TermId> ChangedGraphs(const Statistics& before, const Statistics& after) {
  std::set<TermId> changed;
  auto a = before.graph_triples.begin(), b = after.graph_triples.begin();
  while (a != before.graph_triples.end() || b != after.graph_triples.end()) {
    if (b == after.graph_triples.end() || (a != before.graph_triples.end() && a->first < b->first)) {
      changed.insert((a++)->first);
    } else if (a == before.graph_triples.end() || b->first < a->first) {
      changed.insert((b++)->first);
    } else {
      if (a->second != b->second) changed.insert(a->first);
      ++a, ++b;
    }
  }
  auto same = [](const PredicateStats& x, const PredicateStats& y) {
    return x.triples == y.triples && x.distinct_subjects == y.distinct_subjects && x.distinct_objects == y.distinct_objects;
  };
  auto p = before.predicates.begin(), q = after.predicates.begin();
  while (p != before.predicates.end() || q != after.predicates.end()) {
    if (q == after.predicates.end() || (p != before.predicates.end() && p->first < q->first)) {
      changed.insert((p++)->first.first);
    } else if (p == before.predicates.end() || q->first < p->first) {
      changed.insert((q++)->first.first);
    } else {
      if (!same(p->second, q->second)) changed.insert(p->first.first);
      ++p, ++q;
    }
  }
  return changed;
}

}  // namespace

bool IsReservedGraph(std::string_view iri) { return iri.substr(0, kReservedGraphPrefix.size()) == kReservedGraphPrefix; }

std::string NowDateTime() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
  return text;
}

GraphClockMark::GraphClockMark(QuadStore& store) : store_(store), before_(store.Snapshot()->statistics()) {}

GraphClockMark::~GraphClockMark() {
  if (!recorded_) (void)Record();
}

void GraphClockMark::Touch(const Term& graph) { touched_.push_back(graph); }
void GraphClockMark::Touch(const std::vector<Term>& graphs) { touched_.insert(touched_.end(), graphs.begin(), graphs.end()); }

Status GraphClockMark::Record() {
  recorded_ = true;
  auto view = store_.Snapshot();
  std::set<std::string> graphs;
  for (TermId id : ChangedGraphs(before_, view->statistics())) {
    if (id.is_none()) continue;
    auto term = view->Decode(id);
    if (!term.ok()) return term.status();
    if (term->is_iri() && !IsReservedGraph(term->value)) graphs.insert(term->value);
  }
  for (const Term& t : touched_) {
    if (t.is_iri() && !IsReservedGraph(t.value)) graphs.insert(t.value);
  }
  if (graphs.empty()) return Status::OK();
  return StampGraphs(store_, {graphs.begin(), graphs.end()}, NowDateTime());
}

namespace {

constexpr std::string_view kClockKey = "graph-clock";

// The clock's bookkeeping value: one "<xsd:dateTime>\t<graph IRI>\n" line per graph (IRIs hold
// neither tabs nor newlines).
Result<std::map<std::string, std::string>> ParseClock(const ReadView& view) {
  std::map<std::string, std::string> times;
  auto value = view.Bookkeeping(kClockKey);
  if (!value.ok()) return value.status();
  if (!*value) return times;
  std::string_view text = **value;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    std::size_t tab = line.find('\t');
    if (tab != std::string_view::npos) times[std::string(line.substr(tab + 1))] = std::string(line.substr(0, tab));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return times;
}

}  // namespace

Status StampGraphs(QuadStore& store, const std::vector<std::string>& graphs, const std::string& when) {
  auto txn = store.BeginWrite();
  if (!txn.ok()) return txn.status();
  auto times = ParseClock((*txn)->view());
  if (!times.ok()) return times.status();
  for (const std::string& graph : graphs) {
    std::string& slot = (*times)[graph];
    if (when > slot) slot = when;
  }
  std::string value;
  for (const auto& [graph, time] : *times) value += time + "\t" + graph + "\n";
  CAIRN_RETURN_IF_ERROR((*txn)->PutBookkeeping(kClockKey, value));
  return (*txn)->Commit();
}

Result<std::map<std::string, std::string>> ReadGraphClock(const ReadView& view) { return ParseClock(view); }

std::vector<Term> GraphsNamedBy(const sparql::Update& update) {
  std::vector<Term> graphs;
  auto target = [&](const sparql::GraphTarget& t) {
    if (t.kind == sparql::GraphTarget::Kind::kGraph) graphs.push_back(t.graph);
  };
  for (const sparql::UpdateOperation& op : update.operations) {
    for (const Quad& q : op.data) graphs.push_back(q.graph);
    for (const auto* templates : {&op.delete_template, &op.insert_template}) {
      for (const sparql::QuadTemplate& t : *templates) {
        if (t.graph && std::holds_alternative<Term>(*t.graph)) graphs.push_back(std::get<Term>(*t.graph));
      }
    }
    if (op.with_graph) graphs.push_back(*op.with_graph);
    if (op.destination) graphs.push_back(*op.destination);
    if (op.kind == sparql::UpdateOperation::Kind::kClear || op.kind == sparql::UpdateOperation::Kind::kDrop ||
        op.kind == sparql::UpdateOperation::Kind::kCreate) {
      target(op.target);
    }
    if (op.kind == sparql::UpdateOperation::Kind::kAdd || op.kind == sparql::UpdateOperation::Kind::kMove ||
        op.kind == sparql::UpdateOperation::Kind::kCopy) {
      target(op.to);
      if (op.kind == sparql::UpdateOperation::Kind::kMove) target(op.from);
    }
  }
  return graphs;
}

}  // namespace cairn
