#!/usr/bin/env bash
# HTTP benchmark (issue 5): cairn serve vs Virtuoso 7.2 /sparql under wrk on 127.0.0.1, BSBM 1M.
#
#   tests/bench/http_bench.sh [options]
#
#   --duration S       seconds per timed point (default 12)
#   --conns LIST       open connections per point, comma-separated (default 1,16,256)
#   --threads LIST     cairn serve --threads values, comma-separated; each runs as its own
#                      server on a copy of the store (default 2,4)
#   --wrk-threads N    wrk -t (default 2; never more than the connections)
#   --explore MIX:POS  the BSBM explore query, by mix and position in explore-mixes.tsv
#                      (default 1:2, a Q2 "product details" query, 16 rows)
#   --quiet-wait S     wait up to S s for the 1-min load average to fall below --quiet-load
#                      before timing (default 180)
#   --quiet-load L     (default 1.0)
#   --skip-virtuoso    cairn only (not a comparison)
#   --keep             keep the work dir (data, stores, logs, wrk outputs)
#   --workdir DIR      create the work dir under DIR (default /tmp)
#   --port P           first of the ports used: Virtuoso P (SQL P+1), cairn P+2, P+3, ...
#   --out FILE         Markdown report (default tests/bench/out/http-<date>.md; raw figures
#                      next to it as FILE without .md + .tsv)
#   --no-install       do not call scripts/install-deps.sh --bench / apt-get
#
# Env: CAIRN (default build-release/cairn), BENCH_DATA (default /work/shared/bench), PEERS
#      (default /work/shared/peers), VIRT_BUFFERS (Virtuoso NumberOfBuffers, default 170000).
#
# Method (tests/bench/README.md): BSBM 1M checked against SHA256SUMS; Virtuoso bulk-loaded into a
# named graph (queried with default-graph-uri), cairn loaded into its default graph; all servers
# run at once and each point runs them in turn (Virtuoso, cairn --threads 2, cairn --threads 4),
# so drifting background load hits all alike. Every server must give the same row count for both
# queries before and after the timed points (else exit 3). wrk POSTs the urlencoded form body
# (tests/bench/http_bench.lua) with keep-alive; per point: requests/s, p50/p99 latency, non-2xx
# responses, socket errors, the server's peak RSS (VmHWM reset before the point) and CPU.
set -euo pipefail
export LC_ALL=C

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/../.." && pwd)
BENCH_NAME=http_bench
# shellcheck source-path=SCRIPTDIR disable=SC2034  # BENCH_NAME, KEEP: used by bench_lib.sh
source "$SCRIPT_DIR/bench_lib.sh"
LUA=$SCRIPT_DIR/http_bench.lua

DURATION=12
CONNS=1,16,256
THREADS_LIST=2,4
WRK_THREADS=2
EXPLORE=1:2
QUIET_WAIT=180
QUIET_LOAD=1.0
SKIP_VIRT=0
WORK_PARENT=/tmp
PORT=""
OUT=""
NO_INSTALL=0
GRAPH=http://example.org/bench/bsbm

