#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a bounded time (default 30 s each).
# Only a stable toolchain is installed: RUSTC_BOOTSTRAP=1 lets cargo fuzz pass
# its -Z flags to it. A crash fails the run; its input is left in
# fuzz/artifacts/TARGET/ — copy it to fuzz/regressions/TARGET/ so the
# regression test (crates/cli/tests/fuzz_regressions.rs) replays it forever.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
SECONDS_EACH="${1:-30}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(import_csv import_jsonl scenario api_bodies)
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$PWD/target}"
# Safe Rust: no AddressSanitizer needed (it would also need a nightly std).
cargo fuzz build --sanitizer none 2>&1 | tail -3
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "--- fuzz $t for ${SECONDS_EACH}s"
  cargo fuzz run --sanitizer none "$t" "corpus/$t" -- \
    -max_total_time="$SECONDS_EACH" -max_len=8192 -timeout=10 -print_final_stats=1 2>&1 \
    | grep -E 'stat::number_of_executed_units|stat::new_units_added|Done|SUMMARY|panicked|ERROR|Test unit written' || true
  if [ -n "$(ls -A "artifacts/$t" 2>/dev/null)" ]; then
    echo "fuzz $t: CRASH — inputs in fuzz/artifacts/$t"
    exit 1
  fi
  echo "fuzz $t: no crash"
done
