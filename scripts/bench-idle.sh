#!/usr/bin/env bash
# (c) Idle CPU over 60 s and RSS of the release binary on the welcome screen, and
# (d) start to first frame, under a virtual display (Xvfb, software OpenGL).
#
#   scripts/bench-idle.sh [seconds]      (default 60; needs Xvfb: apt-get install xvfb)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
bin=target/release/welkom
[[ -x $bin ]] || cargo build --release
data=$(mktemp -d)
display=:$((80 + RANDOM % 10))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null; rm -rf "$data"' EXIT
sleep 1
start_ns=$(date +%s%N)
DISPLAY=$display XDG_RUNTIME_DIR=/tmp WELKOM_LOG=info "$bin" --demo --data-dir "$data" --windowed >"$data/log" 2>&1 &
app=$!
until grep -q "first frame drawn" "$data/log" 2>/dev/null; do sleep 0.01; done
seen_ns=$(date +%s%N)
first=$(grep -o 'first_frame_ms[^0-9]*[0-9]*' "$data/log" | grep -o '[0-9]*$')
echo "start to first frame: ${first} ms inside the process; $(( (seen_ns - start_ns) / 1000000 )) ms from launch until the log line was seen"
sleep 5
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$app/stat"; }
before=$(cpu)
sleep "$secs"
after=$(cpu)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$app/status")
awk -v b="$before" -v a="$after" -v t="$tick" -v s="$secs" -v r="$rss" 'BEGIN {
  printf "idle on the welcome screen: %.2f %% of one core over %d s; RSS %.1f MB\n", (a - b) / t / s * 100, s, r / 1024 }'
