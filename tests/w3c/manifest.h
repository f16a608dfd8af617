// W3C test manifests (the mf: vocabulary): loads one manifest.ttl and lists its mf:entries in
// order, with each test's type, name, approval, action and result.
//
// Only what every W3C suite shares is decoded here. Suite-specific structure (the blank-node
// actions of SPARQL tests: qt:query, qt:data, ut:graphData ...) stays in `Manifest::graph`, so a
// runner for those suites reads it from there rather than growing this struct.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/status.h"
#include "storage/term.h"

namespace cairn::w3c {

namespace mf {
inline constexpr std::string_view kNamespace = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
inline constexpr std::string_view kManifest = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#Manifest";
inline constexpr std::string_view kEntries = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#entries";
inline constexpr std::string_view kInclude = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#include";
inline constexpr std::string_view kName = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#name";
inline constexpr std::string_view kAction = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#action";
inline constexpr std::string_view kResult = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#result";
inline constexpr std::string_view kAssumedTestBase =
    "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#assumedTestBase";
}  // namespace mf

namespace rdft {
inline constexpr std::string_view kNamespace = "http://www.w3.org/ns/rdftest#";
inline constexpr std::string_view kApproval = "http://www.w3.org/ns/rdftest#approval";
}  // namespace rdft

namespace dawgt {
inline constexpr std::string_view kApproval = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#approval";
}  // namespace dawgt

// The triples of one manifest, indexed by subject: enough for the handful of look-ups a runner makes.
class ManifestGraph {
 public:
  void Add(const Quad& quad);
  // Objects of (subject, predicate) in document order.
  std::vector<Term> Objects(const Term& subject, std::string_view predicate) const;
  std::optional<Term> Object(const Term& subject, std::string_view predicate) const;
  // Subjects having (predicate, object), in no particular order.
  std::vector<Term> Subjects(std::string_view predicate, const Term& object) const;
  std::vector<Term> SubjectsWith(std::string_view predicate) const;
  // The members of the RDF collection starting at `head`. Syntax error if it is malformed or cyclic.
  Status List(const Term& head, std::vector<Term>& items) const;

 private:
  std::map<Term, std::vector<std::pair<std::string, Term>>> by_subject_;
};

struct ManifestEntry {
  Term id;                 // the test's IRI; for manifest-relative ones (<#x>) a file: IRI
  std::string fragment;    // "x" for <...manifest.ttl#x>, else empty
  std::string type;        // rdf:type IRI (the first one, if several)
  std::string name;        // mf:name, or the fragment if absent
  std::string approval;    // rdft:approval or dawgt:approval IRI, empty if none
  // mf:action: a file IRI (syntax suites) or a blank node (SPARQL). A few test types (protocol
  // tests) have none.
  std::optional<Term> action;
  std::optional<Term> result;  // mf:result

  // Withdrawn, rejected or deprecated: no longer part of the suite.
  bool IsRetired() const;
};

struct Manifest {
  std::string path;               // as given to LoadManifest
  std::string iri;                // its file: IRI, the base its relative IRIs resolve against
  std::string assumed_test_base;  // mf:assumedTestBase, empty if none
  std::vector<std::string> includes;  // mf:include, as local paths
  std::vector<ManifestEntry> entries;  // in mf:entries order
  ManifestGraph graph;

  // The local path of a file: IRI (an action or result), or nullopt for any other IRI.
  std::optional<std::string> LocalPath(const Term& file) const;
  // The IRI the suite expects a test file to have: mf:assumedTestBase + the file's path relative
  // to the manifest. Without an assumed base (or for a file elsewhere), the file's own IRI.
  std::string AssumedIri(const Term& file) const;
};

// Reads `path` (Turtle). Not-found and syntax errors come back as a Status.
Status LoadManifest(const std::string& path, Manifest& manifest);

// "file:///a/b%20c" -> "/a/b c"; nullopt if `iri` is not a file: IRI.
std::optional<std::string> FileIriToPath(std::string_view iri);

}  // namespace cairn::w3c
