#!/usr/bin/env bash
# Linked-data publishing, checked as a crawler and a browser would, against a real `cairn serve`
# on 127.0.0.1 publishing the Environment Agency's bathing-water data (../shared/data) under its
# own URI space (--base-uri http://environment.data.gov.uk/), then the organograms under theirs:
#  - rapper (raptor2) dereferences /id/ URIs with its own Accept header, follows the 303, and gets
#    every triple the store has about the resource;
#  - each format (Turtle, N-Triples, RDF/XML by extension; JSON-LD's own round trip is
#    jsonld_npm_roundtrip) parses and holds the same triples;
#  - negotiation (browsers get HTML), Link/Content-Location/Vary, ETag/304, HEAD, 404, 410 after
#    withdrawal, 303 to a dct:isReplacedBy replacement, /def/ vocabularies, /doc?uri=, inbound paging;
#  - headless Chromium renders the resource page (title, property table) and the query page.
# Usage: linked_data_test.sh path/to/cairn shared-dir
set -uo pipefail
CAIRN=$1
SHARED=$2
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -KILL "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
equals() { if [[ $2 == "$3" ]]; then pass; else fail "$1: got '$2', want '$3'"; fi; }
has() { if grep -qE "$2" "$3"; then pass; else fail "$1: $3 lacks /$2/"; head -c 300 "$3" | sed 's/^/  | /'; fi; }

BW=$SHARED/data/bathing-water
if [[ ! -d $BW ]]; then echo "no $BW"; exit 1; fi
S=$WORK/store
"$CAIRN" load --location "$S" --graph http://environment.data.gov.uk/graph/bathing-water $(find "$BW" -name '*.ttl' | sort) >/dev/null 2>&1 ||
  { echo "FAIL: load"; exit 1; }
"$CAIRN" publish --location "$S" --dataset bathing-water --graph http://environment.data.gov.uk/graph/bathing-water \
  --title "Bathing water quality 2014" --description "Environment Agency bathing water quality assessments." \
  --publisher http://environment.data.gov.uk/id/organisation/environment-agency --publisher-name "Environment Agency" \
  >/dev/null 2>&1 || { echo "FAIL: publish"; exit 1; }
printf 'linked-data-test-token-0123\n' >"$WORK/token"
chmod 600 "$WORK/token"
AUTH="Authorization: Bearer linked-data-test-token-0123"

"$CAIRN" serve --location "$S" --bind 127.0.0.1:0 --base-uri http://environment.data.gov.uk/ --update-token-file "$WORK/token" 2>"$WORK/log" &
SERVER_PID=$!
for _ in $(seq 100); do
  port=$(sed -n 's|^cairn: listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$WORK/log")
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n ${port:-} ]] || { echo "FAIL: server did not start"; cat "$WORK/log"; exit 1; }
B=http://127.0.0.1:$port
ID=http://environment.data.gov.uk/id/bathing-water/ukj3400-18100
PATH_ID=/id/bathing-water/ukj3400-18100
PATH_DOC=/doc/bathing-water/ukj3400-18100

# The store's own triples about the resource (outbound, any graph), as sorted N-Triples without
# blank nodes (their labels differ between documents; counted separately).
# (asked through /sparql: the server holds the store's lock)
curl -s -H 'Accept: application/n-triples' -G "$B/sparql" \
  --data-urlencode "query=CONSTRUCT { <$ID> ?p ?o } WHERE { GRAPH ?g { <$ID> ?p ?o } }" | grep -v '_:' | sort -u >"$WORK/expected.nt"
n_expected=$(wc -l <"$WORK/expected.nt")
if ((n_expected >= 2)); then pass; else fail "expected description too small: $n_expected"; fi
has "the resource's label is in its description" '"St Helens"' "$WORK/expected.nt"

