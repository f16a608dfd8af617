// The catalogue: DCAT 3 / DCAT-AP 3.0.1 and VoID descriptions of the published datasets
// (publish.h), with what is computed from the store (dct:modified from the graph clock,
// statistics, dumps with their sizes and checksums), in the server's URI space.
//
// IRIs, for a base URI BASE (ends with '/'):
//   BASE/catalog                          the dcat:Catalog (and the document /catalog)
//   BASE/id/dataset/ID                    a dcat:Dataset, also a void:Dataset
//   BASE/id/dataset/ID/distribution/EXT   its dumps' dcat:Distributions (EXT: nt-gz, ttl, jsonld)
//   BASE/dumps/ID.EXT                     the dump files (dcat:downloadURL, void:dataDump)
//   BASE/id/service/sparql                the dcat:DataService of BASE/sparql
//   BASE/.well-known/void                 the VoID description; BASE/.well-known/void#store the whole store
//
// Both descriptions are also written into the store, as the named graphs <urn:cairn:catalog>
// (DCAT) and <urn:cairn:void> (VoID), so SPARQL can query them. They are rebuilt, and dumps
// rewritten, when a dataset's graphs changed (graph clock and sizes), when the declarations
// changed, or for another base URI.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalogue_dumps.h"
#include "engine/catalogue_stats.h"
#include "engine/publish.h"

namespace cairn {

inline constexpr std::string_view kCatalogueGraph = "urn:cairn:catalog";
inline constexpr std::string_view kVoidGraph = "urn:cairn:void";

struct PublishedDataset {
  DatasetDeclaration declaration;
  DatasetStatistics statistics;
  std::vector<DumpFile> dumps;
  std::string modified;  // xsd:dateTime: the latest change to its graphs
  std::string state;     // what its dumps were made from
};

struct Catalogue {
  std::string base_uri;
  std::string state;           // what it was built from: declarations, graph clock and sizes, base
  std::string datasets_state;  // the part of `state` statistics and dumps depend on
  std::string store_tag;  // Store::StateTag() when last found current
  std::string dumps_dir;
  PublishingConfig config;
  std::vector<PublishedDataset> datasets;
  std::vector<Quad> dcat;          // the DCAT-AP catalogue's triples
  std::vector<Quad> void_triples;  // the VoID description's triples
  std::uint64_t store_triples = 0; // triples outside Cairn's own graphs (the store's void:triples)

  const PublishedDataset* FindDataset(std::string_view id) const;
  // The dump named `file_name` ("org.nt.gz"), or nullptr.
  const DumpFile* FindDump(std::string_view file_name) const;
};

struct CatalogueUris {
  std::string base;  // ends with '/'
  std::string Catalog() const { return base + "catalog"; }
  std::string Dataset(std::string_view id) const { return base + "id/dataset/" + std::string(id); }
  std::string Dump(std::string_view file_name) const { return base + "dumps/" + std::string(file_name); }
  std::string Sparql() const { return base + "sparql"; }
  std::string Service() const { return base + "id/service/sparql"; }
  std::string Void() const { return base + ".well-known/void"; }
};

// The DCAT-AP catalogue and the VoID description of `datasets` (pure: no store access except
// names of agents found through `view`, which may be null).
std::vector<Quad> BuildCatalogue(const PublishingConfig& config, const std::vector<PublishedDataset>& datasets,
                                 const CatalogueUris& uris, const ReadView* view);
std::vector<Quad> BuildVoid(const Catalogue& catalogue, const CatalogueUris& uris);

// The catalogue for `base_uri`, brought up to date with the store first (dumps, statistics,
// the two graphs). Cheap when nothing changed since the last call (one state tag comparison).
// Serialised: concurrent callers wait for one rebuild.
Result<std::shared_ptr<const Catalogue>> RefreshCatalogue(Store& store, const std::string& base_uri);

// A literal property of a declared dataset (its first English value, else any), or "".
std::string DeclaredText(const DatasetDeclaration& dataset, std::string_view predicate);
// An IRI property of a declared dataset, or "".
std::string DeclaredIri(const DatasetDeclaration& dataset, std::string_view predicate);

}  // namespace cairn
