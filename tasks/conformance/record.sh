#!/usr/bin/env bash
# Record golden responses from the real Next.js (see README.md).
#
#   tasks/conformance/record.sh [--suite NAME] [--only ID-PREFIX] [--verbose]
#
# From a clean clone: installs the pinned next@15.5.29 (npm ci, checked-in
# lockfile), then for each suite copies the fixture to a temp dir, starts the
# upstream server, runs `next build` and `next start`, replays the cases and
# writes tasks/conformance/goldens/<suite>.json. Needs Node >= 18.18 and npm.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "record.sh needs node and npm (recording only; the runner does not)" >&2
  exit 1
fi

cd "$here/next"
# Reinstall only when the lockfile changed since the last `npm ci`.
if [ ! -x node_modules/.bin/next ] || ! cmp -s package-lock.json node_modules/.conformance-lock; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.conformance-lock
fi
version="$(node -p "require('next/package.json').version")"
if [ "$version" != "15.5.29" ]; then
  echo "expected next 15.5.29, found $version" >&2
  exit 1
fi

cd "$repo"
cargo build --quiet -p ferroute_conformance
# Bound the whole recording (each build takes about a minute on 2 cores).
exec timeout 1800 "$repo/target/debug/ferroute_conformance" record --next-dir "$here/next" "$@"
