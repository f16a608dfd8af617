#!/usr/bin/env bash
# Query benchmark: cairn vs Virtuoso 7.2 on BSBM 1M explore and WatDiv SF10, one run, one machine.
#
#   tests/bench/query_bench.sh [options]
#
#   --dataset NAME     bsbm, watdiv or both (default both)
#   --skip-cairn       do not run cairn (e.g. before 'cairn serve' exists)
#   --skip-virtuoso    do not run Virtuoso
#   --mixes N          BSBM mixes per client pass, 1..50 (default 50; e.g. 10 for a dry run)
#   --runs N           BSBM timed passes per client configuration (default 1; QMpH = median)
#   --passes N         WatDiv timed passes after the untimed one (default 5)
#   --timeout S        per-query timeout in seconds (default 60; also cairn serve --timeout)
#   --ack MODE         client ACK mode: delayed (kernel default, as any ordinary client), quick
#                      (TCP_QUICKACK after every recv) or both (default): each mode is a full
#                      separate client run (own warm-up) with its own report section
#   --keep             keep the work dir (data, stores, logs) instead of deleting it
#   --workdir DIR      create the work dir under DIR (default /tmp)
#   --port P           Virtuoso HTTP port (SQL port P+1), cairn port P+2 (default: first free
#                      triple from 18900)
#   --threads N        cairn serve --threads (default 2)
#   --cairn-graph IRI  load cairn into graph IRI and query with default-graph-uri=IRI
#                      (default: cairn's default graph, no default-graph-uri)
#   --out FILE         Markdown report path (default tests/bench/out/query-<date>.md); the raw
#                      timing data (JSON + TSV per engine and dataset) goes to FILE without .md + -data/
#   --no-install       do not call scripts/install-deps.sh --bench / apt-get
#
# Env: CAIRN (binary; default build-release/cairn, relative paths resolved against the current
#      dir, then the repo root), BENCH_DATA (default /work/shared/bench), PEERS (default
#      /work/shared/peers), VIRT_BUFFERS (Virtuoso NumberOfBuffers, default 170000 = ~1.3 GiB).
#
# Method (tests/bench/README.md, /work/shared/bench/README.md section 3): data decompressed and
# checked against SHA256SUMS; per dataset, Virtuoso (fresh DB, bulk load into a named graph,
# queried with default-graph-uri) then cairn (cairn load, cairn serve), one server at a time.
# The client (sparql_bench_client.py) runs the warm-up and timed passes over loopback HTTP with
# keep-alive and checks every result count; a mismatch invalidates the run (exit status 3).
# Servers are always stopped on exit (Virtuoso: virtuoso.sh stop; cairn: SIGTERM by PID).
set -euo pipefail
export LC_ALL=C

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/../.." && pwd)
BENCH_DATA=${BENCH_DATA:-/work/shared/bench}
PEERS=${PEERS:-/work/shared/peers}
VIRT_SH=$PEERS/virtuoso.sh
CLIENT=$SCRIPT_DIR/sparql_bench_client.py

DATASET=both
SKIP_CAIRN=0
SKIP_VIRT=0
MIXES=50
RUNS=1
PASSES=5
TIMEOUT=60
ACK=both
KEEP=0
WORK_PARENT=/tmp
PORT=""
THREADS=2
CAIRN_GRAPH=""
OUT=""
NO_INSTALL=0

die() { echo "query_bench: error: $*" >&2; exit 1; }
log() { echo "[query_bench $(date +%H:%M:%S)] $*" >&2; }
usage() { sed -n '2,36p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }

while (($#)); do
  case $1 in
    --dataset) DATASET=${2:?}; shift 2 ;;
    --skip-cairn) SKIP_CAIRN=1; shift ;;
    --skip-virtuoso) SKIP_VIRT=1; shift ;;
    --mixes) MIXES=${2:?}; shift 2 ;;
    --runs) RUNS=${2:?}; shift 2 ;;
    --passes) PASSES=${2:?}; shift 2 ;;
    --timeout) TIMEOUT=${2:?}; shift 2 ;;
    --ack) ACK=${2:?}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --workdir) WORK_PARENT=${2:?}; shift 2 ;;
    --port) PORT=${2:?}; shift 2 ;;
    --threads) THREADS=${2:?}; shift 2 ;;
    --cairn-graph) CAIRN_GRAPH=${2:?}; shift 2 ;;
    --out) OUT=${2:?}; shift 2 ;;
    --no-install) NO_INSTALL=1; shift ;;
    -h | --help) usage 0 ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
