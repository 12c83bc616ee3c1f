#!/usr/bin/env bash
# No-show sweep benchmark (issue 6): 100,000 due bookings (plus 100,000 that are not due:
# checked in, or in the future) in a demo database, then one `sportello release-no-shows`
# over them, timed, on SQLite and on PostgreSQL. Then booking p99 with a sweep running:
# a 20-second booking load (loadgen, 16 clients) during which a second batch of 100,000
# due bookings is released by a sweep in another process, after the same load without a
# sweep as the baseline. Loopback only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-noshow.XXXXXX")"
PIDS=()
DBS=()
log() { printf '[noshow-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for d in "${DBS[@]}"; do psql "$PG_URL/postgres" -Xqc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

if [[ "${BENCH_BUILD:-1}" == 1 ]]; then
    log "building release binaries"
    cargo build --release -p sportello --bin sportello -p loadgen --bins >&2
fi

# Inserts N bookings of demo office 1 / service 1 / counter 1 with status STATUS, starting
# DAYS_AGO days ago (negative: in the future), one per second of a long past or future day.
fill_sqlite() { # FILE N STATUS DAYS_AGO OFFSET
    python3 - "$@" <<'PY'
import sqlite3, sys, datetime
path, n, status, days, offset = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
c = sqlite3.connect(path)
base = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(days=days)
fmt = lambda t: t.strftime('%Y-%m-%dT%H:%M:%S+00:00')
rows = []
for i in range(n):
    s = base + datetime.timedelta(seconds=i)
    e = s + datetime.timedelta(minutes=20)
    rows.append((status, fmt(s), fmt(e), fmt(s), f"B{offset + i:09d}", f"t{offset + i:021d}", fmt(base)))
c.executemany("""INSERT INTO booking (office_id, service_id, counter_id, room_id, occupies_room, status, start_at, end_at,
  room_from, party_size, reference, checkin_token, citizen_name, citizen_email, language, created_at)
  VALUES (1, 1, 1, 1, 1, ?, ?, ?, ?, 1, ?, ?, 'Bench', 'bench@example.org', 'it', ?)""", rows)
c.commit()
PY
}
fill_pg() { # DB N STATUS DAYS_AGO OFFSET
    psql "$PG_URL/$1" -Xq -v ON_ERROR_STOP=1 <<SQL
INSERT INTO booking (office_id, service_id, counter_id, room_id, occupies_room, status, start_at, end_at,
  room_from, party_size, reference, checkin_token, citizen_name, citizen_email, language, created_at)
SELECT 1, 1, 1, 1, true, '$3', t, t + interval '20 minutes', t, 1, 'B' || lpad((g + $5)::text, 9, '0'),
  't' || lpad((g + $5)::text, 21, '0'), 'Bench', 'bench@example.org', 'it', now()
FROM generate_series(0, $2 - 1) g, LATERAL (SELECT date_trunc('second', now()) - interval '$4 days' + g * interval '1 second' AS t) x;
SQL
    # Rows that fell due were written days earlier: autovacuum and checkpoints have been
    # over them. Without this the sweep also pays for the first visit of 200,000 rows
    # written a second ago (hint bits), about 0.4 s more here.
    psql "$PG_URL/$1" -Xq -c "VACUUM (ANALYZE) booking" -c "CHECKPOINT"
}

sweep() { # DB_URL -> seconds and count
    local t0 t1 count
    t0="$(now)"
    count="$(SPORTELLO_DATABASE_URL="$1" SPORTELLO_DEMO=off RUST_LOG=warn "$BIN/sportello" release-no-shows | head -n 1)"
    t1="$(now)"
    python3 -c "print(f'{$t1 - $t0:.2f}', $count)"
}

run() { # NAME DB_URL FILL TARGET
    local name="$1" db="$2" fill="$3" target="$4" port
    mkdir -p "$WORK/$name"
    (cd "$WORK/$name" && SPORTELLO_DATABASE_URL="$db" SPORTELLO_DEMO=on RUST_LOG=warn "$BIN/sportello" seed-demo >/dev/null)
    log "$name: 100,000 due bookings, 100,000 not due"
    "$fill" "$target" 100000 confirmed 3 0
    "$fill" "$target" 50000 checked_in 2 100000
    "$fill" "$target" 50000 confirmed -20 150000
    read -r secs count <<<"$(sweep "$db")"
    log "$name: sweep released $count in $secs s"
    echo "$name sweep $count $secs" >>"$WORK/results"
    # Booking load with a sweep of another 100,000 in the middle.
    "$fill" "$target" 100000 confirmed 4 200000
    port="$(free_port)"
    (cd "$WORK/$name" && exec env SPORTELLO_DATABASE_URL="$db" SPORTELLO_BIND="127.0.0.1:$port" SPORTELLO_DEMO=off \
        SPORTELLO_RATE_LIMIT=off SPORTELLO_BACKGROUND_JOBS=off RUST_LOG=warn "$BIN/sportello" serve) >"$WORK/$name/server.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
    printf 'benchpassword\n' | SPORTELLO_DATABASE_URL="$db" SPORTELLO_DEMO=off RUST_LOG=warn "$BIN/sportello" user create --email bench-$name@example.org --role admin >/dev/null
    local base
    base="$(timeout 120 "$BIN/loadgen" --base-url "http://127.0.0.1:$port" --email bench-$name@example.org \
        --password benchpassword --mode book --clients 16 --seconds 20 --json | tail -n 1)"
    echo "$name baseline $base" >>"$WORK/results"
    ( sleep 8; read -r s c <<<"$(sweep "$db")"; echo "$name during $c $s" >>"$WORK/results" ) &
    local during=$!
    local load
    load="$(timeout 120 "$BIN/loadgen" --base-url "http://127.0.0.1:$port" --email bench-$name@example.org \
        --password benchpassword --mode book --clients 16 --seconds 20 --json | tail -n 1)"
    wait "$during"
    echo "$name load $load" >>"$WORK/results"
}

run sqlite "sqlite://$WORK/noshow.db?mode=rwc" fill_sqlite "$WORK/noshow.db"
DB="sportello_noshow_$$"
psql "$PG_URL/postgres" -Xqc "CREATE DATABASE $DB" >/dev/null
DBS+=("$DB")
run postgres "$PG_URL/$DB" fill_pg "$DB"

echo "## Sportello no-show sweep benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
cat "$WORK/results"
