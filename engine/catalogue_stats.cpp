#include "engine/catalogue_stats.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "engine/catalogue_scan.h"
#include "vocab/void.h"

namespace cairn {
namespace {

constexpr std::size_t kSampledSubjects = 20000;  // decoded to find the URI space and examples
constexpr std::size_t kExamples = 3;

struct PropertyCounts {
  std::uint64_t triples = 0, distinct_subjects = 0;
  std::unordered_set<std::uint64_t> objects;
};

struct PairHash {
  std::size_t operator()(const std::pair<std::uint64_t, std::uint64_t>& p) const {
    return std::hash<std::uint64_t>()(p.first * 0x9E3779B97F4A7C15ull ^ p.second);
  }
};

// What one pass over a dataset's triples leaves for the linkset step.
struct Pass {
  DatasetStatistics stats;
  std::unordered_set<std::uint64_t> subjects;
  std::unordered_map<std::pair<std::uint64_t, std::uint64_t>, std::uint64_t, PairHash> iri_objects;  // (object, predicate)
};

std::string HostOf(const std::string& iri) {
  std::size_t scheme = iri.find("://");
  if (scheme == std::string::npos) return "";
  std::size_t slash = iri.find('/', scheme + 3);
  return slash == std::string::npos ? "" : iri.substr(0, slash + 1);
}

Result<std::string> DecodeIri(const ReadView& view, TermId id) {
  auto term = view.Decode(id);
  if (!term.ok()) return term.status();
  return term->value;
}

Result<Pass> Scan(const ReadView& view, const DatasetDeclaration& d, std::optional<TermId> type_id) {
  Pass pass;
  DatasetStatistics& s = pass.stats;
  for (const Quad& q : d.triples) {
    if (q.subject.value == d.node && q.predicate.value == vocab::void_::kUriSpace) s.uri_space = q.object.value;
  }
  auto graphs = GraphIds(view, d.graphs);
  if (!graphs.ok()) return graphs.status();
  std::unordered_set<std::uint64_t> objects;
  std::unordered_map<std::uint64_t, PropertyCounts> properties;
  std::unordered_map<std::uint64_t, std::uint64_t> classes;
  std::vector<TermId> sampled;
  TermId last_subject, last_predicate;
  Status scanned = ForEachDistinctTriple(view, *graphs, [&](const QuadIds& q) {
    ++s.triples;
    bool new_subject = q.subject != last_subject || s.triples == 1;
    if (new_subject) {
      ++s.distinct_subjects;
      pass.subjects.insert(q.subject.bits);
      if (q.subject.is_iri()) {
        ++s.entities;
        if (sampled.size() < kSampledSubjects) sampled.push_back(q.subject);
      }
    }
    PropertyCounts& p = properties[q.predicate.bits];
    if (new_subject || q.predicate != last_predicate) ++p.distinct_subjects;
    ++p.triples;
    p.objects.insert(q.object.bits);
    objects.insert(q.object.bits);
    bool is_type = type_id && q.predicate == *type_id;
    if (is_type) ++classes[q.object.bits];
    if (q.object.is_iri() && !is_type) ++pass.iri_objects[{q.object.bits, q.predicate.bits}];
    last_subject = q.subject;
    last_predicate = q.predicate;
    return Status::OK();
  });
  CAIRN_RETURN_IF_ERROR(scanned);
  s.distinct_objects = objects.size();
  s.properties = properties.size();
  s.classes = classes.size();

  std::set<std::string> vocabularies;
  for (const auto& [id, counts] : properties) {
    auto iri = DecodeIri(view, TermId{id});
    if (!iri.ok()) return iri.status();
    vocabularies.insert(NamespaceOf(*iri));
    s.property_partitions.push_back({*iri, counts.triples, counts.distinct_subjects, counts.objects.size()});
  }
  for (const auto& [id, count] : classes) {
    auto iri = DecodeIri(view, TermId{id});
    if (!iri.ok()) return iri.status();
    if (TermId{id}.is_iri()) vocabularies.insert(NamespaceOf(*iri));
    s.class_partitions.push_back({*iri, count});
  }
  std::sort(s.property_partitions.begin(), s.property_partitions.end(),
            [](const auto& a, const auto& b) { return a.property < b.property; });
  std::sort(s.class_partitions.begin(), s.class_partitions.end(),
            [](const auto& a, const auto& b) { return a.class_iri < b.class_iri; });
  s.vocabularies.assign(vocabularies.begin(), vocabularies.end());

  std::vector<std::string> sampled_iris;
  std::map<std::string, std::size_t> hosts;
  for (TermId id : sampled) {
    auto iri = DecodeIri(view, id);
    if (!iri.ok()) return iri.status();
    ++hosts[HostOf(*iri)];
    sampled_iris.push_back(std::move(iri).value());
  }
  if (s.uri_space.empty() && !hosts.empty()) {
    s.uri_space = std::max_element(hosts.begin(), hosts.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
  }
  for (const std::string& iri : sampled_iris) {
    if (s.example_resources.size() == kExamples) break;
    if (!s.uri_space.empty() && iri.rfind(s.uri_space, 0) == 0) s.example_resources.push_back(iri);
  }
  return pass;
}

Status AddLinksets(const ReadView& view, const PublishingConfig& config, std::size_t self, std::vector<Pass>& passes) {
  Pass& pass = passes[self];
  std::map<std::tuple<std::string, std::string, std::uint64_t>, std::uint64_t> counts;  // (dataset, namespace, predicate)
  std::unordered_map<std::uint64_t, std::pair<std::string, std::string>> target_of;  // object -> (dataset, namespace)
  for (const auto& [key, n] : pass.iri_objects) {
    std::uint64_t object = key.first;
    if (pass.subjects.count(object)) continue;  // described here: not a link out
    auto found = target_of.find(object);
    if (found == target_of.end()) {
      std::pair<std::string, std::string> target;
      for (std::size_t i = 0; i < passes.size() && target.first.empty(); ++i) {
        if (i != self && passes[i].subjects.count(object)) target.first = config.datasets[i].id;
      }
      if (target.first.empty()) {
        auto iri = DecodeIri(view, TermId{object});
        if (!iri.ok()) return iri.status();
        bool own = !pass.stats.uri_space.empty() && iri->rfind(pass.stats.uri_space, 0) == 0;
        if (!own) target.second = NamespaceOf(*iri);
      }
      found = target_of.emplace(object, std::move(target)).first;
    }
    if (found->second.first.empty() && found->second.second.empty()) continue;
    counts[{found->second.first, found->second.second, key.second}] += n;
  }
  std::vector<Linkset>& out = pass.stats.linksets;
  for (const auto& [key, n] : counts) {
    auto predicate = DecodeIri(view, TermId{std::get<2>(key)});
    if (!predicate.ok()) return predicate.status();
    out.push_back({std::get<0>(key), std::get<1>(key), *predicate, n});
  }
  std::sort(out.begin(), out.end(), [](const Linkset& a, const Linkset& b) {
    return std::tie(b.triples, a.target_dataset, a.target_namespace, a.predicate) <
           std::tie(a.triples, b.target_dataset, b.target_namespace, b.predicate);
  });
  if (out.size() > kMaxLinksets) out.resize(kMaxLinksets);
  return Status::OK();
}

}  // namespace

std::string NamespaceOf(const std::string& iri) {
  std::size_t cut = iri.find_last_of("#/");
  return cut == std::string::npos ? iri : iri.substr(0, cut + 1);
}

Result<std::map<std::string, DatasetStatistics>> ComputeDatasetStatistics(const ReadView& view,
                                                                          const PublishingConfig& config) {
  auto type = view.Lookup(Term::Iri(std::string(vocab::rdf::kType)));
  if (!type.ok()) return type.status();
  std::vector<Pass> passes;
  for (const DatasetDeclaration& d : config.datasets) {
    auto pass = Scan(view, d, *type);
    if (!pass.ok()) return pass.status();
    passes.push_back(std::move(pass).value());
  }
  std::map<std::string, DatasetStatistics> result;
  for (std::size_t i = 0; i < passes.size(); ++i) {
    CAIRN_RETURN_IF_ERROR(AddLinksets(view, config, i, passes));
    result.emplace(config.datasets[i].id, std::move(passes[i].stats));
  }
  return result;
}

}  // namespace cairn
