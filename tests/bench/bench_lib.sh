# shellcheck shell=bash
# shellcheck disable=SC2034  # CPU, NCPU, ...: globals set for the calling script
# Shared helpers for tests/bench/http_bench.sh and tests/bench/update_bench.sh (sourced, not run).
# query_bench.sh and load_bench.sh keep their own copies of similar code.
#
# The caller sets BENCH_NAME, REPO, and may set KEEP=1, then calls bench_init_cleanup; every
# server started through these helpers is stopped on any exit (EXIT/INT/TERM trap).

BENCH_DATA=${BENCH_DATA:-/work/shared/bench}
PEERS=${PEERS:-/work/shared/peers}
VIRT_SH=$PEERS/virtuoso.sh

die() { echo "$BENCH_NAME: error: $*" >&2; exit 1; }
log() { echo "[$BENCH_NAME $(date +%H:%M:%S)] $*" >&2; }
now() { echo "$EPOCHREALTIME"; }
diff_s() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
kv() { tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k { print $2; exit }'; }
ini() { awk -F= -v k="$1" '{ gsub(/[ \t]/, "", $1) } $1 == k { gsub(/^[ \t]+|[ \t]+$/, "", $2); print $2; exit }' "$2"; }

# ---------------------------------------------------------------- process memory and CPU
status_kb() { awk -v k="$2:" '$1 == k { print $2; exit }' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { status_kb "$1" VmHWM; }
rss_kb() { status_kb "$1" VmRSS; }
# Resets VmHWM to the current RSS (Linux >= 4.0), so the next hwm_kb is the peak since now.
hwm_reset() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || true; }
# utime + stime of a process and its reaped children, in clock ticks
proc_ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# busy ticks of the whole machine (all CPUs): user nice system irq softirq steal
sys_busy_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# Waits up to $1 s for the 1-minute load average to drop below $2 (other work on the machine:
# compiles, other benchmarks). Prints the load average it starts with.
wait_quiet() {
  local max=$1 thr=$2 waited=0 l
  while :; do
    l=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$l" -v t="$thr" 'BEGIN { exit !(l < t) }'; then break; fi
    if ((waited >= max)); then log "load average still $l after ${max} s: going ahead (the report says so)"; break; fi
    ((waited == 0)) && log "load average $l >= $thr: waiting up to ${max} s for a quiet moment"
    sleep 10
    waited=$((waited + 10))
  done
  echo "$waited"
}

# ---------------------------------------------------------------- cleanup: never leave a server running
WORK=""
VIRT_DIR=""     # set while a Virtuoso server may be running
VIRT_PID=""
CAIRN_PIDS=()   # cairn serve processes that may be running
KEEP=${KEEP:-0}

stop_pid_term() {   # stop_pid_term PID: SIGTERM, wait up to 30 s, then SIGKILL
  local pid=$1
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid ignored SIGTERM for 30 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
stop_cairn() {   # stop_cairn PID
  local pid=$1 keep=() p
  stop_pid_term "$pid"
  for p in "${CAIRN_PIDS[@]}"; do [[ $p == "$pid" ]] || keep+=("$p"); done
  CAIRN_PIDS=("${keep[@]}")
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
bench_cleanup() {
  local rc=$? p
  trap - EXIT INT TERM
  for p in "${CAIRN_PIDS[@]}"; do log "stopping cairn serve (pid $p)"; stop_pid_term "$p"; done
  CAIRN_PIDS=()
  [[ -z $VIRT_DIR && -z $VIRT_PID ]] || { log "stopping Virtuoso"; stop_virtuoso; }
  if [[ -n $WORK && -d $WORK ]]; then
    if [[ $KEEP == 1 ]]; then log "kept work dir $WORK"; else rm -rf -- "$WORK"; fi
  fi
  exit "$rc"
}
bench_init_cleanup() {
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# ---------------------------------------------------------------- dependencies and binaries
install_deps() {   # install_deps PACKAGE...: scripts/install-deps.sh --bench, then whatever is still missing
  local want=("$@") missing=() p sudo=""
  if [[ -x $REPO/scripts/install-deps.sh ]]; then
    log "scripts/install-deps.sh --bench"
    "$REPO/scripts/install-deps.sh" --bench >&2
  fi
  for p in "${want[@]}"; do
    [[ $p != python3 ]] || ! command -v python3 >/dev/null || continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    log "apt-get install ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

resolve_cairn() {   # sets CAIRN to an absolute path of a cairn binary with 'serve'
  CAIRN=${CAIRN:-build-release/cairn}
  if [[ $CAIRN != /* ]]; then
    if [[ -x $PWD/$CAIRN ]]; then CAIRN=$PWD/$CAIRN; else CAIRN=$REPO/$CAIRN; fi
  fi
  [[ -x $CAIRN ]] || die "cairn binary $CAIRN not found (build it, set CAIRN=..., or use --skip-cairn)"
  "$CAIRN" serve --help 2>&1 | grep -q -- '--bind' || die "$CAIRN has no 'serve' subcommand"
}

# Sets CPU, NCPU, MEM_GIB, KERNEL, COMMIT, CAIRN_INFO, CAIRN_BUILD, VIRT_VER.
machine_info() {
  CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  NCPU=$(nproc)
  MEM_GIB=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
  KERNEL=$(uname -srm)
  if git -C "$REPO" rev-parse -q --verify HEAD >/dev/null 2>&1; then
    COMMIT=$(git -C "$REPO" rev-parse --short=12 HEAD)
    [[ -z $(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null) ]] || COMMIT+=" (uncommitted changes in the tree)"
  else
    COMMIT="none"
  fi
  CAIRN_INFO="skipped" CAIRN_BUILD=""
  if [[ -n ${CAIRN:-} && -x ${CAIRN:-} ]]; then
    CAIRN_INFO="$CAIRN (binary built $(date -r "$CAIRN" '+%Y-%m-%d %H:%M')); tree at git commit $COMMIT"
    local cache bt
    cache=$(dirname "$CAIRN")/CMakeCache.txt
    if [[ -r $cache ]]; then
      cget() { awk -F= -v k="$1" 'index($1, k ":") == 1 { sub(/^[^=]*=/, ""); print; exit }' "$cache"; }
      bt=$(cget CMAKE_BUILD_TYPE)
      CAIRN_BUILD="$(cget CMAKE_CXX_COMPILER); CMAKE_BUILD_TYPE=${bt:-none}; flags: $(cget CMAKE_CXX_FLAGS)"
      case ${bt^^} in
        RELEASE) CAIRN_BUILD+=" "$(cget CMAKE_CXX_FLAGS_RELEASE) ;;
        RELWITHDEBINFO) CAIRN_BUILD+=" "$(cget CMAKE_CXX_FLAGS_RELWITHDEBINFO) ;;
        *) CAIRN_BUILD+=" (not a Release build)" ;;
      esac
    else
      CAIRN_BUILD="unknown (no CMakeCache.txt next to the binary)"
    fi
  fi
  VIRT_VER="$({ virtuoso-t -? 2>&1 || true; } | awk '/^Version/ { print $2; exit }') (Debian $(dpkg-query -W -f='${Version}' virtuoso-opensource-7-bin 2>/dev/null || echo '?'))"
}

# ---------------------------------------------------------------- data
prepare_bsbm() {   # decompresses BSBM 1M into $WORK; sets DATA, DATA_SUM, EXPECTED_TRIPLES
  local rel=bsbm/bsbm-1m.nt.zst name zsum_want nsum_want zsum nsum
  EXPECTED_TRIPLES=1023143
  name=$(basename "$rel" .zst)
  DATA=$WORK/$name
  zsum_want=$(awk -v f="$rel" '$2 == f { print $1 }' "$BENCH_DATA/SHA256SUMS")
  nsum_want=$(awk -v f="${rel%.zst}" '$2 == f { print $1 }' "$BENCH_DATA/SHA256SUMS")
  [[ -n $zsum_want && -n $nsum_want ]] || die "no SHA256SUMS entries for $rel"
  log "checking and decompressing $BENCH_DATA/$rel"
  zsum=$(sha256sum "$BENCH_DATA/$rel" | awk '{ print $1 }')
  [[ $zsum == "$zsum_want" ]] || die "sha256 mismatch for $BENCH_DATA/$rel"
  zstd -q -dc "$BENCH_DATA/$rel" >"$DATA"
  nsum=$(sha256sum "$DATA" | awk '{ print $1 }')
  [[ $nsum == "$nsum_want" ]] || die "sha256 mismatch for decompressed $name"
  DATA_SUM="\`$name\` $(stat -c %s "$DATA") B, $EXPECTED_TRIPLES distinct triples, sha256 \`$nsum\` (.zst \`$zsum\`; both match SHA256SUMS)"
}

pick_ports() {   # pick_ports N: sets PORT to the first of N free consecutive ports from 18900 (or checks $PORT)
  local n=$1 p i ok
  if [[ -n ${PORT:-} ]]; then
    [[ $PORT =~ ^[0-9]+$ ]] || die "bad --port"
    return 0
  fi
  for ((p = 18900; p < 19900; p += 10)); do
    ok=1
    for ((i = 0; i < n; i++)); do port_in_use $((p + i)) && { ok=0; break; }; done
    if ((ok)); then PORT=$p; return 0; fi
  done
  die "no $n free ports found in 18900..19899"
}

# ---------------------------------------------------------------- servers
virt_start() {   # virt_start DIR HTTP_PORT: fresh Virtuoso; sets VIRT_DIR, VIRT_PID, VIRT_INI
  local dir=$1 port=$2
  VIRT_DIR=$dir
  "$VIRT_SH" start "$dir" "$port" >"$dir.start.log" 2>&1 || { cat "$dir.start.log" >&2; die "Virtuoso did not start"; }
  VIRT_PID=$(cat "$dir/virtuoso.pid")
  VIRT_INI="NumberOfBuffers $(ini NumberOfBuffers "$dir/virtuoso.ini"), MaxDirtyBuffers $(ini MaxDirtyBuffers "$dir/virtuoso.ini") (8 KiB pages), ResultSetMaxRows $(ini ResultSetMaxRows "$dir/virtuoso.ini"), MaxQueryExecutionTime $(ini MaxQueryExecutionTime "$dir/virtuoso.ini"), ThreadsPerQuery $(ini ThreadsPerQuery "$dir/virtuoso.ini"), HTTP ServerThreads $(awk '/^\[HTTPServer\]/ { h = 1 } h && /^ServerThreads/ { print $3; exit }' "$dir/virtuoso.ini"), HTTP MaxKeepAlives $(awk '/^\[HTTPServer\]/ { h = 1 } h && /^MaxKeepAlives/ { print $3; exit }' "$dir/virtuoso.ini")"
}
virt_load() {   # virt_load FILE GRAPH: bulk load, checks the count; sets VIRT_LOAD_S
  local out n
  out=$("$VIRT_SH" load "$VIRT_DIR" "$1" "$2") || die "Virtuoso load failed"
  n=$(kv triples_in_graph "$out")
  [[ $n == "$EXPECTED_TRIPLES" ]] || die "VIRTUOSO STORED COUNT MISMATCH: $n triples in <$2>, expected $EXPECTED_TRIPLES"
  VIRT_LOAD_S=$(kv total_seconds "$out")
}

cairn_load() {   # cairn_load DIR FILE [--graph IRI]: checks the count with cairn stats
  local dir=$1 file=$2 n
  shift 2
  "$CAIRN" load --location "$dir" "$@" "$file" >"$dir.load.log" 2>&1 ||
    { tail -n 20 "$dir.load.log" >&2; die "cairn load failed"; }
  n=$("$CAIRN" stats --location "$dir" 2>&1 | awk -F: '/^[[:space:]]*triples:/ { gsub(/[^0-9]/, "", $2); print $2; exit }')
  [[ $n == "$EXPECTED_TRIPLES" ]] || die "CAIRN STORED COUNT MISMATCH: cairn stats says '$n' triples, expected $EXPECTED_TRIPLES"
}

# cairn_serve_start DIR PORT LOG [ARGS...]: starts cairn serve in the background, waits for
# GET /health = 200; sets CAIRN_PID (also recorded for cleanup).
cairn_serve_start() {
  local dir=$1 port=$2 logf=$3 i ok=0
  shift 3
  "$CAIRN" serve --location "$dir" --bind "127.0.0.1:$port" "$@" >"$logf" 2>&1 </dev/null &
  CAIRN_PID=$!
  CAIRN_PIDS+=("$CAIRN_PID")
  for ((i = 0; i < 480; i++)); do   # up to 120 s
    kill -0 "$CAIRN_PID" 2>/dev/null || break
    if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/health" 2>/dev/null) == 200 ]]; then
      ok=1; break
    fi
    sleep 0.25
  done
  if [[ $ok != 1 ]]; then
    tail -n 20 "$logf" >&2
    die "cairn serve did not answer GET /health with 200 within 120 s"
  fi
}
