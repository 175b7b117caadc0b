#!/usr/bin/env bash
# Reliability run (opt-in, not part of .ci/run): the hostile-client probes against the
# release binary, then a mixed-traffic soak printing requests, errors, p99 and RSS.
# Usage: tasks/reliability/run.sh [soak-seconds]   (default 600; 0 skips the soak; needs wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
SOAK="${1:-600}"
PORT="${PORT:-3477}"
APP=tests/fixtures/reliability
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
cargo build --release --locked -p ferroute_cli >/dev/null
BIN=target/release/ferroute

status=0
[ "${SKIP_PROBES:-}" = 1 ] || PORT=$PORT python3 tasks/reliability/probes.py "$BIN" || status=1
[ "$SOAK" = 0 ] && exit $status
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }

echo
echo "soak: ${SOAK}s, -c64 mixed (JSON, POST bodies, streams, 404s; disconnects, loops and throws at a low rate)"
"$BIN" start "$APP" -p "$PORT" -H 127.0.0.1 --max-sync-ms 200 >/tmp/ferroute-soak.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$PORT/hello" >/dev/null; do sleep 0.1; done
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$SERVER/status"; }
RSS0=$(rss)
cat >/tmp/ferroute-soak-post.lua <<'LUA'
wrk.method = "POST"
wrk.body = string.rep("x", 4096)
wrk.headers["Content-Type"] = "text/plain"
LUA
U="http://127.0.0.1:$PORT"
LOAD=()
wrk -t1 -c40 -d"${SOAK}s" --latency "$U/hello" >/tmp/soak-json.txt & LOAD+=($!)
wrk -t1 -c12 -d"${SOAK}s" -s /tmp/ferroute-soak-post.lua "$U/echo" >/tmp/soak-post.txt & LOAD+=($!)
wrk -t1 -c8 -d"${SOAK}s" "$U/stream?ms=5" >/tmp/soak-stream.txt & LOAD+=($!)
wrk -t1 -c4 -d"${SOAK}s" "$U/nope" >/tmp/soak-404.txt & LOAD+=($!)
# The deliberate failures, one of each every 2 s: a client that disconnects mid-request, a
# throwing handler, a looping one (cut after --max-sync-ms).
python3 - "$PORT" "$SOAK" >/tmp/soak-bad.txt <<'PY' &
import socket, sys, time
port, secs = int(sys.argv[1]), int(sys.argv[2])
end = time.time() + secs
n = 0
while time.time() < end:
    for path in ("/never", "/throw", "/spin"):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        if path == "/never":
            time.sleep(0.05)
        else:
            s.recv(64)
        s.close()
        n += 1
    time.sleep(2)
print(n)
PY
LOAD+=($!)
MAX=$RSS0
for _ in $(seq 1 "$SOAK"); do
  sleep 1
  r=$(rss)
  if [ "$r" -gt "$MAX" ]; then MAX=$r; fi
done
wait "${LOAD[@]}" || true
sleep 2
RSS1=$(rss)
python3 - "$RSS0" "$RSS1" "$MAX" /tmp/soak-*.txt <<'PY'
import re, sys
rss0, rss1, mx = map(int, sys.argv[1:4])
total = errors = 0
p99 = "?"
for f in sys.argv[4:]:
    t = open(f).read()
    if f.endswith("bad.txt"):
        print(f"  deliberate failures sent: {t.strip()}")
        continue
    m = re.search(r"(\d+) requests in", t)
    n = int(m.group(1)) if m else 0
    total += n
    non2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", t) or [0, 0])[1])
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)
    sock_errors = sum(map(int, sock.groups())) if sock else 0
    expected_non2xx = n if f.endswith("404.txt") else 0
    errors += sock_errors + (non2xx - expected_non2xx)
    if f.endswith("json.txt"):
        m = re.search(r"99%\s+(\S+)", t)
        p99 = m.group(1) if m else "?"
    print(f"  {f.split('soak-')[1][:-4]:6} {n:>10} requests, non-2xx {non2xx}, socket errors {sock_errors}")
drift = (rss1 - rss0) / rss0 * 100
print(f"\n| requests | errors | p99 (JSON) | RSS start | RSS end | RSS max | drift |")
print(f"| {total} | {errors} | {p99} | {rss0} MB | {rss1} MB | {mx} MB | {drift:+.1f}% |")
sys.exit(0 if errors == 0 and abs(drift) <= 10 else 1)
PY
[ $? = 0 ] || status=1
exit $status
