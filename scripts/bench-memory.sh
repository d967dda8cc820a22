#!/usr/bin/env bash
# Memory of the release kiosk on the welcome screen under a virtual display (Xvfb,
# Mesa's software OpenGL), measured from outside the process:
#   - total RSS (VmRSS of /proc/PID/status);
#   - the graphics driver's share: the resident pages of its libraries (from
#     /proc/PID/smaps) plus what it holds on the C heap;
#   - the kiosk's own heap: Rust allocations and SQLite's, counted by the
#     `heap-stats` build (src/heap_stats.rs) and read from the file it keeps up to
#     date (the driver allocates through C's malloc, never through Rust's allocator,
#     so it is not in that count).
#
#   scripts/bench-memory.sh [settle-seconds]     (default 5; needs Xvfb)
#
# Builds target/release/welkom and target/release/welkom-heap-stats when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
settle=${1:-5}
bin=${WELKOM_BIN:-target/release/welkom}
heap_bin=${WELKOM_HEAP_BIN:-target/release/welkom-heap-stats}
if [[ ! -x $heap_bin && -z ${WELKOM_HEAP_BIN:-} ]]; then
  cargo build --release -p welkom --features heap-stats
  cp target/release/welkom "$heap_bin"
  rm -f "$bin"
fi
[[ -x $bin ]] || cargo build --release -p welkom

scratch=$(mktemp -d)
display=:$((70 + RANDOM % 10))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=
trap 'kill $app $xvfb 2>/dev/null; rm -rf "$scratch"' EXIT
sleep 1

# Starts the demo kiosk in $1 (a binary) and waits until it has drawn its welcome
# screen and settled.
launch() {
  local data=$scratch/data-$(basename "$1")
  mkdir -p "$data"
  DISPLAY=$display XDG_RUNTIME_DIR=/tmp WELKOM_LOG=info WELKOM_HEAP_REPORT=$scratch/heap \
    "$1" --demo --data-dir "$data" --windowed >"$data/log" 2>&1 &
  app=$!
  until grep -q "first frame drawn" "$data/log" 2>/dev/null; do
    kill -0 $app 2>/dev/null || { cat "$data/log"; exit 1; }
    sleep 0.05
  done
  sleep "$settle"
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# 1. The normal build: total RSS and the driver libraries' resident pages.
launch "$bin"
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$app/status")
# Mesa's driver and what only it loads (LLVM for llvmpipe and LLVM's own libraries).
driver_re='/dri/|libgallium|libLLVM|libGLX|libGL\.|libEGL|libglapi|libgbm|libdrm|libxcb-glx|libxcb-dri|libxshmfence|libz3|libedit|libxml2|libicu|libelf|libsensors|libffi|libtinfo|libvulkan|libzstd'
read -r driver_lib_kb anon_kb file_kb < <(awk -v re="$driver_re" '
  /^[0-9a-f]+-[0-9a-f]+ / { path = (NF >= 6) ? $6 : "" ; next }
  /^Rss:/ { if (path ~ re) d += $2; if (path == "" || path ~ /^\[/) a += $2; else f += $2 }
  END { print d + 0, a + 0, f + 0 }' "/proc/$app/smaps")
kill $app; wait $app 2>/dev/null || true

echo "RSS on the welcome screen: $(mb $((rss_kb * 1024))) MB; driver libraries $(mb $((driver_lib_kb * 1024))) MB"
[[ -x $heap_bin ]] || exit 0

# 2. The heap-stats build: the kiosk's own heap and the C heap as a whole.
launch "$heap_bin"
sleep 1
kill $app; wait $app 2>/dev/null || true
app=
declare -A heap
while read -r k v; do heap[$k]=$v; done <"$scratch/heap"
own=$(( heap[rust_live] + heap[sqlite_live] ))
own_peak=$(( heap[rust_peak] + heap[sqlite_peak] ))
# What malloc holds beyond the kiosk's own: the driver's and the windowing libraries'.
others=$(( heap[malloc_in_use] - own ))
(( others < 0 )) && others=0
driver=$(( driver_lib_kb * 1024 + others ))
without=$(( rss_kb * 1024 - driver ))

echo "RSS on the welcome screen:                $(mb $((rss_kb * 1024))) MB (anonymous $(mb $((anon_kb * 1024))) MB, files $(mb $((file_kb * 1024))) MB)"
echo "  graphics driver: libraries $(mb $((driver_lib_kb * 1024))) MB + C heap of the driver and X libraries $(mb $others) MB = $(mb $driver) MB"
echo "  RSS without the driver:                $(mb $without) MB"
echo "the kiosk's own heap now:                $(mb $own) MB (Rust $(mb ${heap[rust_live]}) MB, SQLite $(mb ${heap[sqlite_live]}) MB)"
echo "the kiosk's own heap at its peak:        $(mb $own_peak) MB (Rust $(mb ${heap[rust_peak]}) MB, SQLite $(mb ${heap[sqlite_peak]}) MB)"