case $DATASET in
  bsbm) DATASETS=(bsbm) ;;
  watdiv) DATASETS=(watdiv) ;;
  both) DATASETS=(bsbm watdiv) ;;
  *) die "--dataset must be bsbm, watdiv or both" ;;
esac
case $ACK in
  delayed | quick) ACK_MODES=("$ACK") ;;
  both) ACK_MODES=(delayed quick) ;;
  *) die "--ack must be delayed, quick or both" ;;
esac
if ! [[ $MIXES =~ ^[0-9]+$ ]] || ((MIXES < 1 || MIXES > 50)); then die "--mixes needs 1..50"; fi
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive integer"
[[ $PASSES =~ ^[1-9][0-9]*$ ]] || die "--passes needs a positive integer"
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "--timeout needs a positive integer (seconds)"
[[ $THREADS =~ ^[1-9][0-9]*$ ]] || die "--threads needs a positive integer"
((SKIP_CAIRN == 0 || SKIP_VIRT == 0)) || die "nothing to run (--skip-cairn and --skip-virtuoso)"

STAMP=$(date +%Y-%m-%d_%H%M%S)
OUT=${OUT:-$REPO/tests/bench/out/query-$STAMP.md}
DATA_OUT=${OUT%.md}-data

# ---------------------------------------------------------------- helpers
now() { echo "$EPOCHREALTIME"; }
diff_s() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
kv() { tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k { print $2; exit }'; }
ini() { awk -F= -v k="$1" '{ gsub(/[ \t]/, "", $1) } $1 == k { gsub(/^[ \t]+|[ \t]+$/, "", $2); print $2; exit }' "$2"; }

# ---------------------------------------------------------------- cleanup: never leave a server running
WORK=""
VIRT_DIR=""   # set while a Virtuoso server may be running
VIRT_PID=""
CAIRN_PID=""  # set while cairn serve may be running
stop_cairn() {
  [[ -n $CAIRN_PID ]] || return 0
  if kill -0 "$CAIRN_PID" 2>/dev/null; then
    kill -TERM "$CAIRN_PID" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$CAIRN_PID" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$CAIRN_PID" 2>/dev/null; then
      log "cairn serve pid $CAIRN_PID ignored SIGTERM for 30 s: SIGKILL"
      kill -KILL "$CAIRN_PID" 2>/dev/null || true
    fi
  fi
  wait "$CAIRN_PID" 2>/dev/null || true
  CAIRN_PID=""
}
stop_virtuoso() {
  if [[ -n $VIRT_DIR ]]; then
    "$VIRT_SH" stop "$VIRT_DIR" >&2 2>&1 || true
  fi
  if [[ -n $VIRT_PID ]] && kill -0 "$VIRT_PID" 2>/dev/null &&
     [[ $(cat "/proc/$VIRT_PID/comm" 2>/dev/null) == virtuoso-t* ]]; then
    log "Virtuoso pid $VIRT_PID still alive: TERM, then KILL"
    kill -TERM "$VIRT_PID" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$VIRT_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$VIRT_PID" 2>/dev/null || true
  fi
  VIRT_DIR="" VIRT_PID=""
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [[ -z $CAIRN_PID ]] || { log "stopping cairn serve (pid $CAIRN_PID)"; stop_cairn; }
  [[ -z $VIRT_DIR && -z $VIRT_PID ]] || { log "stopping Virtuoso"; stop_virtuoso; }
  if [[ -n $WORK && -d $WORK ]]; then
    if [[ $KEEP == 1 ]]; then log "kept work dir $WORK"; else rm -rf -- "$WORK"; fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- dependencies
install_deps() {
  local want=(zstd curl iproute2 python3) missing=() p sudo=""
  if [[ -x $REPO/scripts/install-deps.sh ]]; then
    log "scripts/install-deps.sh --bench"
    "$REPO/scripts/install-deps.sh" --bench >&2
  else
    [[ $SKIP_VIRT == 1 ]] || want+=(virtuoso-opensource)
  fi
  for p in "${want[@]}"; do
    [[ $p != python3 ]] || ! command -v python3 >/dev/null || continue   # any python3 will do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    log "apt-get install ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}
[[ $NO_INSTALL == 1 ]] || install_deps
for c in zstd sha256sum awk ss curl python3; do command -v "$c" >/dev/null || die "$c not found"; done
[[ -r $CLIENT ]] || die "$CLIENT not found"
if [[ $SKIP_VIRT == 0 ]]; then
  for c in virtuoso-t isql-vt bc; do command -v "$c" >/dev/null || die "$c not found (apt-get install virtuoso-opensource)"; done
  [[ -x $VIRT_SH ]] || die "$VIRT_SH not found"
fi
if [[ $SKIP_CAIRN == 0 ]]; then
  CAIRN=${CAIRN:-build-release/cairn}
  if [[ $CAIRN != /* ]]; then
    if [[ -x $PWD/$CAIRN ]]; then CAIRN=$PWD/$CAIRN; else CAIRN=$REPO/$CAIRN; fi
  fi
  [[ -x $CAIRN ]] || die "cairn binary $CAIRN not found (build it, set CAIRN=..., or use --skip-cairn)"
  # (an unknown subcommand makes CLI11 print the top-level help, so look for serve's own option)
  "$CAIRN" serve --help 2>&1 | grep -q -- '--bind' ||
    die "$CAIRN has no 'serve' subcommand yet ('cairn serve --help' shows no --bind; use --skip-cairn)"
fi

if [[ -z $PORT ]]; then
  for ((p = 18900; p < 19900; p += 10)); do
    if ! port_in_use "$p" && ! port_in_use $((p + 1)) && ! port_in_use $((p + 2)); then PORT=$p; break; fi
  done
  [[ -n $PORT ]] || die "no free port triple found in 18900..19899"
fi
[[ $PORT =~ ^[0-9]+$ ]] || die "bad --port"
CAIRN_PORT=$((PORT + 2))

mkdir -p "$WORK_PARENT"
WORK=$(mktemp -d "$WORK_PARENT/cairn-querybench.XXXXXX")
log "work dir $WORK; ports: Virtuoso $PORT/$((PORT + 1)), cairn $CAIRN_PORT"

# ---------------------------------------------------------------- machine info
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
NCPU=$(nproc)
MEM_GIB=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
KERNEL=$(uname -srm)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
PY_VER=$(python3 -c 'import platform; print(platform.python_version())')
if git -C "$REPO" rev-parse -q --verify HEAD >/dev/null 2>&1; then
  COMMIT=$(git -C "$REPO" rev-parse --short=12 HEAD)
  [[ -z $(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null) ]] || COMMIT+=" (uncommitted changes)"
else
  COMMIT="none (no commit yet)"
fi
CAIRN_INFO="skipped"
CAIRN_BUILD=""
if [[ $SKIP_CAIRN == 0 ]]; then
  CAIRN_INFO="$CAIRN ($("$CAIRN" --version 2>/dev/null | head -n1 || echo '?')); git commit $COMMIT"
  cache=$(dirname "$CAIRN")/CMakeCache.txt
  if [[ -r $cache ]]; then
    cget() { awk -F= -v k="$1" 'index($1, k ":") == 1 { sub(/^[^=]*=/, ""); print; exit }' "$cache"; }
    bt=$(cget CMAKE_BUILD_TYPE)
    CAIRN_BUILD="$(cget CMAKE_CXX_COMPILER); CMAKE_BUILD_TYPE=${bt:-none}; flags: $(cget CMAKE_CXX_FLAGS)"
    case ${bt^^} in
      RELEASE) CAIRN_BUILD+=" "$(cget CMAKE_CXX_FLAGS_RELEASE) ;;
      RELWITHDEBINFO) CAIRN_BUILD+=" "$(cget CMAKE_CXX_FLAGS_RELWITHDEBINFO) ;;
      DEBUG) CAIRN_BUILD+=" "$(cget CMAKE_CXX_FLAGS_DEBUG) ;;
      *) CAIRN_BUILD+=" (no build type)" ;;
    esac
  else
    CAIRN_BUILD="unknown (no CMakeCache.txt next to the binary)"
  fi
fi
VIRT_VER="skipped"
VIRT_INI=""
if [[ $SKIP_VIRT == 0 ]]; then
  VIRT_VER="$({ virtuoso-t -? 2>&1 || true; } | awk '/^Version/ { print $2; exit }') (Debian $(dpkg-query -W -f='${Version}' virtuoso-opensource-7-bin 2>/dev/null || echo '?'))"
fi

# ---------------------------------------------------------------- per dataset
declare -A DATA_SUM LOAD_INFO
RESULTS=()
INVALID=0
mkdir -p "$DATA_OUT"

prepare_data() {   # prepare_data DATASET -> sets DATA (decompressed, checked)
  local ds=$1 rel name zsum_want nsum_want zsum nsum
  case $ds in
    bsbm) rel=bsbm/bsbm-1m.nt.zst; EXPECTED_TRIPLES=1023143 ;;
    watdiv) rel=watdiv/watdiv-sf10.nt.zst; EXPECTED_TRIPLES=1081232 ;;
  esac
  name=$(basename "$rel" .zst)
  DATA=$WORK/$name
  zsum_want=$(awk -v f="$rel" '$2 == f { print $1 }' "$BENCH_DATA/SHA256SUMS")
  nsum_want=$(awk -v f="${rel%.zst}" '$2 == f { print $1 }' "$BENCH_DATA/SHA256SUMS")
  [[ -n $zsum_want && -n $nsum_want ]] || die "no SHA256SUMS entries for $rel"
  log "$ds: checking and decompressing $BENCH_DATA/$rel"
  zsum=$(sha256sum "$BENCH_DATA/$rel" | awk '{ print $1 }')
  [[ $zsum == "$zsum_want" ]] || die "sha256 mismatch for $BENCH_DATA/$rel"
  zstd -q -dc "$BENCH_DATA/$rel" >"$DATA"
  nsum=$(sha256sum "$DATA" | awk '{ print $1 }')
  [[ $nsum == "$nsum_want" ]] || die "sha256 mismatch for decompressed $name"
  DATA_SUM[$ds]="\`$name\` $(stat -c %s "$DATA") B, $EXPECTED_TRIPLES distinct triples, sha256 \`$nsum\` (.zst \`$zsum\`; both match SHA256SUMS)"
}

run_client() {   # run_client DATASET ENGINE ENDPOINT [DEFAULT_GRAPH]: one client run per ACK mode
  local ds=$1 eng=$2 ep=$3 g=${4:-} rc ack json tsv
  local gargs=()
  [[ -z $g ]] || gargs=(--default-graph "$g")
  for ack in "${ACK_MODES[@]}"; do
    local qa=()
    [[ $ack == delayed ]] || qa=(--quickack)
    json=$DATA_OUT/$ds-$eng-$ack.json tsv=$DATA_OUT/$ds-$eng-$ack.tsv rc=0
    log "$ds / $eng: client run, $ack ACKs"
    if [[ $ds == bsbm ]]; then
      python3 "$CLIENT" bsbm --endpoint "$ep" "${gargs[@]}" "${qa[@]}" --engine "$eng" --out "$json" --tsv "$tsv" \
        --mixes-file "$BENCH_DATA/bsbm/explore-mixes.tsv" --expected "$BENCH_DATA/bsbm/expected-counts-all50.tsv" \
        --mixes "$MIXES" --runs "$RUNS" --timeout "$TIMEOUT" || rc=$?
    else
      python3 "$CLIENT" watdiv --endpoint "$ep" "${gargs[@]}" "${qa[@]}" --engine "$eng" --out "$json" --tsv "$tsv" \
        --queries "$BENCH_DATA/watdiv/queries" --expected "$BENCH_DATA/watdiv/expected-counts.tsv" \
        --passes "$PASSES" --timeout "$TIMEOUT" || rc=$?
    fi
    [[ $rc == 0 && -s $json ]] || die "benchmark client failed for $ds / $eng / $ack (exit $rc)"
    RESULTS+=(--result "$json")
    if ! python3 -c 'import json, sys; sys.exit(1 if json.load(open(sys.argv[1])).get("invalid") else 0)' "$json"; then
      INVALID=1
      log "!!!!!!!! $ds / $eng / $ack: WRONG RESULT COUNTS OR FAILED QUERIES: THE RUN IS INVALID !!!!!!!!"
    fi
  done
}

bench_virtuoso() {   # bench_virtuoso DATASET
  local ds=$1 dir=$WORK/virtuoso-$1 graph=http://example.org/bench/$1 out n t0
  VIRT_DIR=$dir
  "$VIRT_SH" start "$dir" "$PORT" >"$WORK/virtuoso-$ds.start" || die "Virtuoso did not start"
  VIRT_PID=$(cat "$dir/virtuoso.pid")
  VIRT_INI="NumberOfBuffers $(ini NumberOfBuffers "$dir/virtuoso.ini"), MaxDirtyBuffers $(ini MaxDirtyBuffers "$dir/virtuoso.ini") (8 KiB pages), ResultSetMaxRows $(ini ResultSetMaxRows "$dir/virtuoso.ini"), MaxQueryExecutionTime $(ini MaxQueryExecutionTime "$dir/virtuoso.ini"), ThreadsPerQuery $(ini ThreadsPerQuery "$dir/virtuoso.ini"), ServerThreads $(ini ServerThreads "$dir/virtuoso.ini")"
  log "$ds: Virtuoso bulk load into <$graph>"
  out=$("$VIRT_SH" load "$dir" "$DATA" "$graph") || die "Virtuoso load failed"
  n=$(kv triples_in_graph "$out")
  [[ $n == "$EXPECTED_TRIPLES" ]] || die "VIRTUOSO STORED COUNT MISMATCH: $n triples in <$graph>, expected $EXPECTED_TRIPLES"
  LOAD_INFO[$ds]+="Virtuoso $(kv total_seconds "$out") s (load + checkpoint), $n triples in <$graph>; "
  log "$ds: Virtuoso loaded $n triples in $(kv total_seconds "$out") s; running the client"
  run_client "$ds" virtuoso "http://127.0.0.1:$PORT/sparql" "$graph"
  LOAD_INFO[$ds]+="Virtuoso VmHWM after the queries $(awk '/^VmHWM:/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$VIRT_PID/status"); "
  stop_virtuoso
  [[ $KEEP == 1 ]] || rm -rf -- "$dir"
}

bench_cairn() {   # bench_cairn DATASET
  local ds=$1 dir=$WORK/cairn-$1 t0 t1 n gargs=() i ok=0
  [[ -z $CAIRN_GRAPH ]] || gargs=(--graph "$CAIRN_GRAPH")
  log "$ds: cairn load"
  t0=$(now)
  "$CAIRN" load --location "$dir" "${gargs[@]}" "$DATA" >"$WORK/cairn-$ds.load.log" 2>&1 ||
    { tail -n 20 "$WORK/cairn-$ds.load.log" >&2; die "cairn load failed"; }
  t1=$(now)
  n=$("$CAIRN" stats --location "$dir" 2>&1 | awk -F: '/^[[:space:]]*triples:/ { gsub(/[^0-9]/, "", $2); print $2; exit }')
  [[ $n == "$EXPECTED_TRIPLES" ]] || die "CAIRN STORED COUNT MISMATCH: cairn stats says '$n' triples, expected $EXPECTED_TRIPLES"
  LOAD_INFO[$ds]+="cairn $(diff_s "$t0" "$t1") s (cairn load), $n triples; "
  log "$ds: cairn loaded $n triples in $(diff_s "$t0" "$t1") s; starting cairn serve on 127.0.0.1:$CAIRN_PORT"
  "$CAIRN" serve --location "$dir" --bind "127.0.0.1:$CAIRN_PORT" --threads "$THREADS" --timeout "$TIMEOUT" \
    >"$WORK/cairn-$ds.serve.log" 2>&1 </dev/null &
  CAIRN_PID=$!
  for ((i = 0; i < 480; i++)); do   # up to 120 s
    kill -0 "$CAIRN_PID" 2>/dev/null || break
    if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$CAIRN_PORT/health" 2>/dev/null) == 200 ]]; then
      ok=1; break
    fi
    sleep 0.25
  done
  if [[ $ok != 1 ]]; then
    tail -n 20 "$WORK/cairn-$ds.serve.log" >&2
    die "cairn serve did not answer GET /health with 200 within 120 s"
  fi
  run_client "$ds" cairn "http://127.0.0.1:$CAIRN_PORT/sparql" "$CAIRN_GRAPH"
  LOAD_INFO[$ds]+="cairn serve VmHWM after the queries $(awk '/^VmHWM:/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$CAIRN_PID/status" 2>/dev/null); "
  stop_cairn
  [[ $KEEP == 1 ]] || rm -rf -- "$dir"
}

T_START=$(now)
for ds in "${DATASETS[@]}"; do
  prepare_data "$ds"
  [[ $SKIP_VIRT == 1 ]] || bench_virtuoso "$ds"
  [[ $SKIP_CAIRN == 1 ]] || bench_cairn "$ds"
  [[ $KEEP == 1 ]] || rm -f -- "$DATA"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report
META=$DATA_OUT/meta.tsv
{
  printf 'datasets\t%s\n' "${DATASETS[*]}"
  for ds in "${DATASETS[@]}"; do
    printf '%s data\t%s\n' "$ds" "${DATA_SUM[$ds]}"
    printf '%s load (not benchmarked here)\t%s\n' "$ds" "${LOAD_INFO[$ds]%; }"
  done
  printf 'method\tBSBM: %s mixes, warm-up + %s timed pass(es) per client configuration; WatDiv: 1 untimed + %s timed passes; per-query timeout %s s; one server at a time; client ACK mode(s): %s\n' "$MIXES" "$RUNS" "$PASSES" "$TIMEOUT" "${ACK_MODES[*]}"
  printf 'CPU\t%s, %s cores, %s GiB RAM\n' "$CPU" "$NCPU" "$MEM_GIB"
  printf 'kernel\t%s\n' "$KERNEL"
  printf 'load average\tstart %s, end %s (wall %s s)\n' "$LOAD_START" "$LOAD_END" "$(diff_s "$T_START" "$(now)")"
  printf 'client\tPython %s, tests/bench/sparql_bench_client.py (http.client, keep-alive, 127.0.0.1)\n' "$PY_VER"
  printf 'cairn\t%s\n' "$CAIRN_INFO"
  if [[ $SKIP_CAIRN == 0 ]]; then
    printf 'cairn build\t%s\n' "$CAIRN_BUILD"
    where="the default graph, no default-graph-uri"
    [[ -z $CAIRN_GRAPH ]] || where="graph <$CAIRN_GRAPH>, queried with default-graph-uri"
    printf 'cairn serve\t--threads %s --timeout %s; data in %s\n' "$THREADS" "$TIMEOUT" "$where"
  fi
  if [[ $SKIP_VIRT == 0 ]]; then
    printf 'Virtuoso\t%s; %s; named graph http://example.org/bench/<dataset>, queried with default-graph-uri\n' "$VIRT_VER" "$VIRT_INI"
  else
    printf 'Virtuoso\tskipped\n'
  fi
  # shellcheck disable=SC2016  # literal backquotes: Markdown code span
  printf 'raw data\t`%s` (JSON + TSV per dataset and engine)\n' "${DATA_OUT#"$REPO"/}"
} >"$META"
note=""
((SKIP_CAIRN == 0 && SKIP_VIRT == 0)) || note="Not a comparison: $( ((SKIP_CAIRN)) && echo cairn || echo Virtuoso) was skipped."
rc=0
python3 "$CLIENT" report --meta "$META" "${RESULTS[@]}" --out "$OUT" ${note:+--title-note "$note"} || rc=$?
log "report written to $OUT; timing data in $DATA_OUT"
if ((INVALID || rc == 3)); then
  log "!!!!!!!! RUN INVALID: wrong result counts or failed queries (see the report) !!!!!!!!"
  exit 3
fi
((rc == 0)) || die "report generation failed (exit $rc)"
