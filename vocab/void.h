// VoID (Vocabulary of Interlinked Datasets) and the SPARQL Service Description terms the VoID
// generator writes, as IRI constants. Header-only.
#pragma once

#include <string_view>

#include "vocab/vocab.h"

namespace cairn::vocab::void_ {
inline constexpr std::string_view kDataset = "http://rdfs.org/ns/void#Dataset";
inline constexpr std::string_view kLinkset = "http://rdfs.org/ns/void#Linkset";
inline constexpr std::string_view kDatasetDescription = "http://rdfs.org/ns/void#DatasetDescription";
inline constexpr std::string_view kTriples = "http://rdfs.org/ns/void#triples";
inline constexpr std::string_view kEntities = "http://rdfs.org/ns/void#entities";
inline constexpr std::string_view kClasses = "http://rdfs.org/ns/void#classes";
inline constexpr std::string_view kProperties = "http://rdfs.org/ns/void#properties";
inline constexpr std::string_view kDistinctSubjects = "http://rdfs.org/ns/void#distinctSubjects";
inline constexpr std::string_view kDistinctObjects = "http://rdfs.org/ns/void#distinctObjects";
inline constexpr std::string_view kClassPartition = "http://rdfs.org/ns/void#classPartition";
inline constexpr std::string_view kPropertyPartition = "http://rdfs.org/ns/void#propertyPartition";
inline constexpr std::string_view kClass = "http://rdfs.org/ns/void#class";
inline constexpr std::string_view kProperty = "http://rdfs.org/ns/void#property";
inline constexpr std::string_view kSubset = "http://rdfs.org/ns/void#subset";
inline constexpr std::string_view kTarget = "http://rdfs.org/ns/void#target";
inline constexpr std::string_view kSubjectsTarget = "http://rdfs.org/ns/void#subjectsTarget";
inline constexpr std::string_view kObjectsTarget = "http://rdfs.org/ns/void#objectsTarget";
inline constexpr std::string_view kLinkPredicate = "http://rdfs.org/ns/void#linkPredicate";
inline constexpr std::string_view kSparqlEndpoint = "http://rdfs.org/ns/void#sparqlEndpoint";
inline constexpr std::string_view kDataDump = "http://rdfs.org/ns/void#dataDump";
inline constexpr std::string_view kUriSpace = "http://rdfs.org/ns/void#uriSpace";
inline constexpr std::string_view kExampleResource = "http://rdfs.org/ns/void#exampleResource";
inline constexpr std::string_view kVocabulary = "http://rdfs.org/ns/void#vocabulary";
inline constexpr std::string_view kRootResource = "http://rdfs.org/ns/void#rootResource";
inline constexpr std::string_view kInDataset = "http://rdfs.org/ns/void#inDataset";
}  // namespace cairn::vocab::void_
