// The HTML page about one resource: a title (its rdfs:label, skos:prefLabel, dct:title,
// foaf:name or schema:name, else its IRI), its properties grouped by predicate with labels,
// blank nodes nested in place, literals with their language or datatype, inbound links, links to
// the other formats and to a SPARQL query about it. Plain HTML and a little CSS: fast,
// accessible (headings, tables with captions and header cells, visible link text), no scripts.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "engine/rdf_writer.h"
#include "engine/resource_description.h"

namespace cairn::http {

struct PageLinks {
  std::vector<std::pair<std::string, std::string>> alternates;  // (format name, href)
  std::string previous_inbound, next_inbound;                    // hrefs, empty when none
  std::string sparql;                                            // a query about the resource
  std::string dataset;                                           // its dataset's page, if known
};

// `href` maps an IRI to where a link should point (inside Cairn for local IRIs), or "" for no link.
std::string RenderResourcePage(const Term& resource, const ResourceDescription& description, const PrefixList& prefixes,
                               const std::function<std::string(const std::string& iri)>& href, const PageLinks& links);

}  // namespace cairn::http
