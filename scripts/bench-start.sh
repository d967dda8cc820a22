#!/usr/bin/env bash
# Start to the first complete welcome screen, from a data directory holding a year
# of invented history, measured from outside the process: scripts/first-screen.py
# launches the release kiosk under a virtual display (Xvfb, software OpenGL) and
# reads the screen's pixels until they show what they show once settled (the
# location's name, the clock, the instruction, the keypad).
#
#   scripts/bench-start.sh [runs]      (default 7; needs Xvfb and python3)
#
# The year's data directory is made once with `cargo run --example year_of_data`
# (target/bench-scratch/year-of-data); each run starts from a fresh copy of it, so
# every run does the first start's work on it (migrations check, the retention
# sweep over a year). The files are in the page cache (a warm start).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
bin=${WELKOM_BIN:-target/release/welkom}
[[ -x $bin ]] || cargo build --release -p welkom
year=target/bench-scratch/year-of-data
[[ -f $year/welkom.sqlite ]] || cargo run --example year_of_data -- "$year"

scratch=$(mktemp -d)
display=:$((60 + RANDOM % 10))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$scratch"' EXIT
sleep 1

results=()
exacts=()
for i in $(seq "$runs"); do
  data=$scratch/run-$i
  cp -a "$year" "$data"
  # The clock on the screen shows minutes: never let a minute turn during a run.
  while (( 10#$(date +%S) > 52 )); do sleep 0.5; done
  out=$(XDG_RUNTIME_DIR=/tmp WELKOM_LOG=info python3 scripts/first-screen.py \
    --display "$display" --size 1280x800 --log "$data/log" -- \
    "$bin" --data-dir "$data" --windowed)
  ms=$(awk '/first_complete_ms/ {print $2}' <<<"$out")
  exact=$(awk '/first_identical_ms/ {print $2}' <<<"$out")
  inside=$(grep -o 'first_frame_ms[^0-9]*[0-9]*' "$data/log" | grep -o '[0-9]*$' || echo "?")
  echo "run $i: complete welcome screen after $ms ms, pixel-identical to the settled screen after $exact ms (the process's own log: first frame at $inside ms)"
  results+=("$ms")
  exacts+=("$exact")
  rm -rf "$data"
done
summary() {
  sort -n | awk -v what="$1" '{ v[NR] = $1 } END {
    printf "%s over %d runs: median %d ms, min %d ms, max %d ms\n", what, NR, v[int((NR + 1) / 2)], v[1], v[NR] }'
}
printf '%s\n' "${results[@]}" | summary "start to the first complete welcome screen"
printf '%s\n' "${exacts[@]}" | summary "start to the settled screen, pixel for pixel"
