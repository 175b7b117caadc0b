#!/usr/bin/env bash
# ferroute beside the servers users compare it with, on the same handlers (issue 12's table):
# `ferroute start` (each engine it has), `next start` (Next.js 15.5.29), Deno.serve and
# Bun.serve (from npm: `deno`, `bun`), all from tasks/bench/servers/ (the Next.js routes under
# app/ for ferroute and next; handler.ts for Deno and Bun, over the same lib/work.ts).
# Rows: plain GET, [slug], streaming, cookies(), a JSON transform, zod validation, a CPU loop
# and a force-static HIT (issue 12's rows); then what handlers of real apps do on top: read
# the query through `new URL(request.url)`, answer a POST from its JSON body (post.lua), and
# format dates and numbers for a locale; then cold start (exec -> first 200, best of 3) and RSS
# after the rounds. The servers run side by side but only one is loaded at a time; rounds interleave
# servers and rows (every other round in the opposite order), and the table shows the median
# req/s over the rounds, then the median over the rounds of each round's ratio of the best
# ferroute engine to the best of Deno.serve and Bun.serve, with its range.
# Usage: tasks/bench/servers.sh [rounds] [seconds]   (needs wrk, node/npm; installs the npm
# packages from the committed lockfile; FERROUTE_BENCH_BIN picks the ferroute binary;
# BENCH_SERVERS and BENCH_ROWS, comma-separated names or paths, measure only those: a longer
# run of the rows near parity, say BENCH_SERVERS=ferroute-jsc,Deno.serve,Bun.serve
# BENCH_ROWS=/items/abc,/stream tasks/bench/servers.sh 15 3; FERROUTE_BENCH_BEFORE: see below)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-3}"
D="${2:-3}"
HERE=tasks/bench/servers
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is needed (next, deno and bun come from npm)" >&2; exit 1; }
[ -x "$HERE/node_modules/.bin/next" ] || npm ci --prefix "$HERE" --no-audit --no-fund --loglevel=error
# FERROUTE_BENCH_BIN=/path/to/ferroute measures that binary instead of a fresh release build.
if [ -n "${FERROUTE_BENCH_BIN:-}" ]; then
  BIN="$FERROUTE_BENCH_BIN"
else
  cargo build --release --locked -p ferroute_cli >/dev/null
  BIN="$PWD/target/release/ferroute"
fi
# Built and served in place (a copy with node_modules symlinked gives next build two Reacts);
# next build writes .next/, ferroute build .ferroute/ (both ignored by git).
APP="$PWD/$HERE"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
"$BIN" build "$APP" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# name|command (with {port}); the engines ferroute offers are listed by `ferroute info`.
SERVERS=("ferroute|$BIN start $APP -p {port} -H 127.0.0.1")
if "$BIN" start --help 2>&1 | grep -q -- '--engine'; then
  SERVERS=("ferroute-quickjs|$BIN start $APP -p {port} -H 127.0.0.1 --engine quickjs"
           "ferroute-jsc|$BIN start $APP -p {port} -H 127.0.0.1 --engine jsc")
fi
# FERROUTE_BENCH_BEFORE=/path/to/ferroute adds that build's JavaScriptCore engine as
# "before-jsc": a change measured against the build before it in the same run (it serves
# the build output of the binary measured, so both must read the same format).
if [ -n "${FERROUTE_BENCH_BEFORE:-}" ]; then
  SERVERS+=("before-jsc|$FERROUTE_BENCH_BEFORE start $APP -p {port} -H 127.0.0.1 --engine jsc")
fi
SERVERS+=("next start|node $APP/node_modules/next/dist/bin/next start $APP -p {port} -H 127.0.0.1"
          "Deno.serve|$APP/node_modules/.bin/deno run --allow-net --allow-env --allow-read $APP/deno.ts"
          "Bun.serve|$APP/node_modules/.bin/bun $APP/bun.ts")
# name|path|request header|wrk script (tasks/bench/servers/, for a POST)
ROWS=("plain GET|/plain||" "[slug]|/items/abc||" "streaming|/stream||" "cookies()|/cookies|Cookie: token=abc|"
      "JSON transform|/json||" "zod (50 objects)|/zod||" "CPU loop (200k)|/loop||" "force-static HIT|/static||"
      "new URL() query|/search?q=abc||" "POST JSON body|/echo||post.lua" "Date/Intl format|/format||")
# The body post.lua sends, for the warm-up's check.
POST_BODY=$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$HERE/post.lua")
# Only the servers and rows named in BENCH_SERVERS and BENCH_ROWS (a row by its name or path).
listed() { [ -z "$2" ] || [[ ",$2," == *",$1,"* ]]; }
kept=(); for s in "${SERVERS[@]}"; do listed "${s%%|*}" "${BENCH_SERVERS:-}" && kept+=("$s"); done
SERVERS=("${kept[@]}")
kept=(); for r in "${ROWS[@]}"; do
  IFS='|' read -r row path _ <<<"$r"
  if listed "$row" "${BENCH_ROWS:-}" || listed "$path" "${BENCH_ROWS:-}"; then kept+=("$r"); fi
