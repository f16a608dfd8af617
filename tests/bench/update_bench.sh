#!/usr/bin/env bash
# Update benchmark (issue 4): cairn serve /update vs Virtuoso 7.2 /sparql, one run, one machine.
#
#   tests/bench/update_bench.sh [options]
#
#   --runs N           fresh stores and the whole sequence N times; medians (default 3)
#   --quiet-wait S     wait up to S s for the 1-min load average to fall below --quiet-load
#                      before each engine's timed steps (default 120)
#   --quiet-load L     (default 1.0)
#   --threads N        cairn serve --threads (default 2)
#   --skip-cairn       Virtuoso only (not a comparison)
#   --skip-virtuoso    cairn only (not a comparison)
#   --keep             keep the work dir (data, stores, request files, logs)
#   --workdir DIR      create the work dir under DIR (default /tmp)
#   --port P           Virtuoso HTTP port P (SQL P+1), cairn P+2 (default: first free from 18900)
#   --out FILE         Markdown report (default tests/bench/out/update-<date>.md; raw figures
#                      next to it as FILE without .md + .tsv, server replies in -data/)
#   --no-install       do not call scripts/install-deps.sh --bench / apt-get
#
# Env: CAIRN (default build-release/cairn), BENCH_DATA, PEERS, VIRT_BUFFERS (as query_bench.sh).
#
# Steps, each timed client-side and with the server's peak RSS (VmHWM reset before the step),
# on a store that holds BSBM 1M (1,023,143 triples) in the named graph G_BSBM (loaded, not timed):
#   one     INSERT DATA of 100,000 triples in one request        -> graph .../update/one
#   gsp     the same 100,000 triples as one Graph Store POST (text/turtle) -> graph .../update/gsp
#   chunks  the same 100,000 triples as 100 INSERT DATA requests of 1,000, one keep-alive
#           connection, one after the other                       -> graph .../update/chunks
#   delete  DELETE WHERE { GRAPH <.../update/chunks> { ?s ?p ?o } }  (100,000 triples)
#   drop    DROP GRAPH <G_BSBM>                                   (1,023,143 triples)
# After every step the four graphs are counted through /sparql on the same server and must hold
# exactly what the step's outcome implies (a refused request changes nothing); otherwise the run
# is invalid (exit 3). Servers are stopped on any exit.
set -euo pipefail
export LC_ALL=C

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/../.." && pwd)
BENCH_NAME=update_bench
# shellcheck source-path=SCRIPTDIR disable=SC2034  # BENCH_NAME, KEEP: used by bench_lib.sh
source "$SCRIPT_DIR/bench_lib.sh"
CLIENT=$SCRIPT_DIR/update_bench_client.py

RUNS=3
QUIET_WAIT=120
QUIET_LOAD=1.0
THREADS=2
SKIP_CAIRN=0
SKIP_VIRT=0
WORK_PARENT=/tmp
PORT=""
OUT=""
NO_INSTALL=0
G_BSBM=http://example.org/bench/bsbm
U=http://example.org/bench/update/
ITEMS=20000       # 5 triples per item: 100,000 triples
CHUNK_ITEMS=200   # 1,000 triples per request
TRIPLES=$((ITEMS * 5))

usage() { sed -n '2,34p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
while (($#)); do
  case $1 in
    --runs) RUNS=${2:?}; shift 2 ;;
    --quiet-wait) QUIET_WAIT=${2:?}; shift 2 ;;
    --quiet-load) QUIET_LOAD=${2:?}; shift 2 ;;
    --threads) THREADS=${2:?}; shift 2 ;;
    --skip-cairn) SKIP_CAIRN=1; shift ;;
    --skip-virtuoso) SKIP_VIRT=1; shift ;;
    --keep) KEEP=1; shift ;;
    --workdir) WORK_PARENT=${2:?}; shift 2 ;;
    --port) PORT=${2:?}; shift 2 ;;
    --out) OUT=${2:?}; shift 2 ;;
    --no-install) NO_INSTALL=1; shift ;;
    -h | --help) usage 0 ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive integer"
