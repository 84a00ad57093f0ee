#!/usr/bin/env bash
# The planner's tests with the optional HiGHS engine (cargo feature `highs`).
# Installs cmake and libclang-dev when they are missing (highs-sys builds HiGHS
# from source and generates its bindings), then runs the tests, bounded.
# Usage: scripts/highs.sh [SECONDS]   (default 600)
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT="${1:-600}"
need=()
command -v cmake >/dev/null || need+=(cmake)
compgen -G '/usr/lib/llvm-*/lib/libclang.so*' >/dev/null || need+=(libclang-dev)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
timeout "$LIMIT" cargo test -p opcentrum-planner --features highs --locked
