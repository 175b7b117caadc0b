#!/usr/bin/env bash
# Save-to-served time of `ferroute dev` (issue 11): a generated app of 50 routes, one route
# file rewritten per round; the time from the write to the first response carrying the new
# text, polled on fresh connections. Prints each round and the median.
# Usage: tasks/bench/dev_reload.sh [rounds] [routes]
#   FERROUTE_BIN=target/debug/ferroute uses that binary instead of building a release one.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-15}"; ROUTES="${2:-50}"
if [ -z "${FERROUTE_BIN:-}" ]; then
  cargo build --release --locked -p ferroute_cli >/dev/null
  FERROUTE_BIN="${CARGO_TARGET_DIR:-target}/release/ferroute"
fi
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
APP=$(mktemp -d)
trap 'kill ${PID:-} 2>/dev/null || true; rm -rf "$APP"' EXIT
mkdir -p "$APP/app" "$APP/lib"
cat > "$APP/lib/format.ts" <<'TS'
export function format(name: string, n: number): string {
  return `${name}:${n}`;
}
TS
for i in $(seq 0 $((ROUTES - 1))); do
  mkdir -p "$APP/app/r$i/[id]"
  cat > "$APP/app/r$i/[id]/route.ts" <<TS
import { NextResponse, type NextRequest } from 'next/server';
import { format } from '../../../lib/format';

export async function GET(_req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  return NextResponse.json({ route: 'r$i', id, text: format('v', 0) });
}
TS
done
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$FERROUTE_BIN" dev "$APP" -p "$PORT" -H 127.0.0.1 >"$APP/.out" 2>&1 & PID=$!
python3 - "$APP" "$PORT" "$ROUNDS" "$ROUTES" "$PID" <<'PY'
import http.client, os, statistics, sys, time
app, port, rounds, routes, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def rss_mib():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

def get(path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read().decode()
    finally:
        c.close()

deadline = time.time() + 60
while True:
    try:
        if get("/r0/x")[0] == 200:
            break
    except OSError:
        pass
    if time.time() > deadline:
        sys.exit("the server did not answer within 60 s:\n" + open(os.path.join(app, ".out")).read())
    time.sleep(0.05)

rss0 = rss_mib()
template = open(os.path.join(app, "app/r0/[id]/route.ts")).read()
times = []
for n in range(1, rounds + 1):
    i = (n * 7) % routes
    path = os.path.join(app, f"app/r{i}/[id]/route.ts")
    marker = f"round-{n}"
    src = template.replace("'r0'", f"'r{i}'").replace("format('v', 0)", f"format('{marker}', {n})")
    t0 = time.perf_counter()
    with open(path, "w") as f:
        f.write(src)
    while True:
        status, body = get(f"/r{i}/x")
        if marker in body:
            break
        if time.perf_counter() - t0 > 10:
            sys.exit(f"round {n}: change not served after 10 s (last: {status} {body[:200]})")
    ms = (time.perf_counter() - t0) * 1000
    times.append(ms)
    print(f"round {n:2}  app/r{i}/[id]/route.ts  {ms:6.1f} ms")
    time.sleep(0.3)
times.sort()
reloads = sorted(int(l.split("Reloaded in ")[1].split("ms")[0])
                 for l in open(os.path.join(app, ".out")) if "Reloaded in " in l)
if reloads:
    print(f"server side (change seen -> new engine serving): median {statistics.median(reloads)} ms, "
          f"min {reloads[0]}, max {reloads[-1]} over {len(reloads)} reloads")
print(f"resident memory: {rss0:.0f} MiB before the rounds, {rss_mib():.0f} MiB after")
print(f"save-to-served over {rounds} rounds, {routes} routes: median {statistics.median(times):.1f} ms, "
      f"min {times[0]:.1f}, max {times[-1]:.1f}, p90 {times[int(0.9 * (len(times) - 1))]:.1f}")
PY
