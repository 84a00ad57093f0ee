#!/usr/bin/env bash
# Fetches the front-end libraries from the npm registry at pinned versions and
# copies the files the pages use into crates/server/static/vendor/, which the
# binary embeds and serves itself: nothing is loaded from a CDN at run time
# (the agencies' networks are closed). Re-run to upgrade; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
out=crates/server/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

packages=(
  "htmx.org@2.0.11:package/dist/htmx.min.js:htmx.min.js"
  "htmx-ext-sse@2.2.4:package/dist/sse.min.js:htmx-sse.min.js"
  "chart.js@4.5.1:package/dist/chart.umd.min.js:chart.umd.min.js"
)

mkdir -p "$out"
: > "$out/VERSIONS"
for spec in "${packages[@]}"; do
  IFS=: read -r pkg src dst <<<"$spec"
  (cd "$work" && npm pack --silent "$pkg" >/dev/null)
  tgz=$(ls "$work"/*.tgz | head -n1)
  mkdir -p "$work/x"
  tar -xzf "$tgz" -C "$work/x"
  cp "$work/x/$src" "$out/$dst"
  printf '%s %s sha256:%s\n' "$pkg" "$dst" "$(sha256sum "$out/$dst" | cut -d' ' -f1)" >> "$out/VERSIONS"
  rm -rf "$work/x" "$tgz"
done
cat "$out/VERSIONS"
