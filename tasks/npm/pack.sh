#!/usr/bin/env bash
# Packs ferroute's npm packages (README "Install"): `ferroute`, the launcher, and
# `@ferroute/<this platform>` with the binary. Without BINARY, builds the release binary first;
# with it, runs no cargo at all.
#
#   tasks/npm/pack.sh [BINARY]    prints the paths of the two tarballs (in target/npm/)
set -euo pipefail
binary=${1:+$(realpath -m "$1")}
cd "$(dirname "$0")/../.."
target=${CARGO_TARGET_DIR:-target}
if [ -z "$binary" ]; then
  cargo build --release --locked -p ferroute_cli >&2
  binary=$(realpath "$target/release/ferroute")
fi
out=$(mkdir -p "$target/npm" && realpath "$target/npm")

node tasks/npm/stage.js "$binary" "$out/stage"
for package in ferroute platform; do
  tarball=$(npm pack --silent --pack-destination "$out" "$out/stage/$package")
  echo "$out/$tarball"
done
