#!/usr/bin/env bash
# Load benchmark: starts `ferroute start` on the example app and prints req/s, p50 and p99
# (wrk -t2 -c64), cold start (exec to first 200) and RSS after warm-up.
# Usage: tasks/bench/run.sh [seconds-per-route]   (needs wrk: apt-get install wrk)
# With NEXT=1 and Node installed, also runs `next build && next start` on the same app.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-10}"
PORT="${PORT:-3456}"
APP=examples/route-handlers
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
cargo build --release --locked -p ferroute_cli >/dev/null
BIN=target/release/ferroute

# Cold start: exec to the first 200 from /api/hello, best of 5.
cold_start() { # port cmd...
  local port=$1; shift
  python3 tasks/bench/ready.py --port "$port" --path /api/hello --runs 5 -- "$@"
}

bench() { # name url [extra wrk args]
  local name=$1 url=$2; shift 2
  local out; out=$(wrk -t2 -c64 -d"${DURATION}s" --latency "$@" "$url")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '%-34s %12s req/s   p50 %8s   p99 %8s\n' "$name" "$rps" "$p50" "$p99"
}

echo "ferroute $(git rev-parse --short HEAD 2>/dev/null || echo dev) on $(nproc) cores, wrk -t2 -c64 -d${DURATION}s"
echo "cold start (exec -> first 200, best of 5): $(cold_start "$PORT" "$BIN" start "$APP" -p "$PORT" -H 127.0.0.1) ms"

"$BIN" start "$APP" -p "$PORT" -H 127.0.0.1 >/dev/null 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/api/hello" >/dev/null && break; sleep 0.05; done
B="http://127.0.0.1:$PORT"
wrk -t2 -c64 -d2s "$B/api/hello" >/dev/null  # warm-up
bench "GET /api/hello (Response.json)" "$B/api/hello"
bench "GET /api/items/[slug]" "$B/api/items/abc"
bench "GET /api/stream (ReadableStream)" "$B/api/stream"
bench "GET /ts/cookies (cookies())" "$B/ts/cookies" -H "Cookie: token=abc"
bench "GET /ts/headers (headers())" "$B/ts/headers" -H "Referer: https://example.com/"
echo "RSS after warm-up: $(awk '/VmRSS/ {print $2, $3}' /proc/$PID/status)"
kill $PID; wait $PID 2>/dev/null || true

if [ "${NEXT:-0}" = 1 ] && [ -d tasks/conformance/next/node_modules/next ]; then
  TMP=$(mktemp -d); cp -r "$APP"/. "$TMP"; ln -s "$PWD/tasks/conformance/next/node_modules" "$TMP/node_modules"
  (cd "$TMP" && node node_modules/next/dist/bin/next build >/dev/null)
  (cd "$TMP" && exec node node_modules/next/dist/bin/next start -p "$PORT" >/dev/null 2>&1) &
  NPID=$!
  for _ in $(seq 200); do curl -fs "http://127.0.0.1:$PORT/api/hello" >/dev/null && break; sleep 0.1; done
  bench "next start: GET /api/hello" "$B/api/hello"
  bench "next start: GET /api/items/[slug]" "$B/api/items/abc"
  echo "next start RSS: $(ps -o rss= --ppid $NPID --pid $NPID | awk '{s+=$1} END {print s, "kB"}')"
  kill $NPID 2>/dev/null || true; rm -rf "$TMP"
fi
