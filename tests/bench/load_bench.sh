#!/usr/bin/env bash
# Load benchmark: serdi (parse-only limit) vs cairn vs Virtuoso 7.2, in one run on one machine.
#
#   tests/bench/load_bench.sh [options]
#
#   --runs N           fresh loads per engine (default 3); medians are reported
#   --dataset NAME     bsbm (BSBM 1M, default) or watdiv (WatDiv SF10)
#   --skip-cairn       do not run cairn (e.g. before build-release/cairn exists)
#   --skip-virtuoso    do not run Virtuoso
#   --keep             keep the work dir (data, stores, logs) instead of deleting it
#   --workdir DIR      create the work dir under DIR (default /tmp)
#   --port P           Virtuoso HTTP port (SQL port is P+1; default: first free from 18890)
#   --graph IRI        named graph Virtuoso loads into (default http://example.org/bench/<dataset>)
#   --cairn-graph IRI  pass --graph IRI to cairn load (default: cairn's default graph)
#   --virt-loaders N   parallel rdf_loader_run() calls (VIRT_LOADERS; default 1)
#   --out FILE         Markdown report path (default tests/bench/out/load-<date>.md)
#   --no-install       do not call scripts/install-deps.sh --bench / apt-get
#
# Env: CAIRN (binary; default build-release/cairn, relative paths resolved against the current
#      dir, then the repo root), BENCH_DATA (default /work/shared/bench), PEERS (default
#      /work/shared/peers), VIRT_BUFFERS (Virtuoso NumberOfBuffers, default 170000 = ~1.3 GiB).
#
# Method (tests/bench/README.md, /work/shared/bench/README.md section 3): the data is
# decompressed and checked against SHA256SUMS outside the timing. Each run does serdi, cairn,
# Virtuoso in turn (interleaved, so background load hits all three alike), each into a fresh,
# empty store. Rates are distinct triples / wall seconds. Loopback only; Virtuoso is always
# stopped on exit.
set -euo pipefail
export LC_ALL=C

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/../.." && pwd)
BENCH_DATA=${BENCH_DATA:-/work/shared/bench}
PEERS=${PEERS:-/work/shared/peers}
VIRT_SH=$PEERS/virtuoso.sh
GNU_TIME=/usr/bin/time

# Fastest honest parse-only serdi invocation (serdi 0.30 has no "parse, write nothing" mode):
# input is read in pages by default (-e would read byte by byte, ~60% slower); -b buffers the
# N-Triples output in blocks (~10% faster than the default per-statement writes to /dev/null).
# So the serdi figure is parse + re-serialise, i.e. a slightly conservative parse limit.
SERDI_ARGS=(-i ntriples -o ntriples -b)

RUNS=3
DATASET=bsbm
SKIP_CAIRN=0
SKIP_VIRT=0
KEEP=0
WORK_PARENT=/tmp
PORT=""
GRAPH=""
CAIRN_GRAPH=""
VIRT_LOADERS_OPT=${VIRT_LOADERS:-1}
OUT=""
NO_INSTALL=0

die() { echo "load_bench: error: $*" >&2; exit 1; }
log() { echo "[load_bench $(date +%H:%M:%S)] $*" >&2; }
usage() { sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }

while (($#)); do
  case $1 in
    --runs) RUNS=${2:?}; shift 2 ;;
    --dataset) DATASET=${2:?}; shift 2 ;;
    --skip-cairn) SKIP_CAIRN=1; shift ;;
    --skip-virtuoso) SKIP_VIRT=1; shift ;;
    --keep) KEEP=1; shift ;;
    --workdir) WORK_PARENT=${2:?}; shift 2 ;;
    --port) PORT=${2:?}; shift 2 ;;
    --graph) GRAPH=${2:?}; shift 2 ;;
    --cairn-graph) CAIRN_GRAPH=${2:?}; shift 2 ;;
    --virt-loaders) VIRT_LOADERS_OPT=${2:?}; shift 2 ;;
    --out) OUT=${2:?}; shift 2 ;;
    --no-install) NO_INSTALL=1; shift ;;
    -h | --help) usage 0 ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive integer"
[[ $VIRT_LOADERS_OPT =~ ^[1-9][0-9]*$ ]] || die "--virt-loaders needs a positive integer"

