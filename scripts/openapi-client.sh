#!/usr/bin/env bash
# The OpenAPI document as an integrator meets it: a standard validator
# (openapi-spec-validator) accepts it, a client generated from it
# (openapi-python-client) builds, and that client registers a case on a demo
# server and reads it back.
# Usage: scripts/openapi-client.sh [BINARY]   (installs both tools with pip)
set -euo pipefail
BIN="${1:-target/debug/opcentrum}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
python3 -m pip install --quiet openapi-spec-validator openapi-python-client
env -u OPCENTRUM_AUDIT_KEY -u OPCENTRUM_AUDIT_KEY_FILE \
  "$BIN" serve --demo --demo-cases 50 --database-url "$WORK/demo.sqlite" --bind 127.0.0.1:0 \
  >"$WORK/users.txt" 2>"$WORK/serve.log" &
PID=$!
for _ in $(seq 1 300); do
  grep -q 'on http://' "$WORK/serve.log" && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/serve.log"; exit 1; }
  sleep 0.5
done
BASE="$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.log" | head -1)"
[ -n "$BASE" ] || { cat "$WORK/serve.log"; exit 1; }
curl -fsS "$BASE/api/openapi.json" -o "$WORK/openapi.json"

echo "openapi-spec-validator:"
python3 -m openapi_spec_validator "$WORK/openapi.json"

echo "openapi-python-client generate:"
(cd "$WORK" && openapi-python-client generate --path openapi.json --output-path client --meta none >/dev/null)
TOKEN="$(awk '$1=="mv.case-officer"{print $5}' "$WORK/users.txt")"
[ -n "$TOKEN" ] || { echo "no mv.case-officer token in:"; cat "$WORK/users.txt"; exit 1; }
PYTHONPATH="$WORK" BASE="$BASE" TOKEN="$TOKEN" python3 "$ROOT/scripts/openapi_client_register.py"
