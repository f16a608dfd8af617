#!/usr/bin/env bash
# Command-line behaviour of `cairn`: exit codes, one-line errors, --help on every verb,
# stdin input, atomic loads, and the sample data in data/ loading into its named graphs.
# Usage: cli_test.sh path/to/cairn repo-root
set -uo pipefail
CAIRN=$1
ROOT=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0 failed=0
commas() { echo "$1" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta'; }  # 8830 -> 8,830

check() {  # check NAME COMMAND... : the command must succeed
  local name=$1; shift
  if "$@" >"$WORK/out" 2>"$WORK/err"; then passed=$((passed + 1))
  else failed=$((failed + 1)); echo "FAIL: $name"; sed 's/^/  | /' "$WORK/out" "$WORK/err" | head -20; fi
}
expect_fail() {  # expect_fail NAME EXPECTED_EXIT STDERR_PATTERN COMMAND...
  local name=$1 code=$2 pattern=$3; shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  local lines
  lines=$(wc -l <"$WORK/err")
  if [[ $rc -eq $code ]] && grep -qE "$pattern" "$WORK/err" && [[ $lines -eq 1 ]]; then passed=$((passed + 1))
  else failed=$((failed + 1)); echo "FAIL: $name (exit $rc, want $code; stderr lines $lines, want 1 matching /$pattern/)"
       sed 's/^/  | /' "$WORK/err" | head -5; fi
}

S=$WORK/store
for verb in load dump stats match query update; do check "$verb --help" "$CAIRN" "$verb" --help; done
check "--help" "$CAIRN" --help

expect_fail "unknown option" 2 "^cairn: .*--bogus" "$CAIRN" stats --location "$S" --bogus
expect_fail "unknown verb" 2 "^cairn: " "$CAIRN" frobnicate
expect_fail "missing store" 1 "^cairn: no store at " "$CAIRN" stats --location "$WORK/nothing-here"
expect_fail "missing location" 2 "^cairn: .*location" "$CAIRN" dump
expect_fail "unknown format" 2 "^cairn: unknown format" "$CAIRN" load --location "$S" --format xml "$ROOT/data/catalogue.ttl"
echo "<http://a> <http://b> <http://c> ." > "$WORK/data.xyz"
expect_fail "format from extension" 2 "^cairn: .*--format" "$CAIRN" load --location "$S" "$WORK/data.xyz"

# The sample data loads into its three named graphs.
base=http://data.example.gov.uk/graph
check "load organisation" "$CAIRN" load --location "$S" --graph "$base/organisation" "$ROOT/data/organisation.ttl"
check "load service-performance" "$CAIRN" load --location "$S" --graph "$base/service-performance" "$ROOT/data/service-performance.ttl"
check "load catalogue" "$CAIRN" load --location "$S" --graph "$base/catalogue" "$ROOT/data/catalogue.ttl"
check "stats" "$CAIRN" stats --location "$S"
cp "$WORK/out" "$WORK/stats"
expected=0
for f in organisation service-performance catalogue; do
  n=$(serdi -i turtle "$ROOT/data/$f.ttl" 2>/dev/null | wc -l); expected=$((expected + n))
done
check "stats counts every sample triple ($expected)" grep -qx "triples: $expected" "$WORK/stats"
check "named graphs: 3" grep -qx "named graphs: 3" "$WORK/stats"

# A syntax error names file:line:column, exits 1 and stores nothing.
printf '<http://a> <http://b> <http://c> .\n<http://a> <http://b> "open .\n' > "$WORK/bad.nt"
expect_fail "syntax error position" 1 "bad\.nt:2:[0-9]+: " "$CAIRN" load --location "$S" "$WORK/bad.nt"
check "store unchanged after failed load" "$CAIRN" stats --location "$S"
cp "$WORK/out" "$WORK/stats"
check "still $expected triples" grep -qx "triples: $expected" "$WORK/stats"

# stdin, gzip, and a dump of one graph that reads back with the same count.
printf '<http://x> <http://y> "from stdin" .\n' | "$CAIRN" load --location "$WORK/s2" --format ntriples - >/dev/null
check "stdin load" "$CAIRN" match --location "$WORK/s2" --object '"from stdin"'
cp "$WORK/out" "$WORK/match"
check "match found the stdin triple" grep -q "from stdin" "$WORK/match"
check "dump one graph" "$CAIRN" dump --location "$S" --graph "$base/organisation" --format ntriples --output "$WORK/org.nt"
n_org=$(serdi -i turtle "$ROOT/data/organisation.ttl" 2>/dev/null | wc -l)
check "dumped graph has $n_org triples" test "$(wc -l <"$WORK/org.nt")" -eq "$n_org"
gzip -c "$WORK/org.nt" > "$WORK/org.nt.gz"
check "load .gz" "$CAIRN" load --location "$WORK/s3" "$WORK/org.nt.gz"
cp "$WORK/out" "$WORK/load"
check "gz count" grep -q "$(commas "$n_org") new quads" "$WORK/load"
expect_fail "dump all graphs as N-Triples" 2 "^cairn: .*named graphs" "$CAIRN" dump --location "$S" --format ntriples
check "dump as trig" "$CAIRN" dump --location "$S" --format trig --output "$WORK/all.trig"
check "trig reads back" "$CAIRN" load --location "$WORK/s4" "$WORK/all.trig"
cp "$WORK/out" "$WORK/load"
check "trig count" grep -q "$(commas "$expected") new quads" "$WORK/load"

# SPARQL queries on the sample data.
count_query='SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'
check "query count" "$CAIRN" query --location "$S" --format csv "$count_query"
cp "$WORK/out" "$WORK/query"
check "query counts every triple" grep -qx "$expected" <(tr -d '\r' <"$WORK/query")
services='SELECT ?s WHERE { GRAPH ?g { ?s a <http://data.example.gov.uk/def/service#Service> } }'
for fmt in json xml tsv csv; do
  check "query as $fmt" "$CAIRN" query --location "$S" --format "$fmt" "$services"
done
check "10 services in TSV" test "$("$CAIRN" query --location "$S" --format tsv "$services" | tail -n +2 | wc -l)" -eq 10
check "ASK" "$CAIRN" query --location "$S" "ASK { GRAPH ?g { ?s ?p ?o } }"
cp "$WORK/out" "$WORK/ask"
check "ASK is true" grep -q '"boolean" *: *true' "$WORK/ask"
check "the default graph is empty" "$CAIRN" query --location "$S" "ASK { ?s ?p ?o }"
cp "$WORK/out" "$WORK/ask"
check "ASK on the default graph is false" grep -q '"boolean" *: *false' "$WORK/ask"
check "CONSTRUCT as N-Triples" "$CAIRN" query --location "$S" --format ntriples \
  'CONSTRUCT { ?s <http://example.org/seen> true } WHERE { GRAPH ?g { ?s a <http://data.example.gov.uk/def/service#Service> } }'
cp "$WORK/out" "$WORK/construct"
check "CONSTRUCT gives 10 triples" test "$(wc -l <"$WORK/construct")" -eq 10
expect_fail "syntax error has line and column" 1 "^cairn: syntax error: line 2, column [0-9]+: expected" \
  "$CAIRN" query --location "$S" $'SELECT * WHERE {\n  ?s ?p }'
expect_fail "SELECT cannot be Turtle" 2 "^cairn: format 'turtle' cannot hold SELECT" \
  "$CAIRN" query --location "$S" --format turtle "$services"
"$CAIRN" query --location "$S" --timeout 0.5 --format tsv \
  'SELECT * WHERE { GRAPH ?g1 { ?a ?b ?c } GRAPH ?g2 { ?d ?e ?f } GRAPH ?g3 { ?h ?i ?j } }' >"$WORK/out" 2>"$WORK/err"
rc=$?
if [[ $rc -eq 1 ]] && grep -q "timed out after 0.5 s" "$WORK/err"; then passed=$((passed + 1))
else failed=$((failed + 1)); echo "FAIL: --timeout stops the query (exit $rc)"; head -3 "$WORK/err"; fi

# SPARQL Update: atomic requests, LOAD only from allowed directories.
U=$WORK/ustore
"$CAIRN" load --location "$U" "$ROOT/data/organisation.ttl" >/dev/null
before=$("$CAIRN" stats --location "$U" | sed -n 's/^triples: //p')
check "INSERT DATA" "$CAIRN" update --location "$U" 'INSERT DATA { <http://x/a> <http://x/p> "one" . <http://x/a> <http://x/p> "two" }'
check "two more triples" test "$("$CAIRN" stats --location "$U" | sed -n 's/^triples: //p')" -eq $((before + 2))
expect_fail "a failing request changes nothing" 1 "^cairn: update failed, nothing was changed: .*no such graph" \
  "$CAIRN" update --location "$U" 'INSERT DATA { <http://x/b> <http://x/p> 3 } ; DROP GRAPH <http://x/missing>'
check "still two more" test "$("$CAIRN" stats --location "$U" | sed -n 's/^triples: //p')" -eq $((before + 2))
check "DELETE WHERE" "$CAIRN" update --location "$U" 'DELETE WHERE { <http://x/a> <http://x/p> ?o }'
check "back to the start" test "$("$CAIRN" stats --location "$U" | sed -n 's/^triples: //p')" -eq "$before"
expect_fail "update syntax error" 1 "^cairn: syntax error: line 1, column" "$CAIRN" update --location "$U" 'INSERT DATA { ?x <http://x/p> 1 }'
expect_fail "LOAD is off by default" 1 "not enabled" "$CAIRN" update --location "$U" "LOAD <file://$ROOT/data/catalogue.ttl>"
expect_fail "LOAD outside allowed dirs" 1 "allow-load" "$CAIRN" update --location "$U" --allow-load "$WORK" "LOAD <file://$ROOT/data/catalogue.ttl>"
check "LOAD from an allowed dir" "$CAIRN" update --location "$U" --allow-load "$ROOT/data" \
  "LOAD <file://$ROOT/data/catalogue.ttl> INTO GRAPH <http://x/catalogue>"
check "DESCRIBE reads the FROM graphs" grep -q "service-performance" <("$CAIRN" query --location "$U" --format nt \
  'DESCRIBE <http://data.example.gov.uk/id/dataset/service-performance> FROM <http://x/catalogue>')
check "LOAD SILENT of a refused IRI succeeds" "$CAIRN" update --location "$U" 'LOAD SILENT <http://example.org/remote.ttl>'

# LOAD over http: off by default, public hosts only when on, loopback only with the private flag.
mkdir -p "$WORK/web"
printf '@prefix x: <http://x/> .\nx:fetched x:p <relative> .\n' >"$WORK/web/doc.ttl"
python3 -m http.server 0 --bind 127.0.0.1 --directory "$WORK/web" >"$WORK/web.log" 2>&1 &
WEB_PID=$!
for _ in $(seq 50); do
  WEB_PORT=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$WORK/web.log" | head -1)
  [[ -n $WEB_PORT ]] && break
  sleep 0.1
done
DOC="http://127.0.0.1:$WEB_PORT/doc.ttl"
expect_fail "http LOAD is off by default" 1 "not enabled" "$CAIRN" update --location "$U" "LOAD <$DOC>"
expect_fail "http LOAD refuses loopback hosts" 1 "non-public address" "$CAIRN" update --location "$U" --allow-http-load "LOAD <$DOC>"
check "http LOAD from a private host when allowed" "$CAIRN" update --location "$U" --allow-http-load-private "LOAD <$DOC> INTO GRAPH <http://x/web>"
check "relative IRIs resolve against the document's URL" grep -q "<http://127.0.0.1:$WEB_PORT/relative>" <("$CAIRN" dump --location "$U" --graph http://x/web --format nt)
expect_fail "http LOAD of a missing document" 1 "HTTP 404" "$CAIRN" update --location "$U" --allow-http-load-private "LOAD <http://127.0.0.1:$WEB_PORT/missing.ttl>"
kill "$WEB_PID" 2>/dev/null; wait "$WEB_PID" 2>/dev/null

echo "cli: $passed passed, $failed failed, 0 skipped"
[[ $failed -eq 0 ]]