# --- a crawler: rapper dereferences the /id/ URI (content negotiation, 303) and gets the triples
rapper -q -g -o ntriples "$B$PATH_ID" 2>"$WORK/rapper.err" | sort -u >"$WORK/crawled.nt"
missing=$(comm -23 "$WORK/expected.nt" "$WORK/crawled.nt" | wc -l)
equals "rapper via /id/: every triple about the resource" "$missing" 0
# each format, by extension, holds the same triples
for ext in ttl nt rdf; do
  case $ext in ttl) in=turtle ;; nt) in=ntriples ;; rdf) in=rdfxml ;; esac
  rapper -q -i $in -o ntriples "$B$PATH_DOC.$ext" 2>/dev/null | sort -u >"$WORK/doc.$ext.nt"
  missing=$(comm -23 "$WORK/expected.nt" "$WORK/doc.$ext.nt" | wc -l)
  equals "$ext document has every triple" "$missing" 0
done
has "the document names its dataset" "^<http://environment.data.gov.uk$PATH_DOC> <http://rdfs.org/ns/void#inDataset> <http://environment.data.gov.uk/id/dataset/bathing-water> \.$" "$WORK/doc.nt.nt"
has "the document names its topic" "^<http://environment.data.gov.uk$PATH_DOC> <http://xmlns.com/foaf/0.1/primaryTopic> <$ID> \.$" "$WORK/doc.nt.nt"
curl -s -H 'Accept: text/html' "$B$PATH_DOC" >"$WORK/doc.html"
has "the HTML page links its dataset" 'href="/id/dataset/bathing-water"' "$WORK/doc.html"
equals "the dataset is dereferenceable" "$(curl -s -o /dev/null -w '%{http_code}' -L -H 'Accept: text/turtle' "$B/id/dataset/bathing-water")" 200
cmp -s "$WORK/doc.ttl.nt" "$WORK/doc.nt.nt" && pass || fail "Turtle and N-Triples documents differ"
cmp -s "$WORK/doc.rdf.nt" "$WORK/doc.nt.nt" && pass || fail "RDF/XML and N-Triples documents differ"
curl -s "$B$PATH_DOC.jsonld" >"$WORK/doc.jsonld"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "@context" in d and "@graph" in d' "$WORK/doc.jsonld" && pass ||
  fail "JSON-LD document is not compacted JSON-LD"

# --- negotiation and headers
hdr() { curl -s -o /dev/null -D - "$@" | tr -d '\r'; }
h=$(hdr -H 'Accept: text/html' "$B$PATH_ID")
grep -q '^HTTP/1.1 303' <<<"$h" && pass || fail "/id/ is not 303: $h"
equals "/id/ Location" "$(sed -n 's/^[Ll]ocation: //p' <<<"$h")" "$PATH_DOC"
grep -qi '^vary: accept' <<<"$h" && pass || fail "/id/ lacks Vary: Accept"
BROWSER='text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
h=$(hdr -H "Accept: $BROWSER" "$B$PATH_DOC")
grep -qi '^content-type: text/html' <<<"$h" && pass || fail "browser did not get HTML: $h"
equals "Content-Location for HTML" "$(sed -n 's/^[Cc]ontent-[Ll]ocation: //p' <<<"$h")" "$PATH_DOC.html"
grep -qi "^link: .*<$PATH_DOC.ttl>; rel=\"alternate\"; type=\"text/turtle\"" <<<"$h" && pass || fail "no Link rel=alternate: $h"
h=$(hdr "$B$PATH_DOC")
grep -qi '^content-type: text/turtle' <<<"$h" && pass || fail "*/* did not get Turtle: $h"
h=$(hdr -H 'Accept: application/rdf+xml' "$B$PATH_DOC")
grep -qi '^content-type: application/rdf+xml' <<<"$h" && pass || fail "no RDF/XML by Accept: $h"
h=$(hdr -H 'Accept: application/ld+json' "$B$PATH_DOC")
grep -qi '^content-type: application/ld+json' <<<"$h" && pass || fail "no JSON-LD by Accept: $h"
equals "406 for nothing acceptable" "$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept: image/png' "$B$PATH_DOC")" 406
tag=$(hdr "$B$PATH_DOC" | sed -n 's/^[Ee][Tt]ag: //p')
equals "304 for a current ETag" "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $tag" "$B$PATH_DOC")" 304
h=$(curl -s -I "$B$PATH_DOC.ttl" | tr -d '\r')
grep -q '^HTTP/1.1 200' <<<"$h" && grep -qi '^content-length: [1-9]' <<<"$h" && pass || fail "HEAD: $h"
equals "unknown /id/" "$(curl -s -o /dev/null -w '%{http_code}' "$B/id/bathing-water/nowhere")" 404
equals "unknown /doc/" "$(curl -s -o /dev/null -w '%{http_code}' "$B/doc/bathing-water/nowhere")" 404

