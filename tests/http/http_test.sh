#!/usr/bin/env bash
# End-to-end checks of `cairn serve` with curl against a real server on 127.0.0.1: the SPARQL 1.1
# Protocol query operation (GET, POST form, POST sparql-query), each result format with its
# Content-Type, default-graph-uri / named-graph-uri, content negotiation and 406, 400 with the
# parser's position, 415, 413, 404, 405, 503 on a timeout, a truncated (never completed) stream on
# a late timeout, cancellation when the client goes away, the Service Description, CORS,
# keep-alive, 50 concurrent requests and graceful shutdown on SIGTERM.
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
req "unknown route" 404 "text/plain" "$BASE/nothing"
req "wrong method" 405 "text/plain" -X DELETE "$BASE/sparql"
allow=$(curl -s -o /dev/null -D - -X PUT "$BASE/sparql" | tr -d '\r' | sed -n 's/^[Aa]llow: //p')
equals "405 Allow" "$allow" "GET, POST"

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
