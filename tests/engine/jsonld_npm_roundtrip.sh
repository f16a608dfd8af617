#!/usr/bin/env bash
# JSON-LD output checked by an independent implementation: the sample data in data/ is loaded
# (one named graph per file, as scripts/run-sample.sh does), dumped with `cairn dump --format
# jsonld`, and the npm `jsonld` package's toRDF must give the same dataset as `cairn dump
# --format nquads`. Both sides are canonicalised with URDNA2015 (jsonld.canonize), so blank-node
# labels do not matter, then compared as text.
# Usage: jsonld_npm_roundtrip.sh path/to/cairn repo-root npm-prefix-dir
# Exit 77 (ctest SKIP_RETURN_CODE) only when npm/node are not installed.
set -euo pipefail
CAIRN=$1
ROOT=$2
NPM_DIR=$3
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIP: node and npm are not installed (scripts/install-deps.sh installs them)"
  exit 77
fi
if [[ ! -d $NPM_DIR/node_modules/jsonld ]]; then
  mkdir -p "$NPM_DIR"
  npm install --silent --no-audit --no-fund --prefix "$NPM_DIR" jsonld >/dev/null
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
graph=http://data.example.gov.uk/graph
for name in organisation service-performance catalogue; do
  "$CAIRN" load --location "$WORK/store" --graph "$graph/$name" "$ROOT/data/$name.ttl" >/dev/null
done
"$CAIRN" dump --location "$WORK/store" --format jsonld --output "$WORK/data.jsonld"
"$CAIRN" dump --location "$WORK/store" --format nquads --output "$WORK/data.nq"
NODE_PATH=$NPM_DIR/node_modules node "$(dirname "$0")/jsonld_compare.js" "$WORK/data.jsonld" "$WORK/data.nq"