[[ $THREADS =~ ^[1-9][0-9]*$ ]] || die "--threads needs a positive integer"
[[ $QUIET_WAIT =~ ^[0-9]+$ ]] || die "--quiet-wait needs seconds"
((SKIP_CAIRN == 0 || SKIP_VIRT == 0)) || die "nothing to run (--skip-cairn and --skip-virtuoso)"

STAMP=$(date +%Y-%m-%d_%H%M%S)
OUT=${OUT:-$REPO/tests/bench/out/update-$STAMP.md}
TSV=${OUT%.md}.tsv
DATA_OUT=${OUT%.md}-data
mkdir -p "$(dirname "$OUT")" "$DATA_OUT"

bench_init_cleanup
[[ $NO_INSTALL == 1 ]] || install_deps zstd curl iproute2 python3
for c in zstd sha256sum awk ss curl python3; do command -v "$c" >/dev/null || die "$c not found"; done
[[ -r $CLIENT ]] || die "$CLIENT not found"
if [[ $SKIP_VIRT == 0 ]]; then
  for c in virtuoso-t isql-vt bc; do command -v "$c" >/dev/null || die "$c not found (apt-get install virtuoso-opensource)"; done
  [[ -x $VIRT_SH ]] || die "$VIRT_SH not found"
fi
if [[ $SKIP_CAIRN == 0 ]]; then
  resolve_cairn
  "$CAIRN" serve --help 2>&1 | grep -q -- '--update-token-file' ||
    die "$CAIRN serve has no --update-token-file: no /update endpoint in this build"
fi
[[ -w /proc/self/clear_refs ]] || die "/proc/PID/clear_refs not writable: cannot reset VmHWM per step"
pick_ports 3
CAIRN_PORT=$((PORT + 2))
mkdir -p "$WORK_PARENT"
WORK=$(mktemp -d "$WORK_PARENT/cairn-updatebench.XXXXXX")
log "work dir $WORK; ports: Virtuoso $PORT/$((PORT + 1)), cairn $CAIRN_PORT"
machine_info
T_START=$(now)
LOAD_START=$(loadavg)
prepare_bsbm

# ---------------------------------------------------------------- the update requests
# 20,000 items x 5 triples (IRI, language-tagged string, integer, date, IRI objects): 100,000
# distinct triples, deterministic. The same Turtle-style triples go into every request kind.
gen_items() {   # gen_items FROM TO: triples of items FROM..TO, Turtle syntax with prefixes u: rdfs: xsd:
  awk -v FROM="$1" -v TO="$2" 'BEGIN {
    for (i = FROM; i <= TO; i++)
      printf "u:i%d a u:Item ; rdfs:label \"Item %d\"@en ; u:value %d ; u:date \"%04d-%02d-%02d\"^^xsd:date ; u:next u:i%d .\n",
        i, i, i * 7, 2000 + i % 25, 1 + i % 12, 1 + i % 28, i + 1 }'
}
insert_data() {   # insert_data GRAPH FROM TO: an INSERT DATA request
  printf 'PREFIX u: <%s>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\nINSERT DATA { GRAPH <%s> {\n' "$U" "$1"
  gen_items "$2" "$3"
  printf '} }\n'
}
REQ=$WORK/requests
mkdir -p "$REQ/chunks"
insert_data "${U}one" 1 "$ITEMS" >"$REQ/one.ru"
{
  printf '@prefix u: <%s> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n' "$U"
  gen_items 1 "$ITEMS"
} >"$REQ/gsp.ttl"
CHUNK_FILES=()
for ((k = 0; k < ITEMS / CHUNK_ITEMS; k++)); do
  f=$(printf '%s/chunks/%03d.ru' "$REQ" "$k")
  insert_data "${U}chunks" $((k * CHUNK_ITEMS + 1)) $(((k + 1) * CHUNK_ITEMS)) >"$f"
  CHUNK_FILES+=("$f")
