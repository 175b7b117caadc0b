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
  python3 "$ROOT/tasks/bench/ready.py" --port "$PORT" --path /zod --runs 3 --rss -- "$@" |
    awk '{ printf "%8.0f ms %8.1f MB", $1, $2 }'
}

printf '%-28s %11s %11s\n' server ready RSS
printf '%-28s %s\n' "ferroute --workers 1" "$(measure "$BIN" start "$APP" -p "$PORT" --workers 1)"
printf '%-28s %s\n' "ferroute --workers 2" "$(measure "$BIN" start "$APP" -p "$PORT" --workers 2)"
if command -v node >/dev/null && [ -x "$FIXTURE/node_modules/.bin/next" ]; then
  (cd "$APP" && NEXT_TELEMETRY_DISABLED=1 "$FIXTURE/node_modules/.bin/next" build >/dev/null 2>&1) || { echo "next build failed" >&2; exit 1; }
  printf '%-28s %s\n' "next start (15.5.29)" "$(cd "$APP" && NEXT_TELEMETRY_DISABLED=1 measure "$FIXTURE/node_modules/.bin/next" start -p "$PORT")"
  rm -rf "$APP/.next"
fi