# --- any IRI with /doc?uri=; vocabularies (/def/); paging of inbound links
OBS=http://environment.data.gov.uk/data/bathing-water-quality/compliance/point/14900/year/2014
curl -s -H 'Accept: application/n-triples' -G "$B/doc" --data-urlencode "uri=$OBS" >"$WORK/obs.nt"
has "/doc?uri= describes any IRI" "^<$OBS> <http://www.w3.org/2000/01/rdf-schema#label> \"2014 compliance assessment for Brighton Kemptown\"@en \.$" "$WORK/obs.nt"
curl -s -H 'Accept: application/n-triples' "$B/def/bathing-water-quality/" >"$WORK/vocab.nt"
curl -s -o "$WORK/g.nt" -D "$WORK/g.h" -H 'Accept: application/n-triples' "$B/def/bwq-cc-2012/G"
has "inbound page 1 has a next link" 'rel="next"' "$WORK/g.h"
next=$(tr -d '\r' <"$WORK/g.h" | sed -n 's/^[Ll]ink: .*<\([^>]*\)>; rel="next".*/\1/p')
curl -s -o "$WORK/g2.nt" -H 'Accept: application/n-triples' "$B$next"
inbound() { grep -v 'primaryTopic' "$1" | grep -c '<http://environment.data.gov.uk/def/bwq-cc-2012/G> \.$'; }
in1=$(inbound "$WORK/g.nt")
in2=$(inbound "$WORK/g2.nt")
equals "a page has 100 inbound links" "$in1" 100
if ((in2 > 0)) && [[ -z $(comm -12 <(grep -v primaryTopic "$WORK/g.nt" | grep '/G> \.$' | sort) <(grep -v primaryTopic "$WORK/g2.nt" | grep '/G> \.$' | sort)) ]]; then pass
else fail "page 2 empty or overlapping page 1 ($in2)"; fi

# --- a set: /set/bathing-water lists the things named /id/bathing-water/...
curl -s -H 'Accept: application/n-triples' "$B/set/bathing-water" >"$WORK/set.nt"
members=$(grep -c '^<http://environment.data.gov.uk/set/bathing-water> <http://www.w3.org/2000/01/rdf-schema#member> ' "$WORK/set.nt")
want=$(curl -s -H 'Accept: text/csv' -G "$B/sparql" --data-urlencode \
  'query=SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s) && STRSTARTS(STR(?s), "http://environment.data.gov.uk/id/bathing-water/")) }' | sed -n 2p | tr -d '\r')
equals "set members = things named under /id/bathing-water/" "$members" "$want"

# --- withdrawal: 410 for an IRI served before; 303 to a replacement
BW2=http://environment.data.gov.uk/id/bathing-water/ukl1200-39975
curl -s -o /dev/null "$B/doc/bathing-water/ukl1200-39975"
curl -s -o /dev/null -H "$AUTH" -H 'Content-Type: application/sparql-update' --data-binary \
  "DELETE WHERE { GRAPH ?g { <$BW2> ?p ?o } }; DELETE WHERE { GRAPH ?g { ?s ?p <$BW2> } }" "$B/update"
