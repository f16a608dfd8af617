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
# Until the SPARQL endpoint exists (issue 3 and 5), the sample query is a pattern match:
# every service the department runs, with its label.
echo
echo "Sample query: the department's services (rdfs:label of each svc:Service)"
"$cairn" match --location "$store" --predicate http://www.w3.org/1999/02/22-rdf-syntax-ns#type \
  --object http://data.example.gov.uk/def/service#Service |
  cut -d' ' -f1 | while read -r service; do
    "$cairn" match --location "$store" --subject "$service" \
      --predicate http://www.w3.org/2000/01/rdf-schema#label --limit 1
  done