done
printf 'DELETE WHERE { GRAPH <%schunks> { ?s ?p ?o } }\n' "$U" >"$REQ/delete.ru"
printf 'DROP GRAPH <%s>\n' "$G_BSBM" >"$REQ/drop.ru"
# the generator must give exactly 100,000 distinct triples: check with an independent expansion
n=$(gen_items 1 "$ITEMS" | awk '{ n += gsub(/ ; /, "&") + 1 } END { print n }')
[[ $n == "$TRIPLES" ]] || die "request generator: $n triples, expected $TRIPLES"
((${#CHUNK_FILES[@]} == 100)) || die "expected 100 chunk requests, got ${#CHUNK_FILES[@]}"
REQ_INFO="one: $(stat -c %s "$REQ/one.ru") B; gsp: $(stat -c %s "$REQ/gsp.ttl") B Turtle; chunks: 100 requests of $(stat -c %s "${CHUNK_FILES[0]}")..$(stat -c %s "${CHUNK_FILES[99]}") B"

GRAPHS=(bsbm one gsp chunks)
graph_iri() { [[ $1 == bsbm ]] && echo "$G_BSBM" || echo "$U$1"; }

# ---------------------------------------------------------------- one step
# run_step RUN ENGINE STEP PID CONTENT_TYPE URL [--header H]... -- FILES...
declare -A EXP
printf 'run\tengine\tstep\trequests\tfailed\twall_s\treq_p50_s\treq_max_s\trss_before_kb\thwm_kb\trss_after_kb\tserver_cpu_s\tload1\tstatuses\tfirst_error\tcount_bsbm\tcount_one\tcount_gsp\tcount_chunks\n' >"$TSV"
INVALID=0
WARN_LOG=$DATA_OUT/client-warnings.log
: >"$WARN_LOG"
run_step() {
  local run=$1 eng=$2 step=$3 pid=$4 ct=$5 url=$6 hdrs=() files=() json rss0 hwm rss1 t0 t1 g n counts=() bad=""
  shift 6
  while [[ $1 != -- ]]; do hdrs+=("$1" "$2"); shift 2; done
  shift
  files=("$@")
  json=$DATA_OUT/run$run-$eng-$step.json
  kill -0 "$pid" 2>/dev/null || die "$eng (pid $pid) is no longer running"
  sleep 1
  hwm_reset "$pid"
  rss0=$(rss_kb "$pid") t0=$(proc_ticks "$pid")
  log "run $run, $eng: $step (${#files[@]} request(s))"
  python3 "$CLIENT" send --url "$url" --content-type "$ct" "${hdrs[@]}" --out "$json" "${files[@]}" 2>>"$WARN_LOG" ||
    die "$eng / $step: the HTTP exchange failed"
  t1=$(proc_ticks "$pid")
  hwm=$(hwm_kb "$pid") rss1=$(rss_kb "$pid")
  # the expected state: a refused request changes nothing (updates are atomic)
  local ok_reqs
  ok_reqs=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(sum(1 for r in d["requests"] if 200 <= r["status"] < 300))' "$json")
  case $step in
    one) ((ok_reqs == 0)) || EXP[one]=$TRIPLES ;;
    gsp) ((ok_reqs == 0)) || EXP[gsp]=$TRIPLES ;;
    chunks) EXP[chunks]=$((ok_reqs * CHUNK_ITEMS * 5)) ;;
    delete) ((ok_reqs == 0)) || EXP[chunks]=0 ;;
    drop) ((ok_reqs == 0)) || EXP[bsbm]=0 ;;
  esac
  for g in "${GRAPHS[@]}"; do
    n=$(python3 "$CLIENT" count --url "$SPARQL_URL" --graph "$(graph_iri "$g")" 2> >(sed "s|^|run $run $eng after $step: |" | tee -a "$WARN_LOG" >&2)) ||
      die "$eng: count of graph $g failed after $step"
    counts+=("$n")
    [[ $n == "${EXP[$g]}" ]] || bad+=" $g=$n (expected ${EXP[$g]})"
  done
  if [[ -n $bad ]]; then
    INVALID=1
    log "!!!!!!!! run $run, $eng, after $step: WRONG TRIPLE COUNTS:$bad !!!!!!!!"
  else
    log "run $run, $eng, after $step: counts bsbm/one/gsp/chunks = ${counts[*]} as expected"
  fi
  python3 - "$json" "$run" "$eng" "$step" "$rss0" "$hwm" "$rss1" "$((t1 - t0))" "$(getconf CLK_TCK)" "$(cut -d' ' -f1 /proc/loadavg)" "${counts[@]}" >>"$TSV" <<'PY'
