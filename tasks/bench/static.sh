#!/usr/bin/env bash
# A cache HIT of a static route against a bare hyper server returning the same bytes
# (issue 10: at least 90%), interleaved rounds in one run, wrk -t2 -c64.
# Usage: tasks/bench/static.sh [rounds] [seconds]   (needs wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-4}"; D="${2:-5}"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
# Two commands: with --example, cargo would build only the example of the packages named.
cargo build --release --locked -p ferroute_cli >/dev/null
cargo build --release --locked -p ferroute_server --example raw_hyper >/dev/null
BIN=target/release/ferroute
RAW=target/release/examples/raw_hyper
"$BIN" start tests/fixtures/static -p 3463 -H 127.0.0.1 >/dev/null 2>&1 & P1=$!
trap 'kill $P1 ${P2:-} 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:3463/forever" && break; sleep 0.05; done
# The raw server answers exactly what ferroute answers (status, headers, body).
TMP=$(mktemp -d)
curl -s -D "$TMP/head" -o "$TMP/body" "http://127.0.0.1:3463/forever"
STATUS=$(awk 'NR==1 {print $2}' "$TMP/head")
mapfile -t HEADERS < <(tail -n +2 "$TMP/head" | tr -d '\r' | grep -v -i -E '^(date|content-length):|^$')
"$RAW" 3464 "$STATUS" "$TMP/body" "${HEADERS[@]}" & P2=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:3464/" && break; sleep 0.05; done
for port in 3463 3464; do wrk -t2 -c64 -d2s "http://127.0.0.1:$port/forever" >/dev/null; done
rps() { wrk -t2 -c64 -d"${D}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
echo "round  ferroute-HIT  raw-hyper  ratio"
ratios=()
for r in $(seq "$ROUNDS"); do
  f=$(rps "http://127.0.0.1:3463/forever"); h=$(rps "http://127.0.0.1:3464/forever")
  ratio=$(awk -v a="$f" -v b="$h" 'BEGIN {printf "%.3f", a/b}')
  ratios+=("$ratio")
  echo "$r      $f     $h   $ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print "median ferroute-HIT/raw-hyper:", a[int((NR+1)/2)]}'
rm -rf "$TMP"
