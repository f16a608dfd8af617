#include "storage/statistics.h"

#include "storage/key_codec.h"

namespace cairn {

std::uint64_t Statistics::total_triples() const {
  std::uint64_t total = 0;
  for (const auto& [graph, n] : graph_triples) total += n;
  return total;
}

std::size_t Statistics::named_graph_count() const {
  std::size_t n = 0;
  for (const auto& [graph, triples] : graph_triples) n += graph.is_none() ? 0 : 1;
  return n;
}

std::map<TermId, PredicateStats> Statistics::PredicatesAllGraphs() const {
  std::map<TermId, PredicateStats> out;
  for (const auto& [key, s] : predicates) {
    PredicateStats& t = out[key.second];
    t.triples += s.triples;
    t.distinct_subjects += s.distinct_subjects;
    t.distinct_objects += s.distinct_objects;
  }
  return out;
}

std::string Statistics::GraphKey(TermId graph) {
  std::string key = "G";
  AppendBigEndian64(graph.bits, key);
  return key;
}

std::string Statistics::PredicateKey(TermId graph, TermId predicate) {
  std::string key = "P";
  AppendBigEndian64(graph.bits, key);
  AppendBigEndian64(predicate.bits, key);
  return key;
}

std::string Statistics::EncodeCount(std::uint64_t triples) {
  std::string v;
  AppendBigEndian64(triples, v);
  return v;
}

std::string Statistics::EncodePredicate(const PredicateStats& s) {
  std::string v;
  AppendBigEndian64(s.triples, v);
  AppendBigEndian64(s.distinct_subjects, v);
  AppendBigEndian64(s.distinct_objects, v);
  return v;
}

bool Statistics::LoadEntry(std::string_view key, std::string_view value) {
  if (key.size() == 9 && key[0] == 'G' && value.size() == 8) {
    graph_triples[TermId{ReadBigEndian64(key.substr(1))}] = ReadBigEndian64(value);
    return true;
  }
  if (key.size() == 17 && key[0] == 'P' && value.size() == 24) {
    PredicateStats s{ReadBigEndian64(value), ReadBigEndian64(value.substr(8)),
                     ReadBigEndian64(value.substr(16))};
    predicates[{TermId{ReadBigEndian64(key.substr(1))}, TermId{ReadBigEndian64(key.substr(9))}}] = s;
    return true;
  }
  return false;
}

}  // namespace cairn
