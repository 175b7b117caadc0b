#!/usr/bin/env bash
# Runs every cargo-fuzz target in turn (libFuzzer, needs a nightly toolchain and
# `cargo install cargo-fuzz`), keeps what each one finds in fuzz/corpus/<target>/ (then
# minimised: the named seeds stay, plus the inputs that reach code they do not), and prints
# target / runs / crashes / corpus size.
# Usage: tasks/fuzz/run.sh [seconds-per-target] [target...]   (default: 60 s, every target)
# CMIN=0 keeps the corpus unminimised; CARGO_TARGET_DIR is honoured. See docs/fuzzing.md.
set -uo pipefail
cd "$(dirname "$0")/../../fuzz"
SECONDS_PER_TARGET="${1:-60}"
shift || true
TOOLCHAIN="${FUZZ_TOOLCHAIN:-nightly}"
FUZZ=(cargo "+$TOOLCHAIN" fuzz)
TARGET_DIR=()
[ -n "${CARGO_TARGET_DIR:-}" ] && TARGET_DIR=(--target-dir "$CARGO_TARGET_DIR")
BIN_DIR="${CARGO_TARGET_DIR:-$PWD/target}/$(rustc -vV | sed -n 's/^host: //p')/release"
# Inputs stay small (as the replay in tests/it/fuzz.rs cuts them); 20 s is a hang.
LIBFUZZER=(-max_len=4096 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1)

"${FUZZ[@]}" --version >/dev/null 2>&1 || {
  echo "cargo-fuzz is not installed: cargo install cargo-fuzz (and rustup toolchain install nightly)" >&2
  exit 1
}
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <("${FUZZ[@]}" list)
fi
"${FUZZ[@]}" build "${TARGET_DIR[@]}" || exit 1

logs="$(mktemp -d)"
rows=()
failed=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  before=$(find "artifacts/$t" -type f | wc -l)
  echo "== $t (${SECONDS_PER_TARGET}s)" >&2
  extra=()
  # One engine lives for the whole run and is never freed, as in the server: no leak check.
  [ "$t" = multipart ] && extra=(-detect_leaks=0)
  "${FUZZ[@]}" run "${TARGET_DIR[@]}" "$t" -- -max_total_time="$SECONDS_PER_TARGET" "${LIBFUZZER[@]}" \
    "${extra[@]}" >"$logs/$t.log" 2>&1
  runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$logs/$t.log" | tail -1)
  crashes=$(( $(find "artifacts/$t" -type f | wc -l) - before ))
  if [ "$crashes" -gt 0 ]; then
    failed=1
    echo "   $t found something: $(grep -a -m1 -E 'panicked|ERROR: libFuzzer|SUMMARY' "$logs/$t.log")" >&2
    echo "   log: $logs/$t.log, inputs: fuzz/artifacts/$t/" >&2
  fi
  if [ "${CMIN:-1}" = 1 ]; then
    # Like `cargo fuzz cmin`, but the hand-written seeds (any name but a SHA-1) stay as they
    # are, and only new edges count (not hit counts), which keeps the corpus a few hundred
    # files.
    min="$(mktemp -d)"
    for f in "corpus/$t"/*; do
      [[ "${f##*/}" =~ ^[0-9a-f]{40}$ ]] || cp "$f" "$min/"
    done
    if "$BIN_DIR/$t" -merge=1 -use_counters=0 -max_len=4096 -timeout=20 "${extra[@]}" \
      "$min" "corpus/$t" >>"$logs/$t.log" 2>&1; then
      rm -rf "corpus/$t" && mv "$min" "corpus/$t"
    else
      echo "   minimising $t failed (see $logs/$t.log)" >&2
      rm -rf "$min"
    fi
  fi
  files=$(find "corpus/$t" -type f | wc -l)
  size=$(du -sk "corpus/$t" | cut -f1)
  rows+=("$(printf '%-14s %12s %8s %8s files %6s KB' "$t" "${runs:-?}" "$crashes" "$files" "$size")")
done

printf '\n%-14s %12s %8s %20s\n' target runs crashes corpus
printf '%s\n' "${rows[@]}"
echo "logs: $logs"
exit "$failed"
