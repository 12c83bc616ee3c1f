#!/usr/bin/env bash
# Statistics benchmark (issue 7): an office with a year of bookings (examples/stats_fixture.rs:
# six counters, every 20-minute slot of every open day of the last 365 booked, about 60,000
# bookings), then the statistics for that year by day and by week, as JSON, as CSV and as
# the managers' page with its two SVG charts. Timed end to end with curl, 10 times each, on
# SQLite and on PostgreSQL. Loopback only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-stats.XXXXXX")"
PIDS=()
DBS=()
log() { printf '[stats-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for d in "${DBS[@]}"; do psql "$PG_URL/postgres" -Xqc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [[ "${BENCH_BUILD:-1}" == 1 ]]; then
    log "building release binaries"
    cargo build --release -p sportello --bin sportello --example stats_fixture >&2
fi

timed() { # NAME LABEL URL [curl args…]
    local name="$1" label="$2" url="$3"; shift 3
    : >"$WORK/$name/t"
    for _ in $(seq 1 10); do
        curl -fsS -o "$WORK/$name/out" -w '%{time_total}\n' "$@" "$url" >>"$WORK/$name/t"
    done
    python3 - "$name" "$label" "$WORK/$name/t" "$(wc -c <"$WORK/$name/out")" <<'PY'
import sys
name, label, times, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
t = sorted(float(x) * 1000 for x in open(times))
print(f"| {name} | {label} | {size // 1024} KiB | {t[len(t)//2]:.0f} | {t[-1]:.0f} |")
PY
}

run() { # NAME DB_URL
    local name="$1" db="$2" port base token office
    port="$(free_port)"
    base="http://127.0.0.1:$port"
    mkdir -p "$WORK/$name"
    log "$name: writing a year of bookings"
    office="$("$BIN/examples/stats_fixture" "$db")"
    local -a env=(SPORTELLO_DATABASE_URL="$db" SPORTELLO_BIND="127.0.0.1:$port" SPORTELLO_DEMO=off
                  SPORTELLO_RATE_LIMIT=off SPORTELLO_BACKGROUND_JOBS=off RUST_LOG=warn)
    printf 'benchpassword\n' | (cd "$WORK/$name" && env "${env[@]}" "$BIN/sportello" user create --email bench@example.org --role admin) >/dev/null
    (cd "$WORK/$name" && exec env "${env[@]}" "$BIN/sportello" serve) >"$WORK/$name/server.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 100); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
    token="$(curl -fsS -X POST "$base/api/v1/auth/tokens" -H 'content-type: application/json' \
        -d '{"email":"bench@example.org","password":"benchpassword"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
    local from to q
    from="$(date -u -d '-365 days' +%Y-%m-%d)"
    to="$(date -u -d '-1 days' +%Y-%m-%d)"
    q="from=$from&to=$to"
    timed "$name" "JSON by day" "$base/api/v1/offices/$office/statistics?$q" -H "authorization: Bearer $token"
    timed "$name" "JSON by week" "$base/api/v1/offices/$office/statistics?$q&by=week" -H "authorization: Bearer $token"
    timed "$name" "CSV by day" "$base/api/v1/offices/$office/statistics?$q" -H "authorization: Bearer $token" -H 'accept: text/csv'
    timed "$name" "page by day (2 SVG charts)" "$base/manage/stats?office=$office&$q" -H "cookie: sportello_session=$token"
    timed "$name" "page by week" "$base/manage/stats?office=$office&$q&by=week" -H "cookie: sportello_session=$token"
}

echo "## Sportello statistics benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo
echo "| backend | request (a year) | size | median ms | max ms (of 10) |"
echo "| --- | --- | ---: | ---: | ---: |"
run sqlite "sqlite://$WORK/stats.db?mode=rwc"
DB="sportello_stats_$$"
psql "$PG_URL/postgres" -Xqc "CREATE DATABASE $DB" >/dev/null
DBS+=("$DB")
run postgres "$PG_URL/$DB"