usage() { sed -n '2,34p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
while (($#)); do
  case $1 in
    --duration) DURATION=${2:?}; shift 2 ;;
    --conns) CONNS=${2:?}; shift 2 ;;
    --threads) THREADS_LIST=${2:?}; shift 2 ;;
    --wrk-threads) WRK_THREADS=${2:?}; shift 2 ;;
    --explore) EXPLORE=${2:?}; shift 2 ;;
    --quiet-wait) QUIET_WAIT=${2:?}; shift 2 ;;
    --quiet-load) QUIET_LOAD=${2:?}; shift 2 ;;
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
[[ $DURATION =~ ^[1-9][0-9]*$ ]] || die "--duration needs a positive integer"
[[ $CONNS =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--conns needs a comma-separated list of positive integers"
[[ $THREADS_LIST =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--threads needs a comma-separated list of positive integers"
[[ $WRK_THREADS =~ ^[1-9][0-9]*$ ]] || die "--wrk-threads needs a positive integer"
[[ $EXPLORE =~ ^[0-9]+:[0-9]+$ ]] || die "--explore needs MIX:POS"
[[ $QUIET_WAIT =~ ^[0-9]+$ ]] || die "--quiet-wait needs seconds"
IFS=, read -r -a CONN_LIST <<<"$CONNS"
IFS=, read -r -a THREADS <<<"$THREADS_LIST"

STAMP=$(date +%Y-%m-%d_%H%M%S)
OUT=${OUT:-$REPO/tests/bench/out/http-$STAMP.md}
TSV=${OUT%.md}.tsv
mkdir -p "$(dirname "$OUT")"

bench_init_cleanup
[[ $NO_INSTALL == 1 ]] || install_deps wrk zstd curl iproute2 python3 time
for c in wrk zstd sha256sum awk ss curl python3; do command -v "$c" >/dev/null || die "$c not found"; done
[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) not found"
[[ -r $LUA ]] || die "$LUA not found"
if [[ $SKIP_VIRT == 0 ]]; then
  for c in virtuoso-t isql-vt bc; do command -v "$c" >/dev/null || die "$c not found (apt-get install virtuoso-opensource)"; done
  [[ -x $VIRT_SH ]] || die "$VIRT_SH not found"
fi
resolve_cairn
[[ -w /proc/self/clear_refs ]] || die "/proc/PID/clear_refs not writable: cannot reset VmHWM per point"
pick_ports $((2 + ${#THREADS[@]}))
mkdir -p "$WORK_PARENT"
WORK=$(mktemp -d "$WORK_PARENT/cairn-httpbench.XXXXXX")
log "work dir $WORK; ports: Virtuoso $PORT/$((PORT + 1)), cairn from $((PORT + 2))"
machine_info
T_START=$(now)
LOAD_START=$(loadavg)

# ---------------------------------------------------------------- data, stores, servers
prepare_bsbm
ENGINES=()
declare -A URL PID LOGF
LOAD_INFO=""
if [[ $SKIP_VIRT == 0 ]]; then
  log "Virtuoso: start, bulk load into <$GRAPH>"
  virt_start "$WORK/virtuoso" "$PORT"
  virt_load "$DATA" "$GRAPH"
  LOAD_INFO+="Virtuoso ${VIRT_LOAD_S} s (load + checkpoint) into <$GRAPH>; "
  ENGINES+=(virtuoso)
  URL[virtuoso]=http://127.0.0.1:$PORT/sparql
  PID[virtuoso]=$VIRT_PID
fi
log "cairn load"
t0=$(now)
cairn_load "$WORK/cairn-t${THREADS[0]}" "$DATA"
LOAD_INFO+="cairn $(diff_s "$t0" "$(now)") s (cairn load) into its default graph; "
for i in "${!THREADS[@]}"; do
  t=${THREADS[$i]} e=cairn-t${THREADS[$i]}
  [[ -d $WORK/$e ]] || cp -a "$WORK/cairn-t${THREADS[0]}" "$WORK/$e"   # one store per server (RocksDB lock)
  cport=$((PORT + 2 + i))
  log "$e: cairn serve --threads $t on 127.0.0.1:$cport"
  LOGF[$e]=$WORK/$e.serve.log
  cairn_serve_start "$WORK/$e" "$cport" "${LOGF[$e]}" --threads "$t" --timeout 60
  ENGINES+=("$e")
  URL[$e]=http://127.0.0.1:$cport/sparql
  PID[$e]=$CAIRN_PID
done
rm -f -- "$DATA"

# ---------------------------------------------------------------- the two queries
B=http://www4.wiwiss.fu-berlin.de/bizer/bsbm/v01
SIMPLE_Q="SELECT ?feature WHERE { <$B/instances/dataFromProducer15/Product722> <$B/vocabulary/productFeature> ?feature }"
QUERIES=(simple explore)
declare -A QTEXT QLABEL EXPECT
QTEXT[simple]=$SIMPLE_Q
QLABEL[simple]="(a) single-pattern SELECT (bound subject and predicate)"
mix=${EXPLORE%%:*} pos=${EXPLORE##*:}
read -r qnum qform < <(awk -F'\t' -v m="$mix" -v p="$pos" 'NR > 1 && $1 == m && $2 == p { print $3, $4; exit }' "$BENCH_DATA/bsbm/explore-mixes.tsv")
[[ -n ${qnum:-} ]] || die "no query at mix $mix position $pos in explore-mixes.tsv"
[[ $qform == SELECT ]] || die "--explore must name a SELECT query (mix $mix position $pos is Q$qnum, $qform)"
QTEXT[explore]=$(python3 - "$BENCH_DATA/bsbm/explore-mixes.tsv" "$mix" "$pos" <<'PY'
import sys
with open(sys.argv[1], encoding="utf-8") as f:
    next(f)
    for line in f:
        m, p, q, form, text = line.rstrip("\n").split("\t", 4)
        if m == sys.argv[2] and p == sys.argv[3]:
            # the file's escapes are \n \t \r \\ (no other backslashes occur)
            sys.stdout.write(text.encode().decode("unicode_escape"))
            break
PY
)
QLABEL[explore]="(b) BSBM explore Q$qnum (mix $mix, position $pos)"
EXPECT[explore]=$(awk -F'\t' -v m="$mix" -v p="$pos" 'NR > 1 && $1 == m && $2 == p { print $5; exit }' "$BENCH_DATA/bsbm/expected-counts-all50.tsv")
EXPECT[simple]=""
for q in "${QUERIES[@]}"; do
  printf '%s' "${QTEXT[$q]}" >"$WORK/$q.rq"
  for e in "${ENGINES[@]}"; do
    g=""
    [[ $e != virtuoso ]] || g=$GRAPH
    python3 - "$WORK/$q.rq" "$g" >"$WORK/$q-$e.body" <<'EOF'
import sys, urllib.parse
params = {"query": open(sys.argv[1], encoding="utf-8").read()}
if sys.argv[2]:
    params["default-graph-uri"] = sys.argv[2]
sys.stdout.write(urllib.parse.urlencode(params))
EOF
  done
done

count_rows() {   # count_rows URL BODY_FILE -> number of bindings, or ERROR...
  python3 - "$1" "$2" <<'EOF'
import json, sys, urllib.request
try:
    req = urllib.request.Request(sys.argv[1], data=open(sys.argv[2], "rb").read(), headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        print(len(json.load(r)["results"]["bindings"]))
except Exception as e:
    print("ERROR:", str(e).replace("\n", " ")[:200])
EOF
}
declare -A ROWS
check_counts() {   # check_counts PHASE: every engine must return the same (expected) row count
  local q e n ref
  for q in "${QUERIES[@]}"; do
    ref=${EXPECT[$q]}
    for e in "${ENGINES[@]}"; do
      n=$(count_rows "${URL[$e]}" "$WORK/$q-$e.body")
      log "$1: $q on $e: $n rows"
      [[ $n =~ ^[0-9]+$ ]] || die "ROW COUNT CHECK FAILED ($1): $q on $e: $n"
      [[ -n $ref ]] || ref=$n
      if [[ $n != "$ref" ]]; then
        echo "!!!!!!!! ROW COUNTS DIFFER ($1): $q on $e returned $n rows, expected $ref !!!!!!!!" >&2
        exit 3
      fi
    done
    ROWS[$q]=$ref
  done
}
check_counts "before timing"
[[ ${ROWS[simple]} -gt 0 ]] || die "the single-pattern query returns no rows: wrong data?"

# ---------------------------------------------------------------- timed points
wrk_run() {   # wrk_run ENGINE QUERY CONNS DURATION OUTFILE
  local t=$WRK_THREADS
  ((t <= $3)) || t=$3
  /usr/bin/time -f 'TIME user=%U sys=%S' -o "$5.time" \
    wrk -t "$t" -c "$3" -d "${4}s" --latency --timeout 30s -s "$LUA" "${URL[$1]}" -- \
    "$WORK/$2-$1.body" application/sparql-results+json >"$5" 2>&1 || {
    cat "$5" >&2
    die "wrk failed for $1 / $2 / $3 connections"
  }
}

log "warm-up: 3 s at 16 connections per engine and query (untimed)"
for q in "${QUERIES[@]}"; do
  for e in "${ENGINES[@]}"; do wrk_run "$e" "$q" 16 3 "$WORK/warmup-$q-$e.wrk"; done
done
declare -A RSS_WARM
for e in "${ENGINES[@]}"; do RSS_WARM[$e]=$(rss_kb "${PID[$e]}"); done

QUIET_WAITED=$(wait_quiet "$QUIET_WAIT" "$QUIET_LOAD")
LOAD_TIMED_START=$(loadavg)
NCPU_TICKS=$(($(getconf CLK_TCK)))
printf 'query\tconns\tengine\twrk_threads\trequests\tduration_us\tbytes\tconnect\tread\twrite\tstatus\ttimeout\tlat_p50_us\tlat_p99_us\tlat_p999_us\tlat_mean_us\tlat_max_us\trss_before_kb\thwm_kb\trss_after_kb\trss_max_sampled_kb\tserver_cpu_pct\twrk_cpu_pct\tother_cpu_pct\tload1\taborted_499\n' >"$TSV"
for q in "${QUERIES[@]}"; do
  for c in "${CONN_LIST[@]}"; do
    for e in "${ENGINES[@]}"; do
      pid=${PID[$e]}
      f=$WORK/point-$q-$c-$e.wrk
      kill -0 "$pid" 2>/dev/null || die "$e (pid $pid) is no longer running"
      n499=0
      [[ $e == virtuoso ]] || n499=$(grep -c '" 499 ' "${LOGF[$e]}" || true)
      hwm_reset "$pid"
      rss0=$(rss_kb "$pid")
      ( while kill -0 "$pid" 2>/dev/null; do rss_kb "$pid"; sleep 0.5; done ) >"$f.rss" &
      sampler=$!
      st0=$(proc_ticks "$pid") b0=$(sys_busy_ticks) w0=$(now)
      log "$q, $c connections, $e: ${DURATION} s"
      wrk_run "$e" "$q" "$c" "$DURATION" "$f"
      st1=$(proc_ticks "$pid") b1=$(sys_busy_ticks) w1=$(now)
      hwm=$(hwm_kb "$pid") rss1=$(rss_kb "$pid")
      kill "$sampler" 2>/dev/null || true
      wait "$sampler" 2>/dev/null || true
      rssmax=$(sort -n "$f.rss" | tail -n 1)
      [[ $e == virtuoso ]] || n499=$(($(grep -c '" 499 ' "${LOGF[$e]}" || true) - n499))
      grep -q '^WRK requests=' "$f" || { cat "$f" >&2; die "no WRK summary in $f"; }
      wrkline=$(grep -h '^WRK' "$f" | tr '\n' ' ')
      read -r wu ws < <(awk '/^TIME/ { sub("user=", "", $2); sub("sys=", "", $3); print $2, $3 }' "$f.time")
      cpu=$(awk -v s0="$st0" -v s1="$st1" -v b0="$b0" -v b1="$b1" -v wu="$wu" -v ws="$ws" -v t0="$w0" -v t1="$w1" -v hz="$NCPU_TICKS" -v n="$(nproc)" 'BEGIN {
        wall = t1 - t0; srv = (s1 - s0) / hz; busy = (b1 - b0) / hz; w = wu + ws; other = busy - srv - w; if (other < 0) other = 0
        printf "%.0f\t%.0f\t%.0f", 100 * srv / wall, 100 * w / wall, 100 * other / (wall * n) }')
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$q" "$c" "$e" "$( ((c < WRK_THREADS)) && echo "$c" || echo "$WRK_THREADS")" \
        "$(kv requests "$wrkline")" "$(kv duration_us "$wrkline")" "$(kv bytes "$wrkline")" \
        "$(kv connect "$wrkline")" "$(kv read "$wrkline")" "$(kv write "$wrkline")" "$(kv status "$wrkline")" "$(kv timeout "$wrkline")" \
        "$(kv lat_p50_us "$wrkline")" "$(kv lat_p99_us "$wrkline")" "$(kv lat_p99.9_us "$wrkline")" "$(kv lat_mean_us "$wrkline")" "$(kv lat_max_us "$wrkline")" \
        "$rss0" "$hwm" "$rss1" "${rssmax:-0}" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)" "$n499" >>"$TSV"
      sleep 1
    done
  done
done
LOAD_END=$(loadavg)
check_counts "after timing"
declare -A RSS_END
for e in "${ENGINES[@]}"; do RSS_END[$e]=$(rss_kb "${PID[$e]}"); done

# ---------------------------------------------------------------- report
META=${OUT%.md}.meta.tsv
{
  printf 'data\t%s\n' "$DATA_SUM"
  printf 'load (not benchmarked here)\t%s\n' "${LOAD_INFO%; }"
  printf 'CPU\t%s, %s cores, %s GiB RAM\n' "$CPU" "$NCPU" "$MEM_GIB"
  printf 'kernel\t%s\n' "$KERNEL"
  printf 'load average\tscript start %s; timed points start %s (after waiting %s s for < %s); end %s; wall %s s\n' \
    "$LOAD_START" "$LOAD_TIMED_START" "$QUIET_WAITED" "$QUIET_LOAD" "$LOAD_END" "$(diff_s "$T_START" "$(now)")"
  printf 'client\t%s, -t %s (fewer when fewer connections), --latency, --timeout 30s, %s s per point, keep-alive, POST application/x-www-form-urlencoded (tests/bench/http_bench.lua), Accept application/sparql-results+json\n' "$(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)" "$WRK_THREADS" "$DURATION"
  printf 'cairn\t%s\n' "$CAIRN_INFO"
  printf 'cairn build\t%s\n' "$CAIRN_BUILD"
  printf 'cairn serve\t%sdata in its default graph (no default-graph-uri)\n' "$(for t in "${THREADS[@]}"; do printf 'cairn-t%s = --threads %s --timeout 60; ' "$t" "$t"; done)"
  if [[ $SKIP_VIRT == 0 ]]; then
    printf 'Virtuoso\t%s; %s; named graph <%s>, queried with default-graph-uri\n' "$VIRT_VER" "$VIRT_INI" "$GRAPH"
  else
    printf 'Virtuoso\tskipped\n'
  fi
  printf 'order\tall servers run during the whole benchmark; each point runs the engines in turn (%s), 1 s apart; one untimed 3 s warm-up at 16 connections per engine and query\n' "${ENGINES[*]}"
  for e in "${ENGINES[@]}"; do printf 'RSS %s\tafter warm-up %s MiB, at the end %s MiB\n' "$e" "$((RSS_WARM[$e] / 1024))" "$((RSS_END[$e] / 1024))"; done
  for q in "${QUERIES[@]}"; do printf 'query %s\t%s\t%s\t%s\n' "$q" "${QLABEL[$q]}" "${ROWS[$q]}" "$(tr '\n' ' ' <"$WORK/$q.rq" | tr -s ' ')"; done
  # shellcheck disable=SC2016  # literal backquotes: Markdown code span
  printf 'raw figures\t`%s`\n' "${TSV#"$REPO"/}"
} >"$META"
python3 "$SCRIPT_DIR/http_bench_report.py" --meta "$META" --tsv "$TSV" --out "$OUT"
log "report written to $OUT"
