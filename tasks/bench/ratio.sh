#!/usr/bin/env bash
# Interleaved runs of the plain GET and the seed's cookies()/headers() examples: the median
# of per-round ratios is steadier than one run each when the machine's speed drifts.
# Usage: tasks/bench/ratio.sh [rounds] [seconds]   (needs wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-8}"
D="${2:-3}"
PORT="${PORT:-3457}"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
cargo build --release --locked -p ferroute_cli >/dev/null
target/release/ferroute start examples/route-handlers -p "$PORT" -H 127.0.0.1 >/dev/null 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
B="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -fs "$B/api/hello" >/dev/null && break; sleep 0.05; done
wrk -t2 -c64 -d2s "$B/api/hello" >/dev/null
rps() { wrk -t2 -c64 -d"${D}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
for _ in $(seq "$ROUNDS"); do
  echo "$(rps "$B/api/hello") $(rps -H 'Cookie: token=abc' "$B/ts/cookies") $(rps -H 'Referer: https://example.com/' "$B/ts/headers")"
done | python3 -c '
import statistics, sys
rows = [list(map(float, l.split())) for l in sys.stdin]
for i, name in enumerate(["GET /api/hello", "GET /ts/cookies", "GET /ts/headers"]):
    ratios = [r[i] / r[0] for r in rows]
    print(f"{name:18} median {statistics.median(r[i] for r in rows):9.0f} req/s   ratio to the plain GET: median {statistics.median(ratios):.2f} (rounds: {min(ratios):.2f}..{max(ratios):.2f})")
'