equals "withdrawn /id/" "$(curl -s -o /dev/null -w '%{http_code}' "$B/id/bathing-water/ukl1200-39975")" 410
equals "withdrawn /doc/" "$(curl -s -o /dev/null -w '%{http_code}' "$B/doc/bathing-water/ukl1200-39975")" 410
curl -s -o /dev/null -H "$AUTH" -H 'Content-Type: application/sparql-update' --data-binary \
  "INSERT DATA { GRAPH <http://x/g> { <http://environment.data.gov.uk/id/bathing-water/old> <http://purl.org/dc/terms/isReplacedBy> <$ID> } }" "$B/update"
out=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$B/id/bathing-water/old")
equals "replaced IRI redirects to its replacement" "$out" "303 $B$PATH_ID"

# --- a browser: headless Chromium renders the resource page and the query page
if command -v chromium >/dev/null; then
  chrome() { timeout 60 chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "$@" 2>/dev/null; }
  chrome --dump-dom "$B/def/bwq-cc-2012/G.html" >"$WORK/page.dom"
  has "page title is the English label" '<h1>Higher</h1>' "$WORK/page.dom"
  has "page property table" '<caption>Properties</caption>' "$WORK/page.dom"
  has "page links stay inside Cairn" 'href="/def/' "$WORK/page.dom"
  has "page shows a language" '<span lang="cy">Uchaf</span>' "$WORK/page.dom"
  has "page shows inbound links" '<caption>Referenced by</caption>' "$WORK/page.dom"
  chrome --virtual-time-budget=5000 --dump-dom "$B/" >"$WORK/home.dom"
  if grep -q 'id="yasgui"' "$WORK/home.dom" && grep -q 'Yasgui' "$WORK/home.dom" 2>/dev/null; then
    has "YASGUI editor rendered" 'class="CodeMirror' "$WORK/home.dom"
  fi
else
  echo "SKIP: chromium is not installed (scripts/install-deps.sh installs it)"
fi

kill -TERM "$SERVER_PID"; wait "$SERVER_PID"; SERVER_PID=""

# --- the organograms, in their own URI space (http://reference.data.gov.uk/): a crawler again
ORG=$SHARED/data/org-data/2014-03-31/merge-2014-03-31.nt.gz
"$CAIRN" load --location "$S" --graph http://reference.data.gov.uk/graph/org "$ORG" >/dev/null 2>&1 || fail "load org-data"
"$CAIRN" serve --location "$S" --bind 127.0.0.1:0 --base-uri http://reference.data.gov.uk/ 2>"$WORK/log2" &
SERVER_PID=$!
port=""
for _ in $(seq 100); do
  port=$(sed -n 's|^cairn: listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$WORK/log2")
  [[ -n $port ]] && break
  sleep 0.1
done
B=http://127.0.0.1:$port
HMRC=http://reference.data.gov.uk/id/department/hmrc
curl -s -H 'Accept: application/n-triples' -G "$B/sparql" \
  --data-urlencode "query=CONSTRUCT { <$HMRC> ?p ?o } WHERE { GRAPH ?g { <$HMRC> ?p ?o } }" | grep -v '_:' | sort -u >"$WORK/org-expected.nt"
rapper -q -g -o ntriples "$B/id/department/hmrc" 2>/dev/null | sort -u >"$WORK/org-crawled.nt"
if [[ -s $WORK/org-expected.nt ]] && [[ -z $(comm -23 "$WORK/org-expected.nt" "$WORK/org-crawled.nt") ]]; then pass
else fail "org-data: rapper via /id/department/hmrc lacks triples ($(wc -l <"$WORK/org-expected.nt") expected)"; fi
in_hmrc=$(grep -c "> <$HMRC> \.\$" "$WORK/org-crawled.nt")
if ((in_hmrc > 0)); then pass; else fail "org-data: no inbound links in the document"; fi
kill -TERM "$SERVER_PID"; wait "$SERVER_PID"; SERVER_PID=""
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
