#!/usr/bin/env bash
# Dependency audit with cargo-deny (deny.toml): licences, bans and sources are
# checked offline and must pass. Advisories need the RustSec database from
# GitHub: checked when it can be fetched, otherwise reported as NOT checked.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v cargo-deny >/dev/null || { echo "cargo-deny is not installed (cargo install cargo-deny --locked)"; exit 1; }
cargo deny --version
# cargo-deny reads `cargo metadata` for every platform, so crates a host build
# never downloads (wasm, android) must be in the registry cache first.
cargo fetch --locked || exit 1
cargo deny --offline check licenses bans sources || exit 1
echo "licences, bans, sources: ok"
if timeout 180 cargo deny check advisories; then
  echo "advisories: ok (RustSec database fetched)"
else
  rc=$?
  if timeout 20 git ls-remote https://github.com/rustsec/advisory-db >/dev/null 2>&1; then
    echo "advisories: FAILED (the database was reachable; see above)"
    exit $rc
  fi
  echo "advisories: NOT CHECKED — the RustSec database (github.com/rustsec/advisory-db) cannot be fetched from this machine"
fi
