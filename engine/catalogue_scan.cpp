#include "engine/catalogue_scan.h"

#include <algorithm>
#include <memory>
#include <tuple>

namespace cairn {
namespace {

auto Key(const QuadIds& q) { return std::make_tuple(q.subject.bits, q.predicate.bits, q.object.bits); }

}  // namespace

Status ForEachDistinctTriple(const ReadView& view, const std::vector<TermId>& graphs,
                             const std::function<Status(const QuadIds&)>& sink) {
  std::vector<std::unique_ptr<QuadIterator>> scans;
  for (TermId g : graphs) {
    scans.push_back(view.Scan(QuadPattern{TermId::None(), TermId::None(), TermId::None(), GraphSelector::One(g)}));
  }
  // A handful of graphs per dataset: a linear pick of the smallest head beats a heap.
  while (true) {
    QuadIterator* least = nullptr;
    for (auto& scan : scans) {
      if (!scan->Valid()) {
        CAIRN_RETURN_IF_ERROR(scan->status());
        continue;
      }
      if (!least || Key(scan->quad()) < Key(least->quad())) least = scan.get();
    }
    if (!least) return Status::OK();
    QuadIds triple = least->quad();
    triple.graph = TermId::None();
    CAIRN_RETURN_IF_ERROR(sink(triple));
    for (auto& scan : scans) {
      while (scan->Valid() && Key(scan->quad()) == Key(triple)) scan->Next();
    }
  }
}

Result<std::vector<TermId>> GraphIds(const ReadView& view, const std::vector<std::string>& iris) {
  std::vector<TermId> named = view.NamedGraphs();
  std::vector<TermId> ids;
  for (const std::string& iri : iris) {
    auto id = view.Lookup(Term::Iri(iri));
    if (!id.ok()) return id.status();
    if (*id && std::find(named.begin(), named.end(), **id) != named.end()) ids.push_back(**id);
  }
  return ids;
}

}  // namespace cairn
