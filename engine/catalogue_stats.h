// VoID statistics of a published dataset, computed from the store (never declared): counts,
// class and property partitions, linksets, vocabularies, example resources. All counts are over
// the distinct triples of the dataset's graphs (catalogue_scan.h), so each equals a SPARQL query:
//   triples           SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } VALUES ?g { ... } } }
//   distinctSubjects  COUNT(DISTINCT ?s)    entities  COUNT(DISTINCT ?s) with FILTER(isIRI(?s))
//   properties        COUNT(DISTINCT ?p)    distinctObjects  COUNT(DISTINCT ?o)
//   classes           COUNT(DISTINCT ?o) of ?s rdf:type ?o
//   class partition C: entities = COUNT(DISTINCT ?s) of ?s rdf:type C
//   property partition P: triples, distinct subjects and objects of ?s P ?o
// A linkset counts the triples (rdf:type excepted) whose object IRI is described (is a subject)
// in another published dataset, or lies outside every dataset and this dataset's URI space (an
// external namespace: the IRI up to its last '/' or '#'), per target and predicate.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/publish.h"

namespace cairn {

struct PropertyPartition {
  std::string property;
  std::uint64_t triples = 0, distinct_subjects = 0, distinct_objects = 0;
};

struct ClassPartition {
  std::string class_iri;
  std::uint64_t entities = 0;
};

struct Linkset {
  std::string target_dataset;    // id of another published dataset, or empty
  std::string target_namespace;  // an external namespace, when target_dataset is empty
  std::string predicate;
  std::uint64_t triples = 0;
};

struct DatasetStatistics {
  std::uint64_t triples = 0, entities = 0, classes = 0, properties = 0;
  std::uint64_t distinct_subjects = 0, distinct_objects = 0;
  std::vector<ClassPartition> class_partitions;        // by class IRI
  std::vector<PropertyPartition> property_partitions;  // by property IRI
  std::vector<Linkset> linksets;                       // the largest kMaxLinksets, most triples first
  std::vector<std::string> vocabularies;               // namespaces of the properties and classes used
  std::vector<std::string> example_resources;          // a few IRI subjects in the URI space
  std::string uri_space;                               // declared (void:uriSpace), else scheme://host/ most subjects share
};

inline constexpr std::size_t kMaxLinksets = 50;

// Statistics for every dataset of `config`, by dataset id.
Result<std::map<std::string, DatasetStatistics>> ComputeDatasetStatistics(const ReadView& view,
                                                                          const PublishingConfig& config);

// The namespace of an IRI: up to and including its last '#' or '/'.
std::string NamespaceOf(const std::string& iri);

}  // namespace cairn
