#!/usr/bin/env bash
# The first README command: installs what Cairn needs, builds it, loads the sample department
# dataset in data/ into a fresh store (one named graph per file) and runs a sample query.
# Usage: scripts/run-sample.sh [STORE_DIR]   (default: ./cairn-store)
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-cairn-store}
scripts/install-deps.sh
scripts/build.sh release
cairn=build-release/cairn
rm -rf "$store"
graph=http://data.example.gov.uk/graph
for name in organisation service-performance catalogue; do
  "$cairn" load --location "$store" --graph "$graph/$name" "data/$name.ttl"
done
"$cairn" stats --location "$store"
# Until the HTTP endpoint exists (issue 5), the sample query runs from the command line:
# each service's transactions in 2025, busiest first.
echo
echo "Sample query: transactions per service in 2025"
"$cairn" query --location "$store" --format tsv '
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX qb:   <http://purl.org/linked-data/cube#>
PREFIX sp:   <http://data.example.gov.uk/def/service-performance#>
PREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#>
SELECT ?service (SUM(?n) AS ?transactions)
WHERE {
  GRAPH ?cube {
    ?obs a qb:Observation ; qb:measureType sp:transactions ; sp:transactions ?n ;
         sp:service ?s ; sdmx:refPeriod ?month .
    FILTER(STRSTARTS(STR(?month), "http://reference.data.gov.uk/id/month/2025-"))
  }
  GRAPH ?org { ?s rdfs:label ?service FILTER(LANG(?service) = "en") }
}
GROUP BY ?service
ORDER BY DESC(?transactions)'
