#!/usr/bin/env bash
# Instructions per static HIT under callgrind, ferroute against the bare hyper server of
# static.sh (the same bytes), start-up subtracted: a figure that stays the same whatever else
# the machine is doing, unlike req/s. One worker, wrk -t1 -c4.
# Usage: tasks/bench/static_instr.sh [seconds]   (needs valgrind and wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
D="${1:-6}"
command -v valgrind >/dev/null || { echo "valgrind is not installed: apt-get install -y valgrind" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
cargo build --release --locked -p ferroute_cli >/dev/null
cargo build --release --locked -p ferroute_server --example raw_hyper >/dev/null
TMP=$(mktemp -d)
trap 'pkill -f "valgrind --tool=callgrind --callgrind-out-file=$TMP" 2>/dev/null || true; rm -rf "$TMP"' EXIT

# One server under callgrind: waits for it, loads it for $2 seconds (0: none), stops it.
# Prints "<requests> <instructions>".
measure() {
  local port=$1 secs=$2 out=$TMP/cg.$1.$2; shift 2
  valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>&1 &
  local vp=$!
  for _ in $(seq 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/forever" && break; sleep 0.1; done
  local reqs=0
  if [ "$secs" != 0 ]; then
    reqs=$(wrk -t1 -c4 -d"${secs}s" "http://127.0.0.1:$port/forever" | awk '/requests in/ {print $1}')
  fi
  # TERM: a background job of a script ignores INT.
  kill -TERM "$vp"; wait "$vp" 2>/dev/null || true
  echo "$reqs $(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')"
}
per_request() {
  local port=$1; shift
  read -r _ idle < <(measure "$port" 0 "$@")
  read -r reqs busy < <(measure "$port" "$D" "$@")
  echo $(( (busy - idle) / reqs ))
}

F=(target/release/ferroute start tests/fixtures/static -p 3490 -H 127.0.0.1 --workers 1)
"${F[0]}" "${F[@]:1}" >/dev/null 2>&1 & P=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:3490/forever" && break; sleep 0.05; done
curl -s -D "$TMP/head" -o "$TMP/body" "http://127.0.0.1:3490/forever"
kill "$P"; wait "$P" 2>/dev/null || true
STATUS=$(awk 'NR==1 {print $2}' "$TMP/head")
mapfile -t HEADERS < <(tail -n +2 "$TMP/head" | tr -d '\r' | grep -v -i -E '^(date|content-length):|^$')

f=$(per_request 3490 "${F[@]}")
h=$(per_request 3491 target/release/examples/raw_hyper 3491 "$STATUS" "$TMP/body" "${HEADERS[@]}")
echo "instructions per HIT: ferroute $f, raw hyper $h (ratio $(awk -v a="$h" -v b="$f" 'BEGIN {printf "%.3f", a/b}'))"
