#include "engine/resource_description.h"

#include <string>
#include <unordered_set>

#include "vocab/vocab.h"

namespace cairn {
namespace {

struct TripleIds {
  TermId s, p, o;
  friend bool operator==(const TripleIds&, const TripleIds&) = default;
};
struct TripleIdsHash {
  std::size_t operator()(const TripleIds& t) const {
    TermIdHash h;
    return h(t.s) * 31 * 31 + h(t.p) * 31 + h(t.o);
  }
};

// Collects triples once each (the same triple may be in several graphs) and decodes them.
class Collector {
 public:
  Collector(const ReadView& view) : decoder_(view) {}
  // false when the triple was seen before.
  Result<bool> Add(const QuadIds& q, std::vector<Quad>& out) {
    if (!seen_.insert({q.subject, q.predicate, q.object}).second) return false;
    Quad quad;
    QuadIds triple = q;
    triple.graph = TermId::None();
    CAIRN_RETURN_IF_ERROR(decoder_.DecodeQuad(triple, quad));
    out.push_back(std::move(quad));
    return true;
  }
  TermDecoder& decoder() { return decoder_; }

 private:
  TermDecoder decoder_;
  std::unordered_set<TripleIds, TripleIdsHash> seen_;
};

QuadPattern AllGraphs(TermId s, TermId p, TermId o) { return {s, p, o, GraphSelector::All()}; }

}  // namespace

const std::vector<std::string>& LabelPredicates() {
  static const std::vector<std::string> predicates = {
      std::string(vocab::rdfs::kLabel),
      std::string(vocab::skos::kNamespace) + "prefLabel",
      std::string(vocab::dcterms::kNamespace) + "title",
      std::string(vocab::foaf::kNamespace) + "name",
      "http://schema.org/name",
  };
  return predicates;
}

Result<ResourceDescription> DescribeResource(Store& store, const Term& resource, const DescribeOptions& options) {
  ResourceDescription d;
  auto view = store.quad_store().Snapshot();
  auto id = view->Lookup(resource);
  if (!id.ok()) return id.status();
  if (!*id) return d;
  Collector collector(*view);

  // Outbound: the resource's triples, then breadth-first through the blank nodes they reach.
  std::vector<TermId> frontier = {**id};
  std::unordered_set<TermId, TermIdHash> visited = {**id};
  std::vector<TermId> mentioned;
  while (!frontier.empty() && !d.outbound_truncated) {
    TermId subject = frontier.back();
    frontier.pop_back();
    auto it = view->Scan(AllGraphs(subject, TermId::None(), TermId::None()));
    for (; it->Valid(); it->Next()) {
      if (d.outbound.size() >= options.max_outbound) {
        d.outbound_truncated = true;
        break;
      }
      const QuadIds& q = it->quad();
      auto added = collector.Add(q, d.outbound);
      if (!added.ok()) return added.status();
      if (!*added) continue;
      mentioned.push_back(q.predicate);
      mentioned.push_back(q.object);
      if (q.object.is_blank() && visited.insert(q.object).second) frontier.push_back(q.object);
    }
    CAIRN_RETURN_IF_ERROR(it->status());
  }

  // Inbound: one page. Skipping counts distinct triples, so pages do not overlap.
  std::size_t skipped = 0;
  auto it = view->Scan(AllGraphs(TermId::None(), TermId::None(), **id));
  for (; it->Valid(); it->Next()) {
    const QuadIds& q = it->quad();
    if (d.inbound.size() == options.inbound_limit) {
      std::vector<Quad> scratch;
      auto added = collector.Add(q, scratch);
      if (!added.ok()) return added.status();
      if (*added) {
        d.more_inbound = true;
        break;
      }
      continue;
    }
    std::vector<Quad> one;
    auto added = collector.Add(q, one);
    if (!added.ok()) return added.status();
    if (!*added) continue;
    if (skipped < options.inbound_offset) {
      ++skipped;
      continue;
    }
    d.inbound.push_back(std::move(one.front()));
    mentioned.push_back(q.subject);
    mentioned.push_back(q.predicate);
  }
  CAIRN_RETURN_IF_ERROR(it->status());

  // Labels of the IRIs mentioned (and of the resource itself, for a title).
  std::vector<TermId> label_ids;
  for (const std::string& p : LabelPredicates()) {
    auto pid = view->Lookup(Term::Iri(p));
    if (!pid.ok()) return pid.status();
    if (*pid) label_ids.push_back(**pid);
  }
  std::unordered_set<TermId, TermIdHash> labelled;
  mentioned.insert(mentioned.begin(), **id);
  for (TermId target : mentioned) {
    if (!target.is_iri() || labelled.size() >= options.max_labelled || !labelled.insert(target).second) continue;
    for (TermId p : label_ids) {
      auto lt = view->Scan(AllGraphs(target, p, TermId::None()));
      for (; lt->Valid(); lt->Next()) {
        std::vector<Quad>& out = target == **id ? d.outbound : d.labels;
        auto added = collector.Add(lt->quad(), out);
        if (!added.ok()) return added.status();
      }
      CAIRN_RETURN_IF_ERROR(lt->status());
    }
  }
  return d;
}

}  // namespace cairn
