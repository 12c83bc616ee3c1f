#!/usr/bin/env bash
# Check-in benchmark (issue 5): 10,000 bookings on a fresh office, then 32 scanners check
# every code in once, on SQLite and on PostgreSQL. Loopback only, bounded in time. The
# background jobs are off, so the 10,000 confirmation emails do not compete for the CPU.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-checkin.XXXXXX")"
PIDS=()
DBS=()
log() { printf '[checkin-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for d in "${DBS[@]}"; do psql "$PG_URL/postgres" -Xqc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json() { python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], "n/a"))' "$1" "$2"; }

if [[ "${BENCH_BUILD:-1}" == 1 ]]; then
    log "building release binaries"
    cargo build --release -p sportello --bin sportello -p loadgen --bins >&2
fi

run() { # NAME DB_URL -> JSON line
    local name="$1" db="$2" port
    port="$(free_port)"
    mkdir -p "$WORK/$name"
    local -a env=(SPORTELLO_DATABASE_URL="$db" SPORTELLO_BIND="127.0.0.1:$port" SPORTELLO_DEMO=off
                  SPORTELLO_RATE_LIMIT=off SPORTELLO_MAIL_DIR="$WORK/$name/outbox" SPORTELLO_SMTP_URL=
                  SPORTELLO_CHECKIN_EARLY_MINUTES=200000 SPORTELLO_BACKGROUND_JOBS=off RUST_LOG=warn)
    printf 'benchpassword\n' | (cd "$WORK/$name" && env "${env[@]}" "$BIN/sportello" user create --email bench@example.org --role admin) >/dev/null
    (cd "$WORK/$name" && exec env "${env[@]}" "$BIN/sportello" serve) >"$WORK/$name/server.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
    log "$name: booking 10,000 places, then 32 scanners"
    timeout 300 "$BIN/loadgen" --base-url "http://127.0.0.1:$port" --email bench@example.org \
        --password benchpassword --mode checkin --clients 32 --seconds 30 --json | tail -n 1
}

SQLITE="$(run sqlite "sqlite://$WORK/checkin.db?mode=rwc")"
log "sqlite: $SQLITE"
DB="sportello_checkin_$$"
psql "$PG_URL/postgres" -Xqc "CREATE DATABASE $DB" >/dev/null
DBS+=("$DB")
PG="$(run postgres "$PG_URL/$DB")"
log "postgres: $PG"

echo "## Sportello check-in benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo
echo "| backend | codes | check-ins/s | p50 ms | p99 ms | statuses |"
echo "| --- | ---: | ---: | ---: | ---: | --- |"
for pair in "sqlite|$SQLITE" "postgres|$PG"; do
    name="${pair%%|*}"; j="${pair#*|}"
    echo "| $name | $(json "$j" codes) | $(json "$j" checkins_per_s) | $(json "$j" p50_ms) | $(json "$j" p99_ms) | $(json "$j" status_counts) |"
done
