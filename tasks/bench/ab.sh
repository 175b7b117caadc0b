#!/usr/bin/env bash
# A/B of two ferroute binaries on the example app: interleaved wrk rounds on the plain GET and
# the seed's cookies() example, printing each round and the median ratio new/base (steadier
# than one run each when the machine's speed drifts).
# Usage: tasks/bench/ab.sh BASE_BIN NEW_BIN [rounds] [seconds]   (needs wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE="$1"; NEW="$2"; ROUNDS="${3:-6}"; D="${4:-3}"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
APP=examples/route-handlers
"$BASE" start "$APP" -p 3461 -H 127.0.0.1 >/dev/null 2>&1 & P1=$!
"$NEW" start "$APP" -p 3462 -H 127.0.0.1 >/dev/null 2>&1 & P2=$!
trap 'kill $P1 $P2 2>/dev/null || true' EXIT
for port in 3461 3462; do
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/hello" >/dev/null && break; sleep 0.05; done
  wrk -t2 -c64 -d2s "http://127.0.0.1:$port/api/hello" >/dev/null
done
rps() { wrk -t2 -c64 -d"${D}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
echo "round  base-hello  new-hello  base-cookies  new-cookies"
ratios=()
for r in $(seq "$ROUNDS"); do
  bh=$(rps "http://127.0.0.1:3461/api/hello"); nh=$(rps "http://127.0.0.1:3462/api/hello")
  bc=$(rps -H 'Cookie: token=abc' "http://127.0.0.1:3461/ts/cookies"); nc=$(rps -H 'Cookie: token=abc' "http://127.0.0.1:3462/ts/cookies")
  echo "$r      $bh    $nh    $bc    $nc"
  ratios+=("$(awk -v a="$bh" -v b="$nh" 'BEGIN {printf "%.3f", b/a}')" "$(awk -v a="$bc" -v b="$nc" 'BEGIN {printf "%.3f", b/a}')")
done
echo "RSS base $(awk '/VmRSS/ {print $2}' /proc/$P1/status) kB, new $(awk '/VmRSS/ {print $2}' /proc/$P2/status) kB"
printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print "median new/base:", a[int((NR+1)/2)]}'
