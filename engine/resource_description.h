// What a linked-data page says about one resource, read from one snapshot: its concise bounded
// description (its triples, and those of the blank nodes they reach, recursively), a page of
// inbound links, and the labels of everything these mention, so that a page or an RDF document
// can name what it links to. Triples are gathered from every graph (default and named) and each
// appears once, in the default graph (a description is one graph).
#pragma once

#include <cstddef>
#include <vector>

#include "engine/store.h"

namespace cairn {

struct DescribeOptions {
  std::size_t max_outbound = 10000;  // a bound on the description (a resource may have millions)
  std::size_t inbound_offset = 0;
  std::size_t inbound_limit = 100;   // one page of inbound links
  std::size_t max_labelled = 1000;   // distinct IRIs whose labels are looked up
};

struct ResourceDescription {
  std::vector<Quad> outbound;  // subject = the resource, or a blank node it reaches
  std::vector<Quad> inbound;   // object = the resource; one page, in index order
  std::vector<Quad> labels;    // rdfs:label, skos:prefLabel, dct:title, foaf:name, schema:name of mentioned IRIs
  bool more_inbound = false;     // another page follows
  bool outbound_truncated = false;
  bool empty() const { return outbound.empty() && inbound.empty(); }
};

// The label predicates, in order of preference for a title.
const std::vector<std::string>& LabelPredicates();

Result<ResourceDescription> DescribeResource(Store& store, const Term& resource, const DescribeOptions& options = {});

}  // namespace cairn
