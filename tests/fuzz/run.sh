#!/usr/bin/env bash
# API fuzzing with schemathesis (from PyPI) against the served OpenAPI document: the
# real server on a SQLite file with the demo offices, an admin's bearer token so the
# managers' and staff's operations are reached too. Checks: no 5xx, and every response
# (status, content type, headers, body) as documented. Loopback only.
#
# FUZZ_PG_URL=postgres://postgres@127.0.0.1:5432 runs it on a fresh PostgreSQL database
# instead (created here, dropped at the end).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/sportello"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-fuzz.XXXXXX")"
PID=""
DB=""
cleanup() {
    [[ -n "$PID" ]] && kill "$PID" 2>/dev/null || true
    if [[ -n "$DB" ]]; then
        sleep 0.5
        psql "${FUZZ_PG_URL%/}/postgres" -Xqc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
ST="$(command -v st || true)"
if [[ -z "$ST" ]]; then
    # A venv of its own: Debian's Python refuses system-wide pip installs (PEP 668).
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis==4.32.5'
    ST="$WORK/venv/bin/st"
fi
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
DB_URL="sqlite://$WORK/fuzz.db?mode=rwc"
if [[ -n "${FUZZ_PG_URL:-}" ]]; then
    case "$FUZZ_PG_URL" in
    postgres://*@127.0.0.1:* | postgresql://*@127.0.0.1:*) ;;
    *) echo "FUZZ_PG_URL must point at 127.0.0.1" >&2; exit 1 ;;
    esac
    DB="sportello_fuzz_$$"
    psql "${FUZZ_PG_URL%/}/postgres" -Xqc "CREATE DATABASE $DB"
    DB_URL="${FUZZ_PG_URL%/}/$DB"
fi
export SPORTELLO_DATABASE_URL="$DB_URL" SPORTELLO_BIND="127.0.0.1:$PORT" \
       SPORTELLO_DEMO=on SPORTELLO_RATE_LIMIT=off SPORTELLO_BACKGROUND_JOBS=off \
       SPORTELLO_MAIL_DIR="$WORK/mail" RUST_LOG=warn
cd "$WORK"
printf 'fuzz-admin-password\n' | "$BIN" user create --email fuzz@example.org --role admin >/dev/null
"$BIN" serve >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
if ! kill -0 "$PID" 2>/dev/null || ! curl -fsS "$BASE/readyz" >/dev/null 2>&1; then
    echo "the server did not start:" >&2
    cat "$WORK/server.log" >&2
    exit 1
fi
TOKEN="$(curl -fsS -X POST "$BASE/api/v1/auth/tokens" -H 'content-type: application/json' \
    -d '{"email":"fuzz@example.org","password":"fuzz-admin-password"}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
# The token's own revocation is left out: it would log the fuzzer out half-way.
"$ST" run "$BASE/api/openapi.json" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --max-examples "${FUZZ_EXAMPLES:-30}" --workers 2 --seed "${FUZZ_SEED:-20261126}" \
    -H "Authorization: Bearer $TOKEN" --exclude-operation-id revoke_token