import json, statistics, sys
d = json.load(open(sys.argv[1]))
run, eng, step, rss0, hwm, rss1, ticks, hz, load1 = sys.argv[2:11]
counts = sys.argv[11:]
reqs = d["requests"]
secs = sorted(r["seconds"] for r in reqs)
statuses = ",".join(str(s) for s in sorted({r["status"] for r in reqs}))
err = next((r for r in reqs if not 200 <= r["status"] < 300), None)
first = "" if err is None else ("HTTP %d: %s" % (err["status"], " ".join(err["body"].split())[:160])).replace("\t", " ").replace("|", "/")
print("\t".join([run, eng, step, str(len(reqs)), str(d["failed"]), "%.3f" % d["wall_seconds"],
                 "%.4f" % statistics.median(secs), "%.4f" % secs[-1], rss0, hwm, rss1,
                 "%.2f" % (int(ticks) / int(hz)), load1, statuses, first] + counts))
PY
  local failed
  failed=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["failed"])' "$json")
  ((failed == 0)) || log "run $run, $eng: $step: $failed request(s) refused (reported; see $json)"
}

run_sequence() {   # run_sequence RUN ENGINE PID UPDATE_URL GSP_URL [--header H]...
  local run=$1 eng=$2 pid=$3 uurl=$4 gurl=$5
  shift 5
  EXP[bsbm]=$EXPECTED_TRIPLES EXP[one]=0 EXP[gsp]=0 EXP[chunks]=0
  run_step "$run" "$eng" one "$pid" application/sparql-update "$uurl" "$@" -- "$REQ/one.ru"
  run_step "$run" "$eng" gsp "$pid" text/turtle "$gurl" "$@" -- "$REQ/gsp.ttl"
  run_step "$run" "$eng" chunks "$pid" application/sparql-update "$uurl" "$@" -- "${CHUNK_FILES[@]}"
  run_step "$run" "$eng" delete "$pid" application/sparql-update "$uurl" "$@" -- "$REQ/delete.ru"
  run_step "$run" "$eng" drop "$pid" application/sparql-update "$uurl" "$@" -- "$REQ/drop.ru"
}

