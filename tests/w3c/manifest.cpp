#include "tests/w3c/manifest.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "engine/rdf_reader.h"
#include "vocab/vocab.h"

namespace cairn::w3c {

void ManifestGraph::Add(const Quad& quad) {
  by_subject_[quad.subject].emplace_back(quad.predicate.value, quad.object);
}

std::vector<Term> ManifestGraph::Objects(const Term& subject, std::string_view predicate) const {
  std::vector<Term> out;
  auto it = by_subject_.find(subject);
  if (it == by_subject_.end()) return out;
  for (const auto& [p, o] : it->second)
    if (p == predicate) out.push_back(o);
  return out;
}

std::optional<Term> ManifestGraph::Object(const Term& subject, std::string_view predicate) const {
  auto it = by_subject_.find(subject);
  if (it == by_subject_.end()) return std::nullopt;
  for (const auto& [p, o] : it->second)
    if (p == predicate) return o;
  return std::nullopt;
}

std::vector<Term> ManifestGraph::SubjectsWith(std::string_view predicate) const {
  std::vector<Term> out;
  for (const auto& [s, edges] : by_subject_)
    if (std::any_of(edges.begin(), edges.end(), [&](const auto& edge) { return edge.first == predicate; }))
      out.push_back(s);
  return out;
}

std::vector<Term> ManifestGraph::Subjects(std::string_view predicate, const Term& object) const {
  std::vector<Term> out;
  for (const auto& [s, edges] : by_subject_)
    for (const auto& [p, o] : edges)
      if (p == predicate && o == object) out.push_back(s);
  return out;
}

Status ManifestGraph::List(const Term& head, std::vector<Term>& items) const {
  items.clear();
  std::set<Term> seen;  // a cyclic list would otherwise loop forever
  Term node = head;
  while (!(node.is_iri() && node.value == vocab::rdf::kNil)) {
    if (!seen.insert(node).second) return Status::Syntax("cyclic RDF list at " + ToNTriples(node));
    auto first = Object(node, vocab::rdf::kFirst);
    auto rest = Object(node, vocab::rdf::kRest);
    if (!first || !rest) return Status::Syntax("malformed RDF list at " + ToNTriples(node));
    items.push_back(*first);
    node = *rest;
  }
  return Status::OK();
}

bool ManifestEntry::IsRetired() const {
  // Both rdft: and dawgt: spell these the same; only the local name matters.
  std::string local = approval.substr(approval.find_last_of("#/") + 1);
  std::transform(local.begin(), local.end(), local.begin(), [](unsigned char c) { return std::tolower(c); });
  return local == "withdrawn" || local == "rejected" || local == "deprecated";
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The IRI up to and including its last '/': what a relative file name resolves against.
std::string_view DirectoryOf(std::string_view iri) {
  auto slash = iri.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : iri.substr(0, slash + 1);
}

std::string StringValue(const std::optional<Term>& term) { return term ? term->value : std::string(); }

// The node the manifest describes: the subject of `a mf:Manifest`, else of mf:entries. Not
// always <>: some manifests use a blank node.
std::optional<Term> FindManifestNode(const ManifestGraph& graph, const std::string& manifest_iri) {
  auto typed = graph.Subjects(vocab::rdf::kType, Term::Iri(std::string(mf::kManifest)));
  if (typed.size() == 1) return typed.front();
  for (const Term& t : typed)
    if (t.is_iri() && t.value == manifest_iri) return t;
  if (!typed.empty()) return typed.front();
  auto with_entries = graph.SubjectsWith(mf::kEntries);
  if (!with_entries.empty()) return with_entries.front();
  return std::nullopt;
}

}  // namespace

std::optional<std::string> FileIriToPath(std::string_view iri) {
  constexpr std::string_view kScheme = "file://";
  if (!iri.starts_with(kScheme)) return std::nullopt;
  iri.remove_prefix(kScheme.size());
  if (iri.starts_with("localhost/")) iri.remove_prefix(std::string_view("localhost").size());
  if (!iri.starts_with('/')) return std::nullopt;  // file://host/...: not a local file
  iri = iri.substr(0, iri.find_first_of("?#"));
  std::string path;
  for (std::size_t i = 0; i < iri.size(); ++i) {
    if (iri[i] == '%' && i + 2 < iri.size() && HexValue(iri[i + 1]) >= 0 && HexValue(iri[i + 2]) >= 0) {
      path += static_cast<char>(HexValue(iri[i + 1]) * 16 + HexValue(iri[i + 2]));
      i += 2;
    } else {
      path += iri[i];
    }
  }
  return path;
}

std::optional<std::string> Manifest::LocalPath(const Term& file) const {
  if (!file.is_iri()) return std::nullopt;
  return FileIriToPath(file.value);
}

std::string Manifest::AssumedIri(const Term& file) const {
  std::string_view dir = DirectoryOf(iri);
  if (assumed_test_base.empty() || dir.empty() || !file.value.starts_with(dir)) return file.value;
  // The remainder is still an IRI reference (percent-encoded), which is what the base needs.
  return assumed_test_base + file.value.substr(dir.size());
}

Status LoadManifest(const std::string& path, Manifest& manifest) {
  manifest = Manifest{};
  manifest.path = path;
  manifest.iri = FileIri(path);
  RdfReadOptions options;
  options.format = RdfFormat::kTurtle;
  options.base_iri = manifest.iri;
  CAIRN_RETURN_IF_ERROR(ReadRdfFile(path, options, [&](const Quad& q) {
    manifest.graph.Add(q);
    return Status::OK();
  }));

  const ManifestGraph& graph = manifest.graph;
  auto node = FindManifestNode(graph, manifest.iri);
  if (!node) return Status::Syntax(path + ": no mf:Manifest node");

  manifest.assumed_test_base = StringValue(graph.Object(*node, mf::kAssumedTestBase));

  for (const Term& head : graph.Objects(*node, mf::kInclude)) {
    std::vector<Term> included;
    CAIRN_RETURN_IF_ERROR(graph.List(head, included));
    for (const Term& t : included) {
      auto local = manifest.LocalPath(t);
      if (!local) return Status::Syntax(path + ": mf:include of a non-file IRI " + ToNTriples(t));
      manifest.includes.push_back(*local);
    }
  }

  std::vector<Term> tests;
  if (auto head = graph.Object(*node, mf::kEntries)) CAIRN_RETURN_IF_ERROR(graph.List(*head, tests));
  for (const Term& test : tests) {
    ManifestEntry entry;
    entry.id = test;
    if (auto hash = test.value.find('#'); test.is_iri() && hash != std::string::npos)
      entry.fragment = test.value.substr(hash + 1);
    entry.type = StringValue(graph.Object(test, vocab::rdf::kType));
    entry.name = StringValue(graph.Object(test, mf::kName));
    if (entry.name.empty()) entry.name = entry.fragment;
    entry.approval = StringValue(graph.Object(test, rdft::kApproval));
    if (entry.approval.empty()) entry.approval = StringValue(graph.Object(test, dawgt::kApproval));
    entry.action = graph.Object(test, mf::kAction);
    entry.result = graph.Object(test, mf::kResult);
    manifest.entries.push_back(std::move(entry));
  }
  return Status::OK();
}

}  // namespace cairn::w3c
