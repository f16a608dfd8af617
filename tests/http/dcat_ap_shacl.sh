#!/usr/bin/env bash
# The served catalogue against the DCAT-AP 3.0.1 SHACL shapes (../shared/data/DCAT-AP/): publish
# org-data and bathing-water, GET /catalog as Turtle, validate it with the npm rdf-validate-shacl
# package (installed once into NPM_DIR from the npm registry). Fails on any sh:Violation; warnings
# (recommended properties) are printed. Shapes used: html/shacl/{shapes,shapes_recommended,range,
# deprecateduris}.ttl, then the generated shacl/{dcat-ap-SHACL,ranges}.ttl. Left out:
# mdr-vocabularies.shape.ttl, whose checks need the EU code lists loaded into the data graph.
# Usage: dcat_ap_shacl.sh CAIRN REPO_ROOT SHARED_DIR NPM_DIR
set -uo pipefail
CAIRN=$1
ROOT=$2
SHARED=$3
NPM_DIR=$4
SHAPES=$SHARED/data/DCAT-AP/releases/3.0.1
. "$ROOT/tests/http/publish_fixture.sh"

if [[ ! -d $NPM_DIR/node_modules/rdf-validate-shacl || ! -d $NPM_DIR/node_modules/@zazuko/env-node ]]; then
  mkdir -p "$NPM_DIR"
  (cd "$NPM_DIR" && npm install --no-audit --no-fund --no-save --silent rdf-validate-shacl@0.6.5 @zazuko/env-node@3.0.0) ||
    { echo "FAIL: npm install rdf-validate-shacl"; exit 1; }
fi
# ES modules resolve packages from the script's own folder: run a copy placed beside node_modules.
cp "$ROOT/tests/http/dcat_ap_shacl.mjs" "$NPM_DIR/"

TMP=$(mktemp -d)
SERVE_PID=
cleanup() {
  [[ -n $SERVE_PID ]] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
publish_fixture "$CAIRN" "$SHARED" "$TMP" || { echo "FAIL: publishing the fixture"; exit 1; }
start_serve "$CAIRN" "$TMP/store" || exit 1
curl -sf -H 'Accept: text/turtle' "$BASE/catalog" > "$TMP/catalog.ttl" || { echo "FAIL: GET /catalog"; exit 1; }

passed=0
failed=0
validate() {  # validate NAME SHAPES...
  local name=$1; shift
  echo "== $name"
  if node "$NPM_DIR/dcat_ap_shacl.mjs" "$TMP/catalog.ttl" "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
validate "DCAT-AP 3.0.1 shapes, recommended, ranges, deprecated URIs" \
  "$SHAPES/html/shacl/shapes.ttl" "$SHAPES/html/shacl/shapes_recommended.ttl" \
  "$SHAPES/html/shacl/range.ttl" "$SHAPES/html/shacl/deprecateduris.ttl"
validate "DCAT-AP 3.0.1 generated profile and ranges" "$SHAPES/shacl/dcat-ap-SHACL.ttl" "$SHAPES/shacl/ranges.ttl"
# The check itself must be able to fail: without dct:title the catalogue violates DCAT-AP.
curl -sf -H 'Accept: application/n-triples' "$BASE/catalog" | grep -v '<http://purl.org/dc/terms/title>' > "$TMP/broken.nt"
if node "$NPM_DIR/dcat_ap_shacl.mjs" "$TMP/broken.nt" "$SHAPES/html/shacl/shapes.ttl" > "$TMP/broken.out"; then
  failed=$((failed + 1)); echo "FAIL: a catalogue without titles passed validation"
else
  passed=$((passed + 1)); echo "== a catalogue without titles: $(tail -1 "$TMP/broken.out")"
fi
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
