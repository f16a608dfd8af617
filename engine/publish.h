// Publishing configuration: which datasets the store publishes. A dataset is one or more named
// graphs plus its DCAT description, as the publisher gives it (`cairn publish` options or a
// Turtle file of DCAT descriptions); everything that can be computed (dct:modified, sizes,
// checksums, VoID statistics) is not declared but computed by catalogue.h.
//
// The declarations live in the store itself, as N-Triples in its bookkeeping ("publishing",
// ReadView::Bookkeeping: not RDF of the dataset, so they never show in queries, statistics or
// dumps), and `cairn serve` needs nothing else at run time. There each dataset is the node
// <urn:cairn:dataset:ID> with its DCAT properties as given and <urn:cairn:graph> links to its
// graphs; the catalogue's own properties are on <urn:cairn:publishing:catalog>. The catalogue generator
// renames these nodes into the server's URI space (BASE/id/dataset/ID, BASE/catalog).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/store.h"

namespace cairn {

inline constexpr std::string_view kPublishingKey = "publishing";  // bookkeeping name
inline constexpr std::string_view kDatasetNodePrefix = "urn:cairn:dataset:";
inline constexpr std::string_view kCatalogNode = "urn:cairn:publishing:catalog";
inline constexpr std::string_view kDatasetGraph = "urn:cairn:graph";  // dataset -> one of its graphs

// One dataset as `cairn publish --dataset ID ...` declares it. Short forms are expanded:
// a theme "ENVI" is the EU data theme, a spatial "GBR" the EU country, a periodicity "ANNUAL"
// the EU frequency, a contact "a@b" mailto:a@b.
struct DatasetOptions {
  std::string id;                   // [A-Za-z0-9_-]+
  std::vector<std::string> graphs;  // named graphs of the store (at least one)
  std::string title, description;   // English text
  std::string publisher;            // IRI
  std::string publisher_name;       // optional: else a name the store gives the IRI
  std::string license;              // IRI; empty: the Open Government Licence v3.0
  std::vector<std::string> keywords;
  std::vector<std::string> themes;
  std::string temporal;             // "START/END" as xsd:date or xsd:dateTime
  std::vector<std::string> spatial;
  std::string accrual_periodicity;
  std::string contact;              // e-mail address or URL
  std::string uri_space;            // optional void:uriSpace
};

// The catalogue's own description (`--catalog-title` ...); empty fields keep what is stored.
struct CatalogOptions {
  std::string title, description, publisher, publisher_name;
};

// A dataset as stored: its id, graphs and the triples about it (subject <urn:cairn:dataset:ID>,
// blank-node descriptions of its contact point and period included).
struct DatasetDeclaration {
  std::string id;
  std::string node;  // urn:cairn:dataset:ID
  std::vector<std::string> graphs;
  std::vector<Quad> triples;  // graph: default; includes the <urn:cairn:graph> links
};

struct PublishingConfig {
  std::vector<DatasetDeclaration> datasets;  // ordered by id
  std::vector<Quad> catalog;                 // triples about <urn:cairn:catalog> and what they reach
  // All declared triples (names and types of agents, concepts ...).
  std::vector<Quad> all;
};

// The declarations `options` and `catalog` make, as triples.
Result<std::vector<Quad>> DeclarationTriples(const std::vector<DatasetOptions>& datasets, const CatalogOptions& catalog);
// The declarations of a Turtle file: each dcat:Dataset with a dct:identifier and <urn:cairn:graph>
// links (its subject is renamed <urn:cairn:dataset:ID>), a dcat:Catalog, and any other triples.
Result<std::vector<Quad>> DeclarationTriplesFromFile(const std::string& path);

// Checks the declarations against the store (every dataset has a graph, every graph exists,
// publisher and licence are IRIs ...) and stores them, replacing earlier declarations of the
// same datasets and merging the catalogue's. Stamps dct:issued on a dataset's first publication.
// InvalidArgument/NotFound for bad declarations; nothing is stored then.
Status Publish(Store& store, const std::vector<Quad>& declarations);
// Removes a dataset's declaration. NotFound if it was not published.
Status Withdraw(Store& store, const std::string& id);

// What is declared, read through `view`.
Result<PublishingConfig> ReadPublishingConfig(const ReadView& view);

}  // namespace cairn