done
ROWS=("${kept[@]}")
[ ${#SERVERS[@]} -gt 0 ] && [ ${#ROWS[@]} -gt 0 ] || { echo "BENCH_SERVERS or BENCH_ROWS left nothing to measure" >&2; exit 1; }
if listed "next start" "${BENCH_SERVERS:-}"; then
  (cd "$APP" && node node_modules/next/dist/bin/next build >/dev/null 2>&1) || { echo "next build failed" >&2; exit 1; }
fi

declare -A PORT START
for s in "${SERVERS[@]}"; do
  name=${s%%|*}; cmd=${s#*|}; port=$(free_port); PORT[$name]=$port
  START[$name]=$(cd "$APP" && PORT=$port python3 "$OLDPWD/tasks/bench/ready.py" --port "$port" --path /plain --runs 3 -- ${cmd//\{port\}/$port})
  (cd "$APP" && PORT=$port exec ${cmd//\{port\}/$port} >/dev/null 2>&1) &
  PIDS+=($!)
done
for s in "${SERVERS[@]}"; do
  name=${s%%|*}
  for _ in $(seq 200); do curl -fs "http://127.0.0.1:${PORT[$name]}/plain" >/dev/null && break; sleep 0.05; done
  for r in "${ROWS[@]}"; do
    IFS='|' read -r _ path header script <<<"$r"
    # Warm-up (JIT engines compile the hot code); also checks that the row answers 200.
    if [ -n "$script" ]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' --data "$POST_BODY" "http://127.0.0.1:${PORT[$name]}$path")
    else
      code=$(curl -s -o /dev/null -w '%{http_code}' ${header:+-H "$header"} "http://127.0.0.1:${PORT[$name]}$path")
    fi
    [ "$code" = 200 ] || { echo "$name: $path answered $code" >&2; exit 1; }
    wrk -t2 -c64 -d1s ${header:+-H "$header"} ${script:+-s "$HERE/$script"} "http://127.0.0.1:${PORT[$name]}$path" >/dev/null
  done
done

RESULTS=$(mktemp)
for round in $(seq "$ROUNDS"); do
  for r in "${ROWS[@]}"; do
    IFS='|' read -r row path header script <<<"$r"
    # Every other round runs the servers in the opposite order, so a drift of the machine's
    # speed within a row does not always favour the same server.
    order=("${SERVERS[@]}")
    if [ $((round % 2)) -eq 0 ]; then
      order=(); for ((k = ${#SERVERS[@]} - 1; k >= 0; k--)); do order+=("${SERVERS[$k]}"); done
    fi
    for s in "${order[@]}"; do
      name=${s%%|*}
      rps=$(wrk -t2 -c64 -d"${D}s" ${header:+-H "$header"} ${script:+-s "$HERE/$script"} "http://127.0.0.1:${PORT[$name]}$path" | awk '/Requests\/sec/ {print $2}')
      printf '%s\t%s\t%s\n' "$row" "$name" "$rps" >>"$RESULTS"
    done
  done
done

rss_of() { python3 tasks/bench/ready.py --rss-of "$1"; }  # MB, the process tree
NAMES=(); i=0
EXTRA=$(mktemp)
for s in "${SERVERS[@]}"; do
  name=${s%%|*}; NAMES+=("$name")
  printf '%s\t%s\t%s\n' "$name" "${START[$name]}" "$(rss_of "${PIDS[$i]}")" >>"$EXTRA"
  i=$((i + 1))
done

echo "ferroute $(git rev-parse --short HEAD) on $(nproc) cores; wrk -t2 -c64 -d${D}s, median of $ROUNDS interleaved rounds, req/s"
python3 - "$RESULTS" "$EXTRA" "${NAMES[@]}" <<'PY'
import statistics, sys
results, extra, names = sys.argv[1], sys.argv[2], sys.argv[3:]
rows, data = [], {}
for line in open(results):
    row, name, rps = line.rstrip("\n").split("\t")
    if row not in rows:
        rows.append(row)
    data.setdefault((row, name), []).append(float(rps or 0))
width = max(12, *(len(n) for n in names))
ours = [n for n in names if n.startswith("ferroute")]
rivals = [n for n in names if n in ("Deno.serve", "Bun.serve")]
# The machine's speed drifts by 10-20% between rounds, and each server's round is measured
# seconds after the others': a ratio taken within each round (best ferroute engine against the
# best of Deno and Bun, measured back to back) drifts far less than a ratio of two medians.
paired = bool(ours and rivals)
head = f"{'':18}" + "".join(f"{n:>{width + 2}}" for n in names)
print(head + ("    best ferroute / best of Deno, Bun: median [lowest-highest] of the rounds, rounds ahead" if paired else ""))
for row in rows:
    line = f"{row:18}" + "".join(f"{statistics.median(data[(row, n)]):>{width + 2}.0f}" for n in names)
    if paired:
        rounds = min(len(data[(row, n)]) for n in ours + rivals)
        ratios = [max(data[(row, n)][i] for n in ours) / max(max(data[(row, n)][i] for n in rivals), 1)
                  for i in range(rounds)]
        ahead = sum(r >= 1 for r in ratios)
        line += f"    {statistics.median(ratios) * 100:4.0f}% [{min(ratios) * 100:.0f}-{max(ratios) * 100:.0f}%], ahead in {ahead} of {rounds}"
    print(line)
starts = {}
for line in open(extra):
    name, start, rss = line.rstrip("\n").split("\t")
    starts[name] = (start, rss)
print(f"{'cold start, ms':18}" + "".join(f"{starts[n][0]:>{width + 2}}" for n in names))
print(f"{'RSS after, MB':18}" + "".join(f"{starts[n][1]:>{width + 2}}" for n in names))
PY