# ---------------------------------------------------------------- the runs
LOAD_INFO="" QUIET_INFO=""
TOKEN_FILE=$WORK/update-token
(umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$TOKEN_FILE" && echo >>"$TOKEN_FILE")
TOKEN=$(head -n 1 "$TOKEN_FILE")
for ((run = 1; run <= RUNS; run++)); do
  if [[ $SKIP_VIRT == 0 ]]; then
    dir=$WORK/virtuoso-$run
    log "run $run: Virtuoso: fresh database, CREATE GRAPH + bulk load of BSBM into <$G_BSBM>"
    virt_start "$dir" "$PORT"
    # Virtuoso's DROP GRAPH refuses graphs that were not created explicitly ("has not been
    # explicitly created before"), so the graph is created before the (untimed) load.
    "$VIRT_SH" isql "$dir" "SPARQL CREATE GRAPH <$G_BSBM>;" >/dev/null || die "Virtuoso: CREATE GRAPH failed"
    virt_load "$DATA" "$G_BSBM"
    # the SPARQL endpoint runs as user SPARQL: let it update (/sparql and /sparql-graph-crud)
    "$VIRT_SH" isql "$dir" 'GRANT SPARQL_UPDATE TO "SPARQL";' >/dev/null || die "Virtuoso: GRANT SPARQL_UPDATE failed"
    LOAD_INFO+="run $run: Virtuoso ${VIRT_LOAD_S} s; "
    SPARQL_URL=http://127.0.0.1:$PORT/sparql
    w=$(wait_quiet "$QUIET_WAIT" "$QUIET_LOAD"); QUIET_INFO+="run $run Virtuoso: waited $w s, load $(loadavg); "
    run_sequence "$run" virtuoso "$VIRT_PID" "$SPARQL_URL" "http://127.0.0.1:$PORT/sparql-graph-crud?graph-uri=${U}gsp"
    stop_virtuoso
    [[ $KEEP == 1 ]] || rm -rf -- "$dir"
  fi
  if [[ $SKIP_CAIRN == 0 ]]; then
    dir=$WORK/cairn-$run
    log "run $run: cairn load of BSBM into <$G_BSBM>"
    t0=$(now)
    cairn_load "$dir" "$DATA" --graph "$G_BSBM"
    LOAD_INFO+="run $run: cairn $(diff_s "$t0" "$(now)") s; "
    cairn_serve_start "$dir" "$CAIRN_PORT" "$DATA_OUT/run$run-cairn.serve.log" --threads "$THREADS" --timeout 600 \
      --update-token-file "$TOKEN_FILE"
    SPARQL_URL=http://127.0.0.1:$CAIRN_PORT/sparql
    w=$(wait_quiet "$QUIET_WAIT" "$QUIET_LOAD"); QUIET_INFO+="run $run cairn: waited $w s, load $(loadavg); "
    run_sequence "$run" cairn "$CAIRN_PID" "http://127.0.0.1:$CAIRN_PORT/update" \
      "http://127.0.0.1:$CAIRN_PORT/store?graph=${U}gsp" --header "Authorization: Bearer $TOKEN"
    stop_cairn "$CAIRN_PID"
    [[ $KEEP == 1 ]] || rm -rf -- "$dir"
  fi
done
LOAD_END=$(loadavg)

# ---------------------------------------------------------------- report
META=${OUT%.md}.meta.tsv
{
  printf 'data\t%s\n' "$DATA_SUM"
  printf 'load (not benchmarked here)\t%s\n' "${LOAD_INFO%; }"
  printf 'requests\t%s triples (%s items x 5), %s\n' "$TRIPLES" "$ITEMS" "$REQ_INFO"
  printf 'CPU\t%s, %s cores, %s GiB RAM\n' "$CPU" "$NCPU" "$MEM_GIB"
  printf 'kernel\t%s\n' "$KERNEL"
  printf 'load average\tscript start %s; end %s; wall %s s; before the timed steps: %s\n' "$LOAD_START" "$LOAD_END" "$(diff_s "$T_START" "$(now)")" "${QUIET_INFO%; }"
  printf 'client\tPython %s, tests/bench/update_bench_client.py (http.client, one keep-alive connection per step, 127.0.0.1)\n' "$(python3 -c 'import platform; print(platform.python_version())')"
  printf 'cairn\t%s\n' "$CAIRN_INFO"
  printf 'cairn build\t%s\n' "$CAIRN_BUILD"
  printf 'cairn serve\t--threads %s --timeout 600 --update-token-file F; SPARQL updates POST /update (application/sparql-update, Authorization: Bearer); Graph Store POST /store?graph=IRI (text/turtle); BSBM loaded with cairn load --graph\n' "$THREADS"
  if [[ $SKIP_VIRT == 0 ]]; then
    printf 'Virtuoso\t%s; %s; GRANT SPARQL_UPDATE TO "SPARQL"; SPARQL updates POST /sparql (application/sparql-update); Graph Store POST /sparql-graph-crud?graph-uri=IRI (text/turtle); <%s> created with CREATE GRAPH before the bulk load\n' "$VIRT_VER" "$VIRT_INI" "$G_BSBM"
  else
    printf 'Virtuoso\tskipped\n'
  fi
  printf 'connections closed without a response\t%s (client-warnings.log: count queries retried, update requests reported as status 0); requests cairn logged as 499 (abandoned by the client): %s\n' \
    "$(wc -l <"$WARN_LOG")" "$(cat "$DATA_OUT"/run*-cairn.serve.log 2>/dev/null | grep -c '" 499 ' || true)"
  # shellcheck disable=SC2016  # literal backquotes: Markdown code span
  printf 'raw figures\t`%s`; server replies per step in `%s`\n' "${TSV#"$REPO"/}" "${DATA_OUT#"$REPO"/}"
} >"$META"
python3 "$SCRIPT_DIR/update_bench_report.py" --meta "$META" --tsv "$TSV" --out "$OUT" --invalid "$INVALID"
log "report written to $OUT"
if ((INVALID)); then
  log "!!!!!!!! RUN INVALID: wrong triple counts after a step (see the report) !!!!!!!!"
  exit 3
fi
