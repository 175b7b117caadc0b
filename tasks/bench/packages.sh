#!/usr/bin/env bash
# Start-up with real npm packages: ready time (exec to the first 200 of GET /zod) and RSS
# after every route has loaded, for the package-matrix app (tests/fixtures/packages), with
# 1 and 2 workers, beside `next start` (15.5.29, after `next build`) on the same app.
# Usage: tasks/bench/packages.sh            (needs `npm ci --prefix tests/fixtures/packages`)
# Route folders that ferroute cannot load yet are left out of both servers' app, so the two
# load the same code; the script says which.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
FIXTURE=$ROOT/tests/fixtures/packages
PORT="${PORT:-3457}"
[ -d "$FIXTURE/node_modules" ] || { echo "run: npm ci --prefix tests/fixtures/packages" >&2; exit 1; }
cargo build --release --locked -p ferroute_cli >/dev/null
BIN=$ROOT/target/release/ferroute

# A copy of the app with the route folders that load under ferroute.
APP=$(mktemp -d)
trap 'rm -rf "$APP"' EXIT
for f in "$FIXTURE"/*; do
  b=$(basename "$f")
  case $b in app|.next) ;; *) ln -s "$f" "$APP/$b" ;; esac
done
mkdir "$APP/app"
skipped=()
for d in "$FIXTURE"/app/*; do
  name=$(basename "$d")
  probe=$(mktemp -d)
  for f in "$FIXTURE"/*; do b=$(basename "$f"); case $b in app|.next) ;; *) ln -s "$f" "$probe/$b" ;; esac; done
  mkdir "$probe/app" && cp -r "$d" "$probe/app/"
  log=$probe.log
  "$BIN" start "$probe" -p 0 --workers 1 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do
    grep -q "Ready in" "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if grep -q "Ready in" "$log"; then
    cp -r "$d" "$APP/app/"
  else
    skipped+=("$name")
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$probe" "$log"
done
echo "route folders: $(ls "$APP/app" | wc -l) loaded; left out (do not load in ferroute yet): ${skipped[*]:-none}"

# ready_ms_and_rss CMD... : best-of-3 exec→first 200, then RSS (MB) of the process tree.
measure() {
  python3 - "$PORT" "$@" <<'PY'
import os, socket, subprocess, sys, time
port, cmd = int(sys.argv[1]), sys.argv[2:]
def tree(pid):
    out = [pid]
    try:
        for c in open(f"/proc/{pid}/task/{pid}/children").read().split():
            out += tree(int(c))
    except OSError:
        pass
    return out
def rss(pid):
    """VmRSS of the process and its descendants (next start runs a child server), in MB."""
    total = 0
    for p in tree(pid):
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024
best, mem = None, 0
for _ in range(3):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, PORT=str(port)))
    while True:
        if p.poll() is not None:
            print("failed to start"); sys.exit(1)
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=2)
            s.sendall(b"GET /zod HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
            if s.recv(64).startswith(b"HTTP/1.1 200"):
                break
        except OSError:
            time.sleep(0.002)
    ms = (time.perf_counter() - t0) * 1000
    best = ms if best is None else min(best, ms)
    time.sleep(1)
    mem = max(mem, rss(p.pid))
    p.terminate(); p.wait()
print(f"{best:8.0f} ms {mem:8.1f} MB")
PY
}

printf '%-28s %11s %11s\n' server ready RSS
printf '%-28s %s\n' "ferroute --workers 1" "$(measure "$BIN" start "$APP" -p "$PORT" --workers 1)"
printf '%-28s %s\n' "ferroute --workers 2" "$(measure "$BIN" start "$APP" -p "$PORT" --workers 2)"
if command -v node >/dev/null && [ -x "$FIXTURE/node_modules/.bin/next" ]; then
  (cd "$APP" && NEXT_TELEMETRY_DISABLED=1 "$FIXTURE/node_modules/.bin/next" build >/dev/null 2>&1) || { echo "next build failed" >&2; exit 1; }
  printf '%-28s %s\n' "next start (15.5.29)" "$(cd "$APP" && NEXT_TELEMETRY_DISABLED=1 measure "$FIXTURE/node_modules/.bin/next" start -p "$PORT")"
  rm -rf "$APP/.next"
fi
