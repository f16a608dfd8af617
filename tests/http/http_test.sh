#!/usr/bin/env bash
# End-to-end checks of `cairn serve` with curl against a real server on 127.0.0.1: the SPARQL 1.1
# Protocol query operation (GET, POST form, POST sparql-query), each result format with its
# Content-Type, default-graph-uri / named-graph-uri, content negotiation and 406, 400 with the
# parser's position, 415, 413, 404, 405, 503 on a timeout, a truncated (never completed) stream on
# a late timeout, cancellation when the client goes away, the Service Description, CORS,
# keep-alive, 50 concurrent requests and graceful shutdown on SIGTERM. Writes: /update and the
# Graph Store Protocol at /store with bearer tokens (401/403), --read-only, ETag/304, HEAD,
# spooled (chunked) uploads, LOAD from allowed directories, /metrics.
# Usage: http_test.sh path/to/cairn repo-root
set -uo pipefail
CAIRN=$1
ROOT=$2
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

# start_server LOG ARGS...: starts cairn serve on a free port (port 0; the log says which) and
# sets SERVER_PID and BASE.
start_server() {
  local log=$1; shift
  "$CAIRN" serve --location "$S" --bind 127.0.0.1:0 "$@" 2>"$log" &
  SERVER_PID=$!
  local port=""
  for _ in $(seq 100); do
    port=$(sed -n 's|^cairn: listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
    [[ -n $port ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [[ -z $port ]]; then echo "FAIL: server did not start"; cat "$log"; exit 1; fi
  BASE="http://127.0.0.1:$port"
}

# req NAME STATUS CONTENT_TYPE_PREFIX CURL_ARGS...: the response body is left in $WORK/body.
req() {
  local name=$1 status=$2 ctype=$3; shift 3
  local got
  got=$(curl -s -o "$WORK/body" -w '%{http_code} %{content_type}' "$@")
  local code=${got%% *} type=${got#* }
  if [[ $code == "$status" && $type == "$ctype"* ]]; then pass
  else fail "$name: got $code '$type', want $status '$ctype'"; head -c 400 "$WORK/body" | sed 's/^/  | /'; fi
}
body_has() {  # body_has NAME EXTENDED_REGEX
  if grep -qE "$2" "$WORK/body"; then pass; else fail "$1: body lacks /$2/"; head -c 400 "$WORK/body" | sed 's/^/  | /'; fi
}
equals() {  # equals NAME GOT WANT
  if [[ $2 == "$3" ]]; then pass; else fail "$1: got '$2', want '$3'"; fi
}

S=$WORK/store
G=http://data.example.gov.uk/graph
for f in organisation service-performance catalogue; do
  "$CAIRN" load --location "$S" --graph "$G/$f" "$ROOT/data/$f.ttl" >/dev/null 2>&1 || { echo "FAIL: load $f"; exit 1; }
done

LOG=$WORK/server.log
start_server "$LOG" --timeout 1 --max-body 4096 --cors https://example.org --threads 2
Q='SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g'
ALL='SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'

# --- plain routes
req "health" 200 "text/plain" "$BASE/health"
body_has "health body" '^ok$'
req "home page" 200 "text/html" "$BASE/"
body_has "home links /sparql" 'href="/sparql"'
body_has "home has the example query" 'COUNT\(DISTINCT \?resource\)'
script=$(sed -n 's|.*<script src="\(/ui/[^"]*\)".*|\1|p' "$WORK/body")
if [[ -n $script ]]; then  # a build with YASGUI (it falls back to a plain form without npm)
  req "YASGUI script" 200 "text/javascript" "$BASE$script"
  body_has "YASGUI script is the bundle" 'Yasgui'
  cache=$(curl -s -o /dev/null -D - "$BASE$script" | tr -d '\r' | sed -n 's/^[Cc]ache-[Cc]ontrol: //p')
  equals "versioned assets are immutable" "$cache" "public, max-age=31536000, immutable"
else
  body_has "plain form without YASGUI" '<form action="/sparql"'
fi
req "unknown asset" 404 "text/plain" "$BASE/ui/nothing.js"
# The Host header becomes part of IRIs when no --base-uri is set: a malformed one is refused.
req "malformed Host for the catalogue" 400 "text/plain" -H 'Host: evil"><x' "$BASE/catalog"
req "malformed Host for a document" 400 "text/plain" -H 'Host: evil"><x' "$BASE/doc/x"
req "unknown route" 404 "text/plain" "$BASE/nothing"
req "wrong method" 405 "text/plain" -X DELETE "$BASE/sparql"
allow=$(curl -s -o /dev/null -D - -X PUT "$BASE/sparql" | tr -d '\r' | sed -n 's/^[Aa]llow: //p')
equals "405 Allow" "$allow" "GET, HEAD, POST"
req "no token configured: writes refused" 403 "text/plain" -H "Content-Type: application/sparql-update" --data-binary "CLEAR ALL" "$BASE/update"

# --- SELECT in each format, GET and POST
req "GET json (default)" 200 "application/sparql-results+json" -G "$BASE/sparql" --data-urlencode "query=$ALL"
body_has "json count" '"value" *: *"8830"'
req "GET xml" 200 "application/sparql-results+xml" -H 'Accept: application/sparql-results+xml' -G "$BASE/sparql" --data-urlencode "query=$ALL"
body_has "xml count" '>8830<'
req "GET csv" 200 "text/csv" -H 'Accept: text/csv' -G "$BASE/sparql" --data-urlencode "query=$Q"
equals "csv rows" "$(tr -d '\r' <"$WORK/body")" "g,n
$G/catalogue,77
$G/organisation,184
$G/service-performance,8569"
req "GET tsv" 200 "text/tab-separated-values" -H 'Accept: text/tab-separated-values' -G "$BASE/sparql" --data-urlencode "query=$Q"
equals "tsv lines" "$(wc -l <"$WORK/body")" 4
req "POST form" 200 "text/csv" -H 'Accept: text/csv' --data-urlencode "query=$ALL" "$BASE/sparql"
equals "POST form count" "$(tr -d '\r' <"$WORK/body" | tail -1)" 8830
req "POST sparql-query" 200 "text/csv" -H 'Accept: text/csv' -H 'Content-Type: application/sparql-query' --data-binary "$ALL" "$BASE/sparql"
equals "POST sparql-query count" "$(tr -d '\r' <"$WORK/body" | tail -1)" 8830
req "q-values pick tsv" 200 "text/tab-separated-values" -H 'Accept: text/csv;q=0.5, text/tab-separated-values' -G "$BASE/sparql" --data-urlencode "query=$ALL"
req "wildcard picks json" 200 "application/sparql-results+json" -H 'Accept: text/html, */*;q=0.8' -G "$BASE/sparql" --data-urlencode "query=$ALL"
req "format= overrides" 200 "text/csv" -G "$BASE/sparql" --data-urlencode "query=$ALL" --data-urlencode "format=csv"
req "406 for SELECT" 406 "text/plain" -H 'Accept: image/png' -G "$BASE/sparql" --data-urlencode "query=$ALL"
body_has "406 lists formats" 'application/sparql-results\+json.*text/csv'

# --- datasets from the protocol
req "default-graph-uri" 200 "text/csv" -H 'Accept: text/csv' -G "$BASE/sparql" --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --data-urlencode "default-graph-uri=$G/catalogue"
equals "default-graph-uri count" "$(tr -d '\r' <"$WORK/body" | tail -1)" 77
req "two default-graph-uri" 200 "text/csv" -H 'Accept: text/csv' -G "$BASE/sparql" --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --data-urlencode "default-graph-uri=$G/catalogue" --data-urlencode "default-graph-uri=$G/organisation"
equals "two default-graph-uri count" "$(tr -d '\r' <"$WORK/body" | tail -1)" 261
req "named-graph-uri" 200 "text/csv" -H 'Accept: text/csv' -G "$BASE/sparql" --data-urlencode "query=$Q" --data-urlencode "named-graph-uri=$G/organisation"
equals "named-graph-uri rows" "$(tr -d '\r' <"$WORK/body" | tail -n +2)" "$G/organisation,184"

# --- ASK, CONSTRUCT
req "ASK json" 200 "application/sparql-results+json" -G "$BASE/sparql" --data-urlencode 'query=ASK { GRAPH ?g { ?s a ?c } }'
body_has "ASK true" '"boolean" *: *true'
req "ASK xml" 200 "application/sparql-results+xml" -H 'Accept: application/sparql-results+xml' -G "$BASE/sparql" --data-urlencode 'query=ASK { <urn:x> <urn:y> <urn:z> }'
body_has "ASK false" '<boolean>false</boolean>'
CQ="CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <$G/catalogue> { ?s ?p ?o } }"
req "CONSTRUCT turtle (default)" 200 "text/turtle" -G "$BASE/sparql" --data-urlencode "query=$CQ"
equals "CONSTRUCT turtle parses" "$(rapper -i turtle -c "$WORK/body" http://base/ 2>&1 | grep -o 'returned [0-9]* triples')" "returned 77 triples"
req "CONSTRUCT ntriples" 200 "application/n-triples" -H 'Accept: application/n-triples' -G "$BASE/sparql" --data-urlencode "query=$CQ"
equals "CONSTRUCT ntriples lines" "$(wc -l <"$WORK/body")" 77
req "CONSTRUCT nquads" 200 "application/n-quads" -H 'Accept: application/n-quads' -G "$BASE/sparql" --data-urlencode "query=$CQ"
req "CONSTRUCT trig" 200 "application/trig" -H 'Accept: application/trig' -G "$BASE/sparql" --data-urlencode "query=$CQ"
req "406 for CONSTRUCT" 406 "text/plain" -H 'Accept: application/sparql-results+json' -G "$BASE/sparql" --data-urlencode "query=$CQ"
body_has "406 lists RDF formats" 'text/turtle'

# --- errors
req "syntax error" 400 "text/plain" -G "$BASE/sparql" --data-urlencode 'query=SELECT * WHERE { ?s ?p }'
body_has "syntax error position" 'line 1, column [0-9]+: expected'
req "415" 415 "text/plain" -H 'Content-Type: text/plain' --data-binary "$ALL" "$BASE/sparql"
req "POST without query" 400 "text/plain" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "" "$BASE/sparql"
head -c 10000 /dev/zero | tr '\0' 'x' >"$WORK/big"
req "413" 413 "text/plain" -H 'Content-Type: application/sparql-query' --data-binary @"$WORK/big" "$BASE/sparql"
req "413 chunked" 413 "text/plain" -H 'Content-Type: application/sparql-query' -H 'Transfer-Encoding: chunked' --data-binary @"$WORK/big" "$BASE/sparql"
long=$(head -c 20000 /dev/zero | tr '\0' 'a')
req "414 long URL" 414 "text/plain" "$BASE/sparql?query=$long"
req "431 big headers" 431 "text/plain" -H "X-Big: $long$long" "$BASE/health"
HEAVY='SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s1 ?p1 ?o1 } GRAPH ?b { ?s2 ?p2 ?o2 } GRAPH ?c { ?s3 ?p3 ?o3 } }'
req "503 on timeout" 503 "text/plain" -G "$BASE/sparql" --data-urlencode "query=$HEAVY"
body_has "timeout message" 'query timed out after 1 s'
# Streaming had started when the deadline passed: the body must end without the last chunk.
STREAMING='SELECT * WHERE { GRAPH ?a { ?s1 ?p1 ?o1 } GRAPH ?b { ?s2 ?p2 ?o2 } }'
size=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept: text/tab-separated-values' -G "$BASE/sparql" --data-urlencode "query=$STREAMING")
rc=$?
if [[ $rc -ne 0 && $size -gt 0 ]]; then pass; else fail "late timeout: curl exit $rc (want an error), $size bytes"; fi
req "server alive after truncation" 200 "text/plain" "$BASE/health"

# --- Service Description
req "service description" 200 "text/turtle" "$BASE/sparql"
if rapper -q -i turtle -c "$WORK/body" http://base/ >/dev/null 2>&1; then pass; else fail "service description does not parse"; fi
body_has "sd:endpoint" "sd:endpoint <$BASE/sparql>"
body_has "sd:SPARQL11Query" 'sd:SPARQL11Query'
body_has "sd:namedGraph with its name" "sd:name <$G/service-performance>"
body_has "void:triples 8569" 'void:triples 8569'
if grep -q 'BasicFederatedQuery' "$WORK/body"; then fail "SD advertises SERVICE"; else pass; fi
req "service description ntriples" 200 "application/n-triples" -H 'Accept: application/n-triples' "$BASE/sparql"

# --- CORS, keep-alive
acao=$(curl -s -o /dev/null -D - -G "$BASE/sparql" --data-urlencode "query=$ALL" | tr -d '\r' | sed -n 's/^[Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin: //p')
equals "CORS header" "$acao" "https://example.org"
req "CORS preflight" 204 "" -X OPTIONS -H 'Origin: https://example.org' -H 'Access-Control-Request-Method: POST' "$BASE/sparql"
curl -s -v -o /dev/null "$BASE/health" -o /dev/null "$BASE/sparql?query=ASK%7B%7D" 2>"$WORK/verbose"
if grep -q 'Re-using existing connection' "$WORK/verbose"; then pass; else fail "keep-alive: the second request opened a new connection"; fi

# --- 50 concurrent requests
for i in $(seq 50); do
  curl -s -o /dev/null -w '%{http_code}\n' -G "$BASE/sparql" --data-urlencode "query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } # $i" >>"$WORK/codes" &
done
wait $(jobs -p | grep -v "^$SERVER_PID$") 2>/dev/null
equals "50 concurrent requests answered 200" "$(grep -c '^200$' "$WORK/codes")" 50

# --- access log
if grep -qE '"GET /health" 200 3 [0-9.]+ms' "$LOG"; then pass; else fail "access log line"; tail -3 "$LOG"; fi

# --- graceful shutdown: an in-flight request still gets its (timeout) answer, exit code 0
curl -s -o "$WORK/inflight" -w '%{http_code}' -G "$BASE/sparql" --data-urlencode "query=$HEAVY" >"$WORK/inflight_code" &
CURL_PID=$!
sleep 0.3
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"; rc=$?
wait "$CURL_PID"
equals "SIGTERM exit code" "$rc" 0
equals "in-flight request answered during shutdown" "$(cat "$WORK/inflight_code")" 503
if kill -0 "$SERVER_PID" 2>/dev/null; then fail "server still running"; else pass; fi
SERVER_PID=""
if grep -q '^cairn: stopped' "$LOG"; then pass; else fail "no 'stopped' line"; fi

# --- writes: /update and /store with a bearer token; ETags follow the store's state
TOKEN_FILE=$WORK/token
printf 'test-token-0123456789abcdef\n' >"$TOKEN_FILE"
chmod 600 "$TOKEN_FILE"
AUTH="Authorization: Bearer test-token-0123456789abcdef"
mkdir -p "$WORK/loadable"
printf '<http://x/loaded> <http://x/p> "from a file" .\n' >"$WORK/loadable/one.nt"
LOG3=$WORK/server3.log
start_server "$LOG3" --update-token-file "$TOKEN_FILE" --allow-load "$WORK/loadable"
U="$BASE/update"
CT_UPDATE="Content-Type: application/sparql-update"
req "update without token" 401 "text/plain" -H "$CT_UPDATE" --data-binary 'INSERT DATA { <http://x/a> <http://x/p> 1 }' "$U"
hdr=$(curl -s -o /dev/null -D - -H "$CT_UPDATE" --data-binary 'CLEAR ALL' "$U" | tr -d '\r' | sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: //p')
equals "401 names its scheme" "$hdr" 'Bearer realm="cairn"'
req "update with a wrong token" 401 "text/plain" -H "Authorization: Bearer test-token-0123456789abcdeX" -H "$CT_UPDATE" --data-binary 'CLEAR ALL' "$U"
req "GET /update" 405 "text/plain" "$U"
TAG_ASK="ASK { <http://x/a> <http://x/p> 1 }"
etag1=$(curl -s -o /dev/null -D - -G "$BASE/sparql" --data-urlencode "query=$TAG_ASK" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
if [[ $etag1 == W/\"*\" ]]; then pass; else fail "ETag on a query: '$etag1'"; fi
req "If-None-Match, unchanged store" 304 "" -H "If-None-Match: $etag1" -G "$BASE/sparql" --data-urlencode "query=$TAG_ASK"
req "update (sparql-update body)" 200 "text/plain" -H "$AUTH" -H "$CT_UPDATE" --data-binary 'INSERT DATA { <http://x/a> <http://x/p> 1 }' "$U"
body_has "update summary" '^applied 1 operation; triples: 8830 -> 8831$'
req "If-None-Match after a change" 200 "application/sparql-results+json" -H "If-None-Match: $etag1" -G "$BASE/sparql" --data-urlencode "query=$TAG_ASK"
body_has "the change is visible" '"boolean" *: *true'
req "update (form) with using-graph-uri" 200 "text/plain" -H "$AUTH" --data-urlencode "update=INSERT { <http://x/count> <http://x/n> ?n } WHERE { SELECT (COUNT(*) AS ?n) { ?s ?p ?o } }" \
  --data-urlencode "using-graph-uri=$G/catalogue" "$U"
got_n=$(curl -s -H 'Accept: text/csv' -G "$BASE/sparql" --data-urlencode 'query=SELECT ?n { <http://x/count> <http://x/n> ?n }' | sed -n 2p | tr -d '\r')
want_n=$(curl -s -H 'Accept: text/csv' -G "$BASE/sparql" --data-urlencode "query=SELECT (COUNT(*) AS ?n) { GRAPH <$G/catalogue> { ?s ?p ?o } }" | sed -n 2p | tr -d '\r')
if [[ -n $want_n && $got_n == "$want_n" ]]; then pass; else fail "using-graph-uri: counted '$got_n', the graph has '$want_n'"; fi
req "dataset in request and protocol" 400 "text/plain" -H "$AUTH" --data-urlencode "update=DELETE { ?s ?p ?o } USING <$G/catalogue> WHERE { ?s ?p ?o }" \
  --data-urlencode "using-graph-uri=$G/catalogue" "$U"
req "malformed update" 400 "text/plain" -H "$AUTH" -H "$CT_UPDATE" --data-binary $'INSERT DATA {\n  <http://x/a> <http://x/p> ' "$U"
body_has "malformed update position" 'line 2, column'
req "update that cannot apply" 400 "text/plain" -H "$AUTH" -H "$CT_UPDATE" --data-binary "CREATE GRAPH <$G/catalogue>" "$U"
body_has "nothing changed" 'nothing was changed'
req "LOAD from an allowed directory" 200 "text/plain" -H "$AUTH" -H "$CT_UPDATE" --data-binary "LOAD <file://$WORK/loadable/one.nt> INTO GRAPH <http://x/loaded>" "$U"
req "LOAD from elsewhere" 400 "text/plain" -H "$AUTH" -H "$CT_UPDATE" --data-binary "LOAD <file://$ROOT/data/catalogue.ttl>" "$U"
body_has "LOAD refusal says why" 'allow-load'
req "query sent to /update" 400 "text/plain" -H "$AUTH" --data-urlencode 'query=ASK {}' "$U"
req "update with a wrong Content-Type" 415 "text/plain" -H "$AUTH" -H 'Content-Type: text/plain' --data-binary 'CLEAR ALL' "$U"

ST="$BASE/store"
GX=http://x/gsp
req "GSP PUT without token" 401 "text/plain" -X PUT -H 'Content-Type: text/turtle' --data-binary '<http://x/s> <http://x/p> "v" .' "$ST?graph=$GX"
req "GSP PUT creates" 201 "text/plain" -X PUT -H "$AUTH" -H 'Content-Type: text/turtle' --data-binary '@prefix x: <http://x/> . x:s x:p "v1", "v2" .' "$ST?graph=$GX"
req "GSP PUT replaces" 204 "" -X PUT -H "$AUTH" -H 'Content-Type: application/n-triples' --data-binary '<http://x/s> <http://x/p> "v3" .' "$ST?graph=$GX"
req "GSP GET (Turtle by default)" 200 "text/turtle" "$ST?graph=$GX"
body_has "GSP GET holds the replacement" '"v3"'
if grep -q '"v1"' "$WORK/body"; then fail "GSP PUT did not replace"; else pass; fi
req "GSP GET as N-Triples" 200 "application/n-triples" -H 'Accept: application/n-triples' "$ST?graph=$GX"
body_has "GSP N-Triples line" '^<http://x/s> <http://x/p> "v3" \.$'
head_out=$(curl -s -I "$ST?graph=$GX" | tr -d '\r')
if grep -q '^HTTP/1.1 200' <<<"$head_out" && grep -qi '^content-type: text/turtle' <<<"$head_out"; then pass; else fail "GSP HEAD: $head_out"; fi
req "GSP POST merges" 204 "" -X POST -H "$AUTH" -H 'Content-Type: text/turtle' --data-binary '<http://x/s> <http://x/p> "v4" .' "$ST?graph=$GX"
req "GSP graph after merge" 200 "text/csv" -H 'Accept: text/csv' -G "$BASE/sparql" --data-urlencode "query=SELECT (COUNT(*) AS ?n) { GRAPH <$GX> { ?s ?p ?o } }"
body_has "two triples after merge" '^2'
req "GSP malformed body" 400 "text/plain" -X PUT -H "$AUTH" -H 'Content-Type: text/turtle' --data-binary $'<http://x/s> <http://x/p>\n "unterminated .' "$ST?graph=$GX"
body_has "GSP parse error position" ':2:'
req "GSP graph unchanged after bad PUT" 200 "text/csv" -H 'Accept: text/csv' -G "$BASE/sparql" --data-urlencode "query=SELECT (COUNT(*) AS ?n) { GRAPH <$GX> { ?s ?p ?o } }"
body_has "still two triples" '^2'
req "GSP unsupported body type" 415 "text/plain" -X PUT -H "$AUTH" -H 'Content-Type: text/csv' --data-binary 'a,b' "$ST?graph=$GX"
req "GSP both graph and default" 400 "text/plain" "$ST?graph=$GX&default"
req "GSP default graph" 200 "text/turtle" "$ST?default"
req "GSP chunked upload (spooled to disk)" 201 "text/plain" -X PUT -H "$AUTH" -H 'Content-Type: application/n-triples' -H 'Transfer-Encoding: chunked' \
  --data-binary '<http://x/c> <http://x/p> "chunked" .' "$ST/chunky"
req "GSP direct identification" 200 "application/n-triples" -H 'Accept: application/n-triples' "$ST/chunky"
body_has "direct graph content" '"chunked"'
loc=$(curl -s -o /dev/null -D - -X POST -H "$AUTH" -H 'Content-Type: text/turtle' --data-binary '<http://x/n> <http://x/p> "new" .' "$ST" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
if [[ $loc == /store/* ]]; then pass; else fail "POST /store Location: '$loc'"; fi
req "GET the created graph" 200 "text/turtle" "$BASE$loc"
body_has "created graph content" '"new"'
req "GSP DELETE" 204 "" -X DELETE -H "$AUTH" "$ST?graph=$GX"
req "GSP DELETE again" 404 "text/plain" -X DELETE -H "$AUTH" "$ST?graph=$GX"
req "GSP GET deleted graph" 404 "text/plain" "$ST?graph=$GX"
ls "${TMPDIR:-/tmp}"/cairn-upload-* >/dev/null 2>&1 && fail "spool files left behind" || pass
req "metrics" 200 "text/plain" "$BASE/metrics"
body_has "metrics count 401s" '^cairn_http_requests_total\{endpoint="/update",code="401"\} 3$'
body_has "metrics latency histogram" '^cairn_http_request_duration_seconds_bucket\{endpoint="/store",le="\+Inf"\} [0-9]+$'
body_has "metrics store size" '^cairn_store_triples [0-9]+$'
kill -TERM "$SERVER_PID"; wait "$SERVER_PID"; SERVER_PID=""

start_server "$WORK/server4.log" --update-token-file "$TOKEN_FILE" --read-only
req "read-only refuses updates" 403 "text/plain" -H "$AUTH" -H "$CT_UPDATE" --data-binary 'CLEAR ALL' "$BASE/update"
req "read-only refuses GSP" 403 "text/plain" -X DELETE -H "$AUTH" "$BASE/store?default"
req "read-only still answers queries" 200 "application/sparql-results+json" -G "$BASE/sparql" --data-urlencode "query=$ALL"
kill -TERM "$SERVER_PID"; wait "$SERVER_PID"; SERVER_PID=""

# --- a client that goes away cancels its query (the query would take far longer than 30 s)
LOG2=$WORK/server2.log
start_server "$LOG2" --timeout 120
curl -s -o /dev/null --max-time 1 -G "$BASE/sparql" --data-urlencode "query=$HEAVY"
cancelled=0
for _ in $(seq 50); do
  if grep -q '"GET /sparql"' "$LOG2"; then cancelled=1; break; fi
  sleep 0.1
done
equals "disconnect cancels the query" "$cancelled" 1
if grep -q '"GET /sparql" 499 ' "$LOG2"; then pass; else fail "cancelled query not logged as 499"; fi
kill -INT "$SERVER_PID"
wait "$SERVER_PID"; rc=$?
equals "SIGINT exit code" "$rc" 0
SERVER_PID=""

[[ -n ${HTTP_TEST_VERBOSE:-} ]] && cat "$LOG" "$LOG2"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