case $DATASET in
  bsbm) REL=bsbm/bsbm-1m.nt.zst; EXPECTED=1023143; LABEL="BSBM 1M" ;;
  watdiv) REL=watdiv/watdiv-sf10.nt.zst; EXPECTED=1081232; LABEL="WatDiv SF10" ;;
  *) die "--dataset must be bsbm or watdiv" ;;
esac
GRAPH=${GRAPH:-http://example.org/bench/$DATASET}
STAMP=$(date +%Y-%m-%d_%H%M%S)
if [[ -z $OUT ]]; then
  suffix=""; [[ $DATASET == bsbm ]] || suffix="-$DATASET"
  OUT=$REPO/tests/bench/out/load-$STAMP$suffix.md
fi

# ---------------------------------------------------------------- helpers
now() { echo "$EPOCHREALTIME"; }
diff_s() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }   # calc FORMAT EXPR
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
  END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
commas() { awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); r = "";
  while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
  print s r }'; }
vmhwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
warm() { cat "$1" >/dev/null; }
kv() { tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k { print $2; exit }'; }   # kv KEY "k=v k=v"   # same (warm) page-cache state for every engine

# ---------------------------------------------------------------- cleanup: never leave Virtuoso running
WORK=""
VIRT_DIR=""   # set while a Virtuoso server may be running
VIRT_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $VIRT_DIR ]]; then
    log "stopping Virtuoso in $VIRT_DIR"
    "$VIRT_SH" stop "$VIRT_DIR" >&2 2>&1 || true
  fi
  if [[ -n $VIRT_PID ]] && kill -0 "$VIRT_PID" 2>/dev/null &&
     [[ $(cat "/proc/$VIRT_PID/comm" 2>/dev/null) == virtuoso-t* ]]; then
    log "Virtuoso pid $VIRT_PID still alive: TERM, then KILL"
    kill -TERM "$VIRT_PID" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$VIRT_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$VIRT_PID" 2>/dev/null || true
  fi
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
  if [[ -x $REPO/scripts/install-deps.sh ]]; then
    log "scripts/install-deps.sh --bench"
    "$REPO/scripts/install-deps.sh" --bench >&2
  else
    local want=(serdi zstd time bc curl iproute2) missing=() p sudo=""
    [[ $SKIP_VIRT == 1 ]] || want+=(virtuoso-opensource)
    for p in "${want[@]}"; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if ((${#missing[@]})); then
      [[ $(id -u) -eq 0 ]] || sudo=sudo
      log "apt-get install ${missing[*]}"
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    fi
  fi
}
[[ $NO_INSTALL == 1 ]] || install_deps
for c in serdi zstd sha256sum awk du ss; do command -v "$c" >/dev/null || die "$c not found"; done
[[ -x $GNU_TIME ]] || die "$GNU_TIME (GNU time, Debian package 'time') not found"
if [[ $SKIP_VIRT == 0 ]]; then
  for c in virtuoso-t isql-vt bc curl; do command -v "$c" >/dev/null || die "$c not found (apt-get install virtuoso-opensource)"; done
  [[ -x $VIRT_SH ]] || die "$VIRT_SH not found"
fi

if [[ $SKIP_CAIRN == 0 ]]; then
  CAIRN=${CAIRN:-build-release/cairn}
  if [[ $CAIRN != /* ]]; then
    if [[ -x $PWD/$CAIRN ]]; then CAIRN=$PWD/$CAIRN; else CAIRN=$REPO/$CAIRN; fi
  fi
  [[ -x $CAIRN ]] || die "cairn binary $CAIRN not found (build it, set CAIRN=..., or use --skip-cairn)"
fi

if [[ $SKIP_VIRT == 0 ]]; then
  if [[ -z $PORT ]]; then
    for ((p = 18890; p < 19890; p += 10)); do
      if ! port_in_use "$p" && ! port_in_use $((p + 1)); then PORT=$p; break; fi
    done
    [[ -n $PORT ]] || die "no free port pair found in 18890..19889"
  fi
  [[ $PORT =~ ^[0-9]+$ ]] || die "bad --port"
fi

# ---------------------------------------------------------------- data (outside the timing)
ZST=$BENCH_DATA/$REL
[[ -r $ZST ]] || die "cannot read $ZST"
mkdir -p "$WORK_PARENT"
WORK=$(mktemp -d "$WORK_PARENT/cairn-loadbench.XXXXXX")
NAME=$(basename "$REL" .zst)
DATA=$WORK/$NAME
sum_for() { awk -v f="$1" '$2 == f { print $1 }' "$BENCH_DATA/SHA256SUMS"; }
ZST_SUM_WANT=$(sum_for "$REL")
NT_SUM_WANT=$(sum_for "${REL%.zst}")
[[ -n $ZST_SUM_WANT && -n $NT_SUM_WANT ]] || die "no SHA256SUMS entries for $REL"
log "work dir $WORK; checking and decompressing $ZST"
ZST_SUM=$(sha256sum "$ZST" | awk '{ print $1 }')
[[ $ZST_SUM == "$ZST_SUM_WANT" ]] || die "sha256 mismatch for $ZST"
zstd -q -dc "$ZST" >"$DATA"
NT_SUM=$(sha256sum "$DATA" | awk '{ print $1 }')
[[ $NT_SUM == "$NT_SUM_WANT" ]] || die "sha256 mismatch for decompressed $NAME"
DATA_BYTES=$(stat -c %s "$DATA")
log "data ok: $NAME $DATA_BYTES B sha256 $NT_SUM"

# ---------------------------------------------------------------- machine info
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
NCPU=$(nproc)
MEM_GIB=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
KERNEL=$(uname -srm)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
WORK_FS=$(df -PT "$WORK" | awk 'NR == 2 { print $2 " on " $1 }')
SERDI_VER=$(serdi -v 2>/dev/null | head -n1 || true)
if git -C "$REPO" rev-parse -q --verify HEAD >/dev/null 2>&1; then
  COMMIT=$(git -C "$REPO" rev-parse --short=12 HEAD)
  [[ -z $(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null) ]] || COMMIT+=" (uncommitted changes)"
else
  COMMIT="none (no commit yet)"
fi
CAIRN_INFO="skipped"
CAIRN_BUILD=""
if [[ $SKIP_CAIRN == 0 ]]; then
  CAIRN_INFO="$CAIRN"
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
if [[ $SKIP_VIRT == 0 ]]; then
  VIRT_VER="$({ virtuoso-t -? 2>&1 || true; } | awk '/^Version/ { print $2; exit }') (Debian $(dpkg-query -W -f='${Version}' virtuoso-opensource-7-bin 2>/dev/null || echo '?'))"
fi

# ---------------------------------------------------------------- one run of each engine
declare -a S_WALL S_RSS C_WALL C_RSS C_BYTES C_SYNC V_WALL V_LOAD V_CKPT V_RSS V_RSS0 V_BYTES V_DIR V_LIVE
VIRT_BUFS="?" VIRT_DIRTY="?"

run_serdi() {
  local i=$1 tf=$WORK/serdi.$1.time t0 t1
  warm "$DATA"
  t0=$(now)
  "$GNU_TIME" -f '%M' -o "$tf" serdi "${SERDI_ARGS[@]}" "$DATA" >/dev/null
  t1=$(now)
  S_WALL[i]=$(diff_s "$t0" "$t1")
  S_RSS[i]=$(tail -n1 "$tf")
  log "run $i serdi: ${S_WALL[i]} s, peak RSS ${S_RSS[i]} KiB"
}

run_cairn() {
  local i=$1 dir=$WORK/cairn.$1 tf=$WORK/cairn.$1.time lf=$WORK/cairn.$1.log t0 t1 n
  local gargs=()
  [[ -z $CAIRN_GRAPH ]] || gargs=(--graph "$CAIRN_GRAPH")
  rm -rf -- "$dir"
  warm "$DATA"
  t0=$(now)
  if ! "$GNU_TIME" -f '%M' -o "$tf" "$CAIRN" load --location "$dir" "${gargs[@]}" "$DATA" >"$lf" 2>&1; then
    tail -n 20 "$lf" >&2
    die "cairn load failed (run $i)"
  fi
  t1=$(now)
  C_WALL[i]=$(diff_s "$t0" "$t1")
  C_RSS[i]=$(tail -n1 "$tf")
  # Informational, untimed: how much was still unsynced when cairn exited.
  t0=$(now); sync -f "$dir"; t1=$(now)
  C_SYNC[i]=$(diff_s "$t0" "$t1")
  C_BYTES[i]=$(du -sb "$dir" | awk '{ print $1 }')   # before 'stats' reopens the store
  "$CAIRN" stats --location "$dir" >"$WORK/cairn.$i.stats" 2>&1 ||
    { cat "$WORK/cairn.$i.stats" >&2; die "cairn stats failed (run $i)"; }
  n=$(awk -F: '/^[[:space:]]*triples:/ { gsub(/[^0-9]/, "", $2); print $2; exit }' "$WORK/cairn.$i.stats")
  [[ -n $n ]] || { cat "$WORK/cairn.$i.stats" >&2; die "no 'triples: N' line in cairn stats output"; }
  if [[ $n != "$EXPECTED" ]]; then
    die "CAIRN STORED COUNT MISMATCH (run $i): cairn stats says $n triples, expected $EXPECTED"
  fi
  log "run $i cairn: ${C_WALL[i]} s, peak RSS ${C_RSS[i]} KiB, ${C_BYTES[i]} B on disk, $n triples"
  [[ $KEEP == 1 ]] || rm -rf -- "$dir"
}

run_virtuoso() {
  local i=$1 dir=$WORK/virtuoso.$1 out n st
  warm "$DATA"
  VIRT_DIR=$dir
  "$VIRT_SH" start "$dir" "$PORT" >"$WORK/virtuoso.$i.start" || die "Virtuoso did not start (run $i)"
  VIRT_PID=$(cat "$dir/virtuoso.pid")
  V_RSS0[i]=$(vmhwm_kb "$VIRT_PID")
  VIRT_BUFS=$(awk -F= '/^NumberOfBuffers/ { gsub(/ /, "", $2); print $2 }' "$dir/virtuoso.ini")
  VIRT_DIRTY=$(awk -F= '/^MaxDirtyBuffers/ { gsub(/ /, "", $2); print $2 }' "$dir/virtuoso.ini")
  # Timed inside the harness: ld_dir + rdf_loader_run() (total_seconds = load + checkpoint).
  out=$(VIRT_LOADERS=$VIRT_LOADERS_OPT "$VIRT_SH" load "$dir" "$DATA" "$GRAPH") || die "Virtuoso load failed (run $i)"
  echo "$out" >"$WORK/virtuoso.$i.load"
  V_RSS[i]=$(vmhwm_kb "$VIRT_PID")
  V_LOAD[i]=$(kv load_seconds "$out")
  V_CKPT[i]=$(kv checkpoint_seconds "$out")
  V_WALL[i]=$(kv total_seconds "$out")
  n=$(kv triples_in_graph "$out")
  [[ -n ${V_WALL[i]} ]] || die "cannot parse the harness output: $out"
  # Untimed: live pages after the checkpoint (the file keeps free pages; see the report notes).
  st=$("$VIRT_SH" isql "$dir" "status('');" 2>/dev/null || true)
  V_LIVE[i]=$(awk '/DB master/ { for (k = 1; k < NF; k++) { if ($(k + 1) == "total") t = $k; if ($(k + 1) == "free") f = $k }
    print (t - f) * 8192; exit }' <<<"$st")
  "$VIRT_SH" stop "$dir" >/dev/null
  VIRT_DIR=""
  ! kill -0 "$VIRT_PID" 2>/dev/null || die "Virtuoso pid $VIRT_PID still running after stop"
  VIRT_PID=""
  # virtuoso.db plus its transaction log and error log, after checkpoint and clean shutdown.
  V_BYTES[i]=$(du -sbc "$dir/virtuoso.db" "$dir"/virtuoso*.trx "$dir/virtuoso.log" | awk 'END { print $1 }')
  V_DIR[i]=$(du -sb "$dir" | awk '{ print $1 }')
  if [[ $n != "$EXPECTED" ]]; then
    die "VIRTUOSO STORED COUNT MISMATCH (run $i): $n triples in <$GRAPH>, expected $EXPECTED"
  fi
  log "run $i virtuoso: ${V_WALL[i]} s (load ${V_LOAD[i]} + checkpoint ${V_CKPT[i]}), VmHWM ${V_RSS[i]} KiB, ${V_BYTES[i]} B on disk, $n triples"
  [[ $KEEP == 1 ]] || rm -rf -- "$dir"
}

for ((i = 1; i <= RUNS; i++)); do
  log "run $i/$RUNS"
  run_serdi "$i"
  [[ $SKIP_CAIRN == 1 ]] || run_cairn "$i"
  [[ $SKIP_VIRT == 1 ]] || run_virtuoso "$i"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report
rate() { calc "%.0f" "$EXPECTED / $1"; }
mib() { calc "%.1f" "$1 / 1024"; }
bpt() { calc "%.1f" "$1 / $EXPECTED"; }
ratio() { calc "%.2f" "$1 / $2"; }
yesno() { if awk "BEGIN { exit !($1) }"; then echo "**yes**"; else echo "**NO**"; fi; }

S_W=$(median "${S_WALL[@]}"); S_R=$(median "${S_RSS[@]}"); S_RATE=$(rate "$S_W")
if [[ $SKIP_CAIRN == 0 ]]; then
  C_W=$(median "${C_WALL[@]}"); C_R=$(median "${C_RSS[@]}"); C_B=$(median "${C_BYTES[@]}")
  C_RATE=$(rate "$C_W"); C_BPT=$(bpt "$C_B")
fi
if [[ $SKIP_VIRT == 0 ]]; then
  V_W=$(median "${V_WALL[@]}"); V_R=$(median "${V_RSS[@]}"); V_B=$(median "${V_BYTES[@]}")
  V_RATE=$(rate "$V_W"); V_BPT=$(bpt "$V_B")
fi

mkdir -p "$(dirname "$OUT")"
{
  echo "# Load benchmark: $LABEL ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| data | \`$NAME\`, $(commas "$DATA_BYTES") B, **$(commas "$EXPECTED") distinct triples** |"
  echo "| data sha256 | \`$NT_SUM\` (matches SHA256SUMS; .zst \`$ZST_SUM\`) |"
  echo "| method | $RUNS fresh load(s) per engine into an empty store, engines interleaved per run; **medians**; file decompressed beforehand and in the page cache |"
  echo "| CPU | $CPU, $NCPU cores, $MEM_GIB GiB RAM |"
  echo "| kernel | $KERNEL |"
  echo "| load average | start $LOAD_START, end $LOAD_END |"
  echo "| work dir fs | $WORK_FS |"
  echo "| serdi | $SERDI_VER: \`serdi ${SERDI_ARGS[*]} FILE > /dev/null\` |"
  echo "| cairn | $CAIRN_INFO; git commit $COMMIT |"
  [[ $SKIP_CAIRN == 1 ]] || echo "| cairn build | $CAIRN_BUILD |"
  if [[ $SKIP_VIRT == 0 ]]; then
    echo "| Virtuoso | $VIRT_VER; NumberOfBuffers $VIRT_BUFS, MaxDirtyBuffers $VIRT_DIRTY (8 KiB pages); loaders $VIRT_LOADERS_OPT; graph <$GRAPH> |"
  else
    echo "| Virtuoso | skipped |"
  fi
  echo
  echo "## Results (medians)"
  echo
  echo "Triples/s = $(commas "$EXPECTED") ÷ wall s (higher is better). Peak RSS and bytes/triple: lower is better."
  echo
  echo "| engine | wall s | triples/s | peak RSS MiB | bytes on disk | bytes/triple |"
  echo "|---|--:|--:|--:|--:|--:|"
  echo "| serdi (parse only) | $S_W | $(commas "$S_RATE") | $(mib "$S_R") | – | – |"
  if [[ $SKIP_CAIRN == 0 ]]; then
    echo "| cairn | $C_W | $(commas "$C_RATE") | $(mib "$C_R") | $(commas "$C_B") | $C_BPT |"
  else
    echo "| cairn | skipped | | | | |"
  fi
  if [[ $SKIP_VIRT == 0 ]]; then
    echo "| Virtuoso | $V_W | $(commas "$V_RATE") | $(mib "$V_R") | $(commas "$V_B") | $V_BPT |"
  else
    echo "| Virtuoso | skipped | | | | |"
  fi
  echo
  echo "## Ratios and targets"
  echo
  echo "| ratio | value | target | met |"
  echo "|---|--:|---|---|"
  if [[ $SKIP_CAIRN == 0 ]]; then
    r=$(ratio "$C_RATE" "$S_RATE")
    echo "| cairn rate ÷ serdi rate (higher is better) | $r | ≥ 0.60 | $(yesno "$r >= 0.60") |"
    if [[ $SKIP_VIRT == 0 ]]; then
      r=$(ratio "$C_RATE" "$V_RATE")
      echo "| cairn rate ÷ Virtuoso rate (higher is better) | $r | ≥ 2 | $(yesno "$r >= 2") |"
    fi
    echo "| cairn bytes/triple (lower is better) | $C_BPT | ≤ 50 | $(yesno "$C_BPT <= 50") |"
    if [[ $SKIP_VIRT == 0 ]]; then
      echo "| cairn peak RSS ÷ Virtuoso peak RSS (lower is better) | $(ratio "$C_R" "$V_R") | – | |"
      echo "| cairn bytes/triple ÷ Virtuoso bytes/triple (lower is better) | $(ratio "$C_B" "$V_B") | – | |"
    fi
  else
    echo "| cairn rate ÷ serdi rate | skipped | ≥ 0.60 | |"
    echo "| cairn rate ÷ Virtuoso rate | skipped | ≥ 2 | |"
    echo "| cairn bytes/triple | skipped | ≤ 50 | |"
  fi
  if [[ $SKIP_VIRT == 0 ]]; then
    echo "| Virtuoso rate ÷ serdi rate (reference) | $(ratio "$V_RATE" "$S_RATE") | – | |"
  fi
  echo
  echo "## All runs"
  echo
  echo "| run | engine | wall s | triples/s | peak RSS KiB | bytes on disk | detail |"
  echo "|--:|---|--:|--:|--:|--:|---|"
  for ((i = 1; i <= RUNS; i++)); do
    echo "| $i | serdi | ${S_WALL[i]} | $(commas "$(rate "${S_WALL[i]}")") | ${S_RSS[i]} | – | |"
    if [[ $SKIP_CAIRN == 0 ]]; then
      echo "| $i | cairn | ${C_WALL[i]} | $(commas "$(rate "${C_WALL[i]}")") | ${C_RSS[i]} | ${C_BYTES[i]} | sync after exit ${C_SYNC[i]} s (untimed) |"
    fi
    if [[ $SKIP_VIRT == 0 ]]; then
      echo "| $i | Virtuoso | ${V_WALL[i]} | $(commas "$(rate "${V_WALL[i]}")") | ${V_RSS[i]} | ${V_BYTES[i]} | load ${V_LOAD[i]} s + checkpoint ${V_CKPT[i]} s; VmHWM at start ${V_RSS0[i]} KiB; whole dir ${V_DIR[i]} B; live pages ${V_LIVE[i]:-?} B |"
    fi
  done
  echo
  echo "## Definitions"
  echo
  echo "- **serdi**: \`serdi ${SERDI_ARGS[*]}\` to /dev/null; parse + N-Triples re-serialisation (serdi 0.30 cannot parse without writing; \`-b\` = block-buffered output, input is read in pages by default). Wall = process start to exit; peak RSS = GNU time %M."
  echo "- **cairn**: \`cairn load --location DIR${CAIRN_GRAPH:+ --graph $CAIRN_GRAPH} FILE\` into a new DIR; wall = process start to exit (the store is closed, i.e. committed and flushed); peak RSS = GNU time %M; bytes = \`du -sb DIR\` after exit; stored count checked with \`cairn stats\`. \"sync after exit\" is an untimed \`sync -f\` afterwards (large values would mean data was not yet on disk at exit; it also flushes any other dirty data on that file system)."
  echo "- **Virtuoso**: \`$VIRT_SH load\` into a fresh database (server start-up not timed): wall = harness total_seconds = ld_dir + rdf_loader_run() + checkpoint. Peak RSS = server VmHWM after load and checkpoint (the harness also runs one COUNT query first). Bytes = virtuoso.db + virtuoso*.trx + virtuoso.log after checkpoint and clean shutdown. Stored count = COUNT(*) of the graph."
  echo "- Virtuoso caveats: during the load the server grows into its configured buffer pool (NumberOfBuffers × 8 KiB; compare \"VmHWM at start\"), so its peak RSS reflects that setting as much as need; a smaller pool lowers it and may slow the load. virtuoso.db keeps free pages after the checkpoint; \"live pages\" (from \`status('')\`, total − free, × 8 KiB) is the occupied part, for reference only."
  echo "- Figures from one run on one machine; compare within a run only."
} >"$OUT"
cat "$OUT"
log "report written to $OUT"
