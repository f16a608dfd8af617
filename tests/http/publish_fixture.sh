# Sourced by the catalogue tests: builds a store publishing two real datasets.
#   publish_fixture CAIRN SHARED_DIR DIR    -> DIR/store
# org (UK organograms 2014 + their vocabularies) is declared with `cairn publish` options,
# bathing-water (Environment Agency, 2014 + vocabularies) with a Turtle configuration file.
GRAPH_BASE=http://data.example.gov.uk/graph

publish_fixture() {
  local cairn=$1 shared=$2 dir=$3 store=$3/store
  local bw=$shared/data/bathing-water/baseline/component-data
  "$cairn" load -l "$store" --graph $GRAPH_BASE/org "$shared/data/org-data/2014-03-31/merge-2014-03-31.nt.gz" >/dev/null &&
  "$cairn" load -l "$store" --graph $GRAPH_BASE/org-vocab "$shared"/data/org-data/vocabs/*.ttl >/dev/null &&
  "$cairn" load -l "$store" --graph $GRAPH_BASE/bathing-water "$bw"/annual/*.ttl "$bw"/inseason/*.ttl "$bw"/features/*.ttl >/dev/null &&
  "$cairn" load -l "$store" --graph $GRAPH_BASE/bathing-water-vocab "$bw"/vocabularies/*.ttl >/dev/null || return 1
  "$cairn" publish -l "$store" --dataset org --graph $GRAPH_BASE/org --graph $GRAPH_BASE/org-vocab \
    --title "Organograms of UK central government, 31 March 2014" \
    --description "Senior civil service posts, reporting lines and salary ranges of 11 organisations." \
    --publisher http://reference.data.gov.uk/id/department/co --publisher-name "Cabinet Office" \
    --keyword organogram --keyword "civil service" --theme GOVE --temporal 2014-03-31/2014-03-31 \
    --spatial GBR --accrual-periodicity ANNUAL --contact data@example.gov.uk \
    --catalog-title "Example department linked data" \
    --catalog-description "Linked open data published by an example UK government department." >/dev/null || return 1
  cat > "$dir/bathing-water.ttl" <<'TTL'
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix cairn: <urn:cairn:> .

[] a dcat:Dataset ;
  dct:identifier "bathing-water" ;
  cairn:graph <http://data.example.gov.uk/graph/bathing-water>, <http://data.example.gov.uk/graph/bathing-water-vocab> ;
  dct:title "Bathing water quality, England and Wales, 2014"@en ;
  dct:description "Bathing water profiles, in-season sample assessments and annual compliance."@en ;
  dct:publisher <http://environment.data.gov.uk/id/organisation/ea> ;
  dcat:keyword "bathing water"@en, "water quality"@en ;
  dcat:theme <http://publications.europa.eu/resource/authority/data-theme/ENVI> ;
  dct:spatial <http://publications.europa.eu/resource/authority/country/GBR> ;
  dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2014-05-01"^^xsd:date ; dcat:endDate "2014-09-30"^^xsd:date ] ;
  dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/ANNUAL> ;
  dcat:contactPoint [ a vcard:Organization ; vcard:fn "Environment Agency"@en ;
                      vcard:hasEmail <mailto:enquiries@environment-agency.gov.uk> ] .

<http://environment.data.gov.uk/id/organisation/ea> foaf:name "Environment Agency"@en .
TTL
  "$cairn" publish -l "$store" --config "$dir/bathing-water.ttl" >/dev/null
}

# A free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts cairn serve on a free port (SERVE_PID, BASE set); extra arguments go to serve.
start_serve() {
  local cairn=$1 store=$2; shift 2
  local port
  port=$(free_port)
  BASE=http://127.0.0.1:$port
  "$cairn" serve -l "$store" --bind 127.0.0.1:$port --base-uri "$BASE/" "$@" >"$store.serve.log" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 1 100); do
    curl -sf "$BASE/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "cairn serve did not start:"; cat "$store.serve.log"
  return 1
}
