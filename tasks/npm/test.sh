#!/usr/bin/env bash
# End-to-end test of the npm packages (README "Install"): packs them around BINARY
# (tasks/npm/pack.sh, no cargo), installs the two tarballs into a fresh app with npm offline,
# and runs ferroute through the launcher as a Next.js project would. Linux (setsid, ps).
#
#   tasks/npm/test.sh [BINARY]    BINARY defaults to target/debug/ferroute
#
# The last line is `npm package: ok`, or `npm package: FAILED: …` with a non-zero exit.
set -euo pipefail
binary=${1:+$(realpath -m "$1")}
cd "$(dirname "$0")/../.."
binary=${binary:-${CARGO_TARGET_DIR:-target}/debug/ferroute}

fail() {
  [ $# -lt 2 ] || { echo "--- $2"; cat "$2"; } >&2
  echo "npm package: FAILED: $1" >&2
  exit 1
}
[ -x "$binary" ] || fail "no binary at $binary: build it (cargo build --locked -p ferroute_cli) or pass its path"
binary=$(realpath "$binary")
version=$("$binary" --version)

work=$(mktemp -d)
groups=()
cleanup() {
  # A server left by a failed check: its launcher forwards the signal to the binary.
  for group in "${groups[@]}"; do kill -TERM -- "-$group" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
ok() { echo "ok: $*"; }
free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}
# Prints the body of GET $1 once the server answers (10 s at most).
get() {
  for _ in $(seq 50); do
    curl -fsS "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}
# Waits for background process $1 to end (10 s at most); its exit status goes in $status.
# (Quiet: bash reports a job killed by a signal, which the last check does on purpose.)
await_exit() {
  for _ in $(seq 50); do
    case $(ps -o stat= -p "$1") in
      Z* | '') status=0; wait "$1" || status=$?; return 0 ;;
    esac
    sleep 0.2
  done
  return 1
} 2>/dev/null
# Starts `$@` in a process group of its own, as a shell starts a job; its pid goes in $pid.
start() {
  local log=$1
  shift
  setsid "$@" </dev/null >"$log" 2>&1 &
  pid=$!
  groups+=("$pid")
}
serves_hello() {
  [ "$(get "http://127.0.0.1:$1/api/hello")" = '{"hello":"world"}' ]
}
# Whether ferroute stopped once, gracefully: waits for its last line in log $1 (10 s at most).
stopped_gracefully() {
  for _ in $(seq 50); do
    ! grep -q 'again: exiting now' "$1" || return 1
    ! grep -q 'Stopped: every request finished' "$1" || return 0
    sleep 0.2
  done
  return 1
}

packed=$(tasks/npm/pack.sh "$binary")
mapfile -t tarballs <<<"$packed"
[ "${#tarballs[@]}" -eq 2 ] || fail "pack.sh printed ${#tarballs[@]} tarballs: $packed"
platform=@ferroute/$(basename "${tarballs[1]}" "-${version#ferroute }.tgz" | sed 's/^ferroute-//')
ok "packed $(basename "${tarballs[0]}") and $(basename "${tarballs[1]}")"

# npm may use the two tarballs and nothing else: an empty cache, and no network.
export npm_config_cache=$work/npm-cache npm_config_offline=true npm_config_update_notifier=false
app=$work/app
mkdir -p "$app/app/api/hello"
cat >"$app/package.json" <<'EOF'
{ "name": "npm-package-test", "private": true, "scripts": { "start": "ferroute start" } }
EOF
cat >"$app/app/api/hello/route.ts" <<'EOF'
export function GET() {
  return Response.json({ hello: 'world' });
}
EOF
cd "$app"
npm install --no-audit --no-fund --save-dev "${tarballs[@]}" >"$work/install.log" 2>&1 ||
  fail "npm install of the two tarballs" "$work/install.log"
ok "npm install --save-dev of both tarballs (offline)"

[ "$(npx ferroute --version)" = "$version" ] || fail "npx ferroute --version is not \"$version\""
ok "npx ferroute --version: $version"

# npm hands a SIGTERM to the `sh -c` running the script, which dies of it: the launcher sees
# its parent go and stops the binary.
port=$(free_port)
start "$work/start.log" npm start -- -p "$port"
serves_hello "$port" || fail "npm start -- -p $port does not serve /api/hello" "$work/start.log"
ok "npm start -- -p $port serves GET /api/hello"
kill -TERM "$pid"
await_exit "$pid" || fail "npm start still running 10 s after SIGTERM" "$work/start.log"
stopped_gracefully "$work/start.log" || fail "no graceful stop after SIGTERM to npm start" "$work/start.log"
! curl -s "http://127.0.0.1:$port/" >/dev/null || fail "port $port still served after npm start ended" "$work/start.log"
ok "SIGTERM to npm start: ferroute stopped gracefully, npm exited $status"

# A signal sent to the whole job (Ctrl-C, `kill %1`) reaches ferroute once, through the launcher.
port=$(free_port)
start "$work/npx.log" npx ferroute start -p "$port"
serves_hello "$port" || fail "npx ferroute start -p $port does not serve /api/hello" "$work/npx.log"
kill -TERM -- "-$pid"
await_exit "$pid" || fail "npx ferroute start still running 10 s after SIGTERM" "$work/npx.log"
stopped_gracefully "$work/npx.log" || fail "no single graceful stop after SIGTERM to the group" "$work/npx.log"
ok "SIGTERM to npx ferroute start's process group: one graceful stop (npx exited $status, as npm does)"

# The launcher ends as the binary did: here killed by SIGKILL, so 128 + 9 for a shell.
port=$(free_port)
start "$work/kill.log" env -u npm_lifecycle_event node_modules/.bin/ferroute start -p "$port"
serves_hello "$port" || fail "node_modules/.bin/ferroute start does not serve" "$work/kill.log"
kill -KILL "$(ps -o pid= --ppid "$pid" | tr -d " ")"
await_exit "$pid" || fail "the launcher outlived its binary" "$work/kill.log"
[ "$status" -eq 137 ] || fail "launcher exited $status when its binary was killed by SIGKILL, not 137"
ok "binary killed by SIGKILL: the launcher's exit status is 137"

status=0
npx ferroute start /nonexistent >"$work/missing-dir.log" 2>&1 || status=$?
[ "$status" -eq 1 ] && grep -q 'no app directory in /nonexistent' "$work/missing-dir.log" ||
  fail "npx ferroute start /nonexistent: exit $status" "$work/missing-dir.log"
ok "npx ferroute start /nonexistent: exit 1 with ferroute's diagnostic"

# Without the platform package (left out by --omit=optional), the launcher says what to do.
mkdir "$work/bare" && cd "$work/bare" && echo '{ "name": "bare", "private": true }' >package.json
npm install --no-audit --no-fund --omit=optional "${tarballs[0]}" >"$work/install.log" 2>&1 ||
  fail "npm install --omit=optional of the launcher's tarball" "$work/install.log"
[ ! -e "node_modules/$platform" ] || fail "--omit=optional installed $platform"
status=0
npx ferroute --version >"$work/bare.log" 2>&1 || status=$?
[ "$status" -eq 1 ] && grep -q "the package $platform is not installed" "$work/bare.log" &&
  grep -q 'cargo install --path crates/ferroute_cli --locked' "$work/bare.log" ||
  fail "npx ferroute without $platform: exit $status" "$work/bare.log"
ok "without $platform: exit 1, naming the package and cargo install"
[ "$(FERROUTE_BINARY=$binary npx ferroute --version)" = "$version" ] ||
  fail "FERROUTE_BINARY=$binary npx ferroute --version"
ok "FERROUTE_BINARY runs the given binary"

echo "npm package: ok"
