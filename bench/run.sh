#!/usr/bin/env bash
# Sportello benchmark driver.
#
#   bench/run.sh > bench-results.md
#
# 1. builds the release binaries (sportello, loadgen);
# 2. for each backend (SQLite in a temp file; PostgreSQL in a fresh database
#    sportello_bench_<random>, dropped at the end) starts `sportello serve` on a free
#    loopback port, creates an admin, runs loadgen in book mode and in slots mode and reads
#    the server's peak RSS (VmHWM) before stopping it;
#    then, with the server stopped, the raw limits of the same work on the same database
#    (bench/slots.pgbench, bench/booking_exact.pgbench; bench/sqlite_raw.py on SQLite);
#    a second server (jobs off, early admission) for 32 scanners checking in 10,000 codes
#    (loadgen --mode checkin), then bench/checkin.pgbench; 200,000 more bookings and a
#    timed `sportello release-no-shows` beside bench/sweep_raw.sql on a copy;
# 3. runs pgbench with bench/booking.pgbench (bench/pgbench_schema.sql) on a fresh database,
#    and its SQLite twin: a simplified booking-shaped transaction on tables of its own;
# 4. prints markdown summary tables on stdout. Progress and details go to stderr.
#
# Needs curl, awk, timeout, python3, and psql and pgbench for PostgreSQL.
#
# Only 127.0.0.1 is contacted. Every step has a time limit.
#
# Knobs (environment):
#   BENCH_BACKENDS="sqlite postgres postgres-jobs-off"   which backends to run
#                                      (postgres-jobs-off: the outbox sender in another process)
#   BENCH_CLIENTS=64                   loadgen clients and pgbench clients
#   BENCH_CHECKIN_CLIENTS=32           scanners in the check-in stage
#   BENCH_BOOK_SECONDS=15  BENCH_SLOTS_SECONDS=10  BENCH_PGBENCH_SECONDS=15
#   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432   server URL without database
#   BENCH_BUILD=1                      0 skips `cargo build` (binaries must exist)
#   BENCH_SPORTELLO_BIN, BENCH_LOADGEN_BIN   binaries (default target/release/...)
#   BENCH_KEEP_WORK=1                  keep the temp folder (server logs, JSON results)
#   BENCH_LATER_STAGES=0               skip the check-in and sweep stages (a before/after
#                                      comparison of the booking storm in a few minutes)
#   BENCH_SLOT_CACHE=off               serve slot lists without the slot cache (the "before")
#   BENCH_RUSH=0                       skip the 08:00 rush (bench/rush.sh: loadgen --mode rush
#                                      on both databases, beside bench/hot_booking.pgbench)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BACKENDS="${BENCH_BACKENDS:-sqlite postgres postgres-jobs-off}"
CLIENTS="${BENCH_CLIENTS:-64}"
BOOK_SECONDS="${BENCH_BOOK_SECONDS:-15}"
SLOTS_SECONDS="${BENCH_SLOTS_SECONDS:-10}"
PGBENCH_SECONDS="${BENCH_PGBENCH_SECONDS:-15}"
PGBENCH_THREADS=2
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
PG_URL="${PG_URL%/}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
SPORTELLO_BIN="${BENCH_SPORTELLO_BIN:-$TARGET_DIR/release/sportello}"
LOADGEN_BIN="${BENCH_LOADGEN_BIN:-$TARGET_DIR/release/loadgen}"
BUILD="${BENCH_BUILD:-1}"
LATER_STAGES="${BENCH_LATER_STAGES:-1}"
READY_TIMEOUT=60
ADMIN_EMAIL="bench@example.org"
ADMIN_PASSWORD="benchpassword"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-bench.XXXXXX")"
SERVER_PID=""
CHILD_PID=""
CREATED_DBS=()

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

stop_server() {
    local pid="$SERVER_PID"
    SERVER_PID=""
    [[ -n "$pid" ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        local i
        for i in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

pg() { # psql against the maintenance database
    timeout 60 psql "$PG_URL/postgres" -X -q -v ON_ERROR_STOP=1 "$@"
}

create_db() {
    CREATED_DBS+=("$1")
    pg -c "CREATE DATABASE \"$1\"" >/dev/null
}

create_db_from() { # NAME TEMPLATE: a copy (nobody may be connected to TEMPLATE)
    CREATED_DBS+=("$1")
    pg -c "CREATE DATABASE \"$1\" TEMPLATE \"$2\"" >/dev/null
}

drop_db() {
    pg -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1 ||
        log "could not drop database $1"
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n "$CHILD_PID" ]]; then
        kill -TERM "$CHILD_PID" 2>/dev/null || true
        wait "$CHILD_PID" 2>/dev/null || true
    fi
    stop_server
    local db
    for db in ${CREATED_DBS[@]+"${CREATED_DBS[@]}"}; do
        drop_db "$db"
    done
    if [[ "${BENCH_KEEP_WORK:-0}" != 0 ]]; then
        log "kept $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run_child CMD...: runs CMD in the background and waits for it, so that INT/TERM are
# handled at once (bash runs traps only between foreground commands). CMD's stdin is
# /dev/null.
run_child() {
    "$@" </dev/null &
    CHILD_PID=$!
    local rc=0
    wait "$CHILD_PID" || rc=$?
    CHILD_PID=""
    return "$rc"
}

rand_suffix() { printf '%04x%04x' "$RANDOM" "$RANDOM"; }

free_port() {
    local port _
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 40000))
        # Nothing answers on it: free (a tiny race is acceptable on a bench machine).
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# json_field JSON KEY: a top-level scalar of loadgen's one-line JSON ("n/a" when absent).
json_field() {
    local v
    if command -v jq >/dev/null 2>&1; then
        v="$(jq -r --arg k "$2" '.[$k] // empty | tostring' <<<"$1" 2>/dev/null || true)"
    else
        v="$(sed -n "s/.*\"$2\":\"\{0,1\}\([^,\"}]*\).*/\1/p" <<<"$1" | head -n 1)"
    fi
    echo "${v:-n/a}"
}

# ratio A B: A / B to 3 decimals, or n/a.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b + 0 > 0) printf "%.3f", a / b; else printf "n/a" }'
}

get() { # ARRAY-NAME KEY
    local -n arr="$1"
    echo "${arr[$2]:-n/a}"
}

fmt1() { # one decimal, or n/a
    awk -v a="$1" 'BEGIN { if (a ~ /^[0-9.]+$/) printf "%.1f", a; else printf "n/a" }'
}

wait_ready() { # BASE PID
    local deadline=$((SECONDS + READY_TIMEOUT))
    while ((SECONDS < deadline)); do
        if ! kill -0 "$2" 2>/dev/null; then
            log "server exited before it was ready"
            return 1
        fi
        if curl -fsS -o /dev/null --max-time 2 "$1/readyz" 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    log "server not ready after ${READY_TIMEOUT}s"
    return 1
}

declare -A R_BOOK_PS R_BOOK_P50 R_BOOK_P99 R_SLOTS_PS R_SLOTS_P99 R_RSS R_NOTE R_HOT_PS R_HOT_P99 R_SLOTS1_P50 R_SLOTS1_P99 R_DEMO_BOOKED R_DEMO_EMPTY_P50 R_DEMO_EMPTY_P99 R_DEMO_EMPTY_N R_DEMO_SLOTS_PS R_DEMO_SLOTS_P99 R_DEMO_SLOTS1_P99

# run_backend NAME: fills the R_* entries for NAME; returns non-zero on a setup failure.
run_backend() {
    local backend="$1"
    local dir="$WORK/$backend"
    local db_url dbname="" port base
    mkdir -p "$dir/outbox"

    # postgres-jobs-off: the web process of the README's deployment, with the outbox
    # sender in another process; only the booking and slot runs (the rest is the same
    # as postgres).
    local full=1 jobs=on
    case "$backend" in
    sqlite) db_url="sqlite://$dir/sportello.db?mode=rwc" ;;
    postgres | postgres-jobs-off)
        dbname="sportello_bench_$(rand_suffix)"
        create_db "$dbname" || return 1
        db_url="$PG_URL/$dbname"
        if [[ "$backend" == postgres-jobs-off ]]; then
            full=0
            jobs=off
        fi
        ;;
    *)
        log "unknown backend $backend"
        return 1
        ;;
    esac

    port="$(free_port)" || {
        log "no free port"
        return 1
    }
    base="http://127.0.0.1:$port"
    local -a senv=(
        "SPORTELLO_DATABASE_URL=$db_url"
        "SPORTELLO_BIND=127.0.0.1:$port"
        "SPORTELLO_BASE_URL=$base"
        "SPORTELLO_DEMO=off"
        "SPORTELLO_RATE_LIMIT=off"
        "SPORTELLO_MAIL_DIR=$dir/outbox"
        "SPORTELLO_SMTP_URL="
        "SPORTELLO_BACKGROUND_JOBS=$jobs"
        "SPORTELLO_SLOT_CACHE=${BENCH_SLOT_CACHE:-on}"
        "RUST_LOG=${RUST_LOG:-warn}"
    )

    # The demo offices too (a realistic office: 3 counters for the ID card, nested rooms).
    (cd "$dir" && exec env "${senv[@]}" timeout 120 "$SPORTELLO_BIN" seed-demo) >"$dir/seed.log" 2>&1 ||
        log "$backend: seed-demo failed"

    log "$backend: starting server on $base"
    # Run from the temp folder so that no .env of the checkout is read; `exec` keeps the
    # pid of the background job equal to the server's pid.
    (cd "$dir" && exec env "${senv[@]}" "$SPORTELLO_BIN" serve) >"$dir/server.log" 2>&1 &
    SERVER_PID=$!
    if ! wait_ready "$base" "$SERVER_PID"; then
        tail -n 30 "$dir/server.log" >&2 || true
        stop_server
        return 1
    fi

    log "$backend: creating admin $ADMIN_EMAIL"
    if ! printf '%s\n' "$ADMIN_PASSWORD" |
        (cd "$dir" && exec env "${senv[@]}" timeout 60 "$SPORTELLO_BIN" user create \
            --email "$ADMIN_EMAIL" --role admin) >"$dir/user.log" 2>&1; then
        cat "$dir/user.log" >&2 || true
        stop_server
        return 1
    fi

    local book="" slots="" office="" service=""
    log "$backend: loadgen book mode, $CLIENTS clients, ${BOOK_SECONDS}s"
    if run_child timeout $((BOOK_SECONDS + 300)) "$LOADGEN_BIN" --base-url "$base" \
        --email "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD" --mode book \
        --clients "$CLIENTS" --seconds "$BOOK_SECONDS" --json >"$dir/book.json" 2>"$dir/book.err"; then
        book="$(tail -n 1 "$dir/book.json")"
        log "$backend: book: $book"
        office="$(json_field "$book" office_id)"
        service="$(json_field "$book" service_id)"
        R_BOOK_PS[$backend]="$(json_field "$book" bookings_per_s)"
        R_BOOK_P50[$backend]="$(json_field "$book" p50_ms)"
        R_BOOK_P99[$backend]="$(json_field "$book" p99_ms)"
        if [[ "$(json_field "$book" work_exhausted)" == true ]]; then
            R_NOTE[$backend]="all slots taken before the end"
        fi
    else
        log "$backend: loadgen book mode failed"
        cat "$dir/book.err" >&2 || true
    fi

    log "$backend: loadgen slots mode, $CLIENTS clients, ${SLOTS_SECONDS}s"
    local -a target=()
    if [[ "$office" != n/a && -n "$office" && "$service" != n/a && -n "$service" ]]; then
        target=(--office "$office" --service "$service")
    fi
    if run_child timeout $((SLOTS_SECONDS + 300)) "$LOADGEN_BIN" --base-url "$base" --mode slots \
        ${target[@]+"${target[@]}"} --clients "$CLIENTS" --seconds "$SLOTS_SECONDS" --json \
        >"$dir/slots.json" 2>"$dir/slots.err"; then
        slots="$(tail -n 1 "$dir/slots.json")"
        log "$backend: slots: $slots"
        R_SLOTS_PS[$backend]="$(json_field "$slots" ok_per_s)"
        R_SLOTS_P99[$backend]="$(json_field "$slots" p99_ms)"
    else
        log "$backend: loadgen slots mode failed"
        cat "$dir/slots.err" >&2 || true
    fi

    # Unloaded latency of the same 30-day query: one client at a time.
    if run_child timeout $((SLOTS_SECONDS + 300)) "$LOADGEN_BIN" --base-url "$base" --mode slots \
        ${target[@]+"${target[@]}"} --clients 1 --seconds 5 --json \
        >"$dir/slots1.json" 2>"$dir/slots1.err"; then
        local slots1
        slots1="$(tail -n 1 "$dir/slots1.json")"
        log "$backend: slots, 1 client: $slots1"
        R_SLOTS1_P50[$backend]="$(json_field "$slots1" p50_ms)"
        R_SLOTS1_P99[$backend]="$(json_field "$slots1" p99_ms)"
    fi

    # Hot spot: every client books the next free slot in time order, on a fresh office,
    # so all of them contend for the same room-hour locks.
    if run_child timeout $((BOOK_SECONDS + 300)) "$LOADGEN_BIN" --base-url "$base" \
        --email "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD" --mode book --sequential \
        --clients "$CLIENTS" --seconds 10 --json >"$dir/hot.json" 2>"$dir/hot.err"; then
        local hot
        hot="$(tail -n 1 "$dir/hot.json")"
        log "$backend: hot spot: $hot"
        R_HOT_PS[$backend]="$(json_field "$hot" bookings_per_s)"
        R_HOT_P99[$backend]="$(json_field "$hot" p99_ms)"
    fi

    # The demo's ID-card service (office 1, service 1): 30 days of slots while it is
    # empty, then book its whole horizon and ask again, one client and many.
    if run_child timeout 300 "$LOADGEN_BIN" --base-url "$base" --mode slots --office 1 --service 1 \
        --clients 1 --seconds 5 --json >"$dir/demo_empty.json" 2>"$dir/demo_empty.err"; then
        local empty
        empty="$(tail -n 1 "$dir/demo_empty.json")"
        R_DEMO_EMPTY_P50[$backend]="$(json_field "$empty" p50_ms)"
        R_DEMO_EMPTY_P99[$backend]="$(json_field "$empty" p99_ms)"
        R_DEMO_EMPTY_N[$backend]="$(json_field "$empty" slots_in_response)"
    fi
    if run_child timeout 300 "$LOADGEN_BIN" --base-url "$base" \
        --email "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD" --mode book --office 1 --service 1 \
        --clients "$CLIENTS" --seconds 10 --json >"$dir/demo_book.json" 2>"$dir/demo_book.err"; then
        R_DEMO_BOOKED[$backend]="$(json_field "$(tail -n 1 "$dir/demo_book.json")" bookings)"
    fi
    if run_child timeout 300 "$LOADGEN_BIN" --base-url "$base" --mode slots --office 1 --service 1 \
        --clients 1 --seconds 5 --json >"$dir/demo_slots1.json" 2>"$dir/demo_slots1.err"; then
        R_DEMO_SLOTS1_P99[$backend]="$(json_field "$(tail -n 1 "$dir/demo_slots1.json")" p99_ms)"
    fi
    if run_child timeout 300 "$LOADGEN_BIN" --base-url "$base" --mode slots --office 1 --service 1 \
        --clients "$CLIENTS" --seconds "$SLOTS_SECONDS" --json >"$dir/demo_slots.json" 2>"$dir/demo_slots.err"; then
        local demo
        demo="$(tail -n 1 "$dir/demo_slots.json")"
        log "$backend: demo slots: $demo"
        R_DEMO_SLOTS_PS[$backend]="$(json_field "$demo" ok_per_s)"
        R_DEMO_SLOTS_P99[$backend]="$(json_field "$demo" p99_ms)"
    fi

    if [[ -r "/proc/$SERVER_PID/status" ]]; then
        R_RSS[$backend]="$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status")"
    fi
    stop_server

    if [[ "$full" == 1 ]]; then
        # The slot queries first: the raw bookings would add rows to the office they read.
        raw_slots "$backend" "$dir" "$dbname" "$office"
        raw_booking_exact "$backend" "$dir" "$dbname" "$office" "$service"
        if [[ "$LATER_STAGES" == 1 ]]; then
            checkin_stage "$backend" "$dir" "$dbname" "${senv[@]}"
            sweep_stage "$backend" "$dir" "$dbname" "$db_url"
        fi
    fi
    if [[ -n "$dbname" ]]; then
        drop_db "$dbname"
    fi
    return 0
}

# --- check-ins, the sweep, and the raw limits of the same work --------------------------

CHECKIN_CLIENTS="${BENCH_CHECKIN_CLIENTS:-32}"
((CHECKIN_CLIENTS > 0)) || CHECKIN_CLIENTS=32
RAW_CHECKIN_CODES=100000
declare -A R_CHECKIN_PS R_CHECKIN_P50 R_CHECKIN_P99 R_CHECKIN_CODES R_RAW_CHECKIN R_RAW_SLOTS R_SLOT_ROWS
declare -A R_SWEEP_S R_SWEEP_N R_RAW_SWEEP_S R_RAW_SWEEP_N

# raw_booking_exact BACKEND DIR DBNAME OFFICE SERVICE: the server's own booking
# transaction, statement for statement, on its own database after the booking run.
declare -A R_RAW_BOOK_EXACT
raw_booking_exact() {
    local backend="$1" dir="$2" dbname="$3" office="$4" service="$5" ids room counter
    [[ "$office" =~ ^[0-9]+$ && "$service" =~ ^[0-9]+$ ]] || return 0
    local q="SELECT (SELECT min(id) FROM room WHERE office_id = $office) || ' ' || (SELECT min(id) FROM counter WHERE office_id = $office)"
    if [[ "$backend" == sqlite ]]; then
        ids="$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' \
            "$dir/sportello.db" "$q")" || return 0
        read -r room counter <<<"$ids"
        log "$backend: raw booking transactions (the server's own), ${PGBENCH_SECONDS}s"
        if run_child timeout $((PGBENCH_SECONDS + 120)) python3 "$ROOT/bench/sqlite_raw.py" booking-exact \
            "$dir/sportello.db" "$office" "$service" "$room" "$counter" "$PGBENCH_SECONDS" \
            >"$dir/raw_booking.json" 2>"$dir/raw_booking.err"; then
            R_RAW_BOOK_EXACT[$backend]="$(json_field "$(tail -n 1 "$dir/raw_booking.json")" per_s)"
            log "$backend: raw booking (exact): $(tail -n 1 "$dir/raw_booking.json")"
        else
            cat "$dir/raw_booking.err" >&2 || true
        fi
        return 0
    fi
    ids="$(timeout 60 psql "$PG_URL/$dbname" -X -Atqc "$q")" || return 0
    read -r room counter <<<"$ids"
    # With the load generator's client count, and with the server's pool size (16
    # connections by default): the higher is the limit.
    local c tps best=n/a
    for c in "$CLIENTS" 16; do
        log "$backend: raw booking transactions (the server's own): pgbench -c $c -T $PGBENCH_SECONDS"
        if run_child timeout $((PGBENCH_SECONDS + 120)) pgbench -n -c "$c" -j "$PGBENCH_THREADS" \
            -T "$PGBENCH_SECONDS" -D office="$office" -D service="$service" -D room="$room" \
            -D counter_first="$counter" -D counters=20 -D today_epoch=$(($(date +%s) / 86400 * 86400)) \
            -f "$ROOT/bench/booking_exact.pgbench" "$PG_URL/$dbname" >"$dir/raw_booking_$c.out" 2>&1; then
            tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$dir/raw_booking_$c.out" | head -n 1)"
            log "$backend: raw booking (exact), $c clients: $tps tps"
            if [[ "$best" == n/a ]] || awk -v a="$tps" -v b="$best" 'BEGIN { exit !(a > b) }'; then
                best="$tps"
            fi
        else
            cat "$dir/raw_booking_$c.out" >&2 || true
        fi
    done
    R_RAW_BOOK_EXACT[$backend]="$best"
}

# raw_slots BACKEND DIR DBNAME OFFICE: the queries of the 30-day slot list of the booking
# run's office, on the same database, with nothing around them.
raw_slots() {
    local backend="$1" dir="$2" dbname="$3" office="$4" from to
    [[ "$office" =~ ^[0-9]+$ ]] || return 0
    from="$(date +%s)"
    to=$((from + 30 * 86400))
    log "$backend: raw slot queries"
    if [[ "$backend" == sqlite ]]; then
        if run_child timeout $((SLOTS_SECONDS + 120)) python3 "$ROOT/bench/sqlite_raw.py" slots \
            "$dir/sportello.db" "$office" "$SLOTS_SECONDS" >"$dir/raw_slots.json" 2>"$dir/raw_slots.err"; then
            R_RAW_SLOTS[$backend]="$(json_field "$(tail -n 1 "$dir/raw_slots.json")" per_s)"
            R_SLOT_ROWS[$backend]="$(json_field "$(tail -n 1 "$dir/raw_slots.json")" rows_per_query)"
            log "$backend: raw slots: $(tail -n 1 "$dir/raw_slots.json")"
        else
            log "$backend: raw slot queries failed"
            cat "$dir/raw_slots.err" >&2 || true
        fi
    elif run_child timeout $((SLOTS_SECONDS + 120)) pgbench -n -c "$CLIENTS" -j "$PGBENCH_THREADS" \
        -T "$SLOTS_SECONDS" -D office="$office" -D from_epoch="$from" -D to_epoch="$to" \
        -f "$ROOT/bench/slots.pgbench" "$PG_URL/$dbname" >"$dir/raw_slots.out" 2>&1; then
        R_RAW_SLOTS[$backend]="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$dir/raw_slots.out" | head -n 1)"
        # The rows each list reads, on both sides (nothing was written in between).
        R_SLOT_ROWS[$backend]="$(timeout 60 psql "$PG_URL/$dbname" -X -Atq -c "SELECT count(*) FROM booking
            WHERE office_id = $office AND room_from >= to_timestamp($from) - interval '24 hours'
              AND room_from < to_timestamp($to) AND end_at > to_timestamp($from)
              AND status IN ('confirmed', 'checked_in', 'held')" || echo n/a)"
        log "$backend: raw slots: ${R_RAW_SLOTS[$backend]} tps, ${R_SLOT_ROWS[$backend]} rows a list"
    else
        cat "$dir/raw_slots.out" >&2 || true
    fi
}

# checkin_stage BACKEND DIR DBNAME SENV...: 32 scanners admit 10,000 codes through the
# API (a second server on the same database, background jobs off so that the 10,000
# confirmations are not rendered meanwhile, admission open long before the start), then
# the raw limit of the same statement on 100,000 codes of its own.
checkin_stage() {
    local backend="$1" dir="$2" dbname="$3"
    shift 3
    local port base
    port="$(free_port)" || return 0
    base="http://127.0.0.1:$port"
    local -a env=("$@" "SPORTELLO_BACKGROUND_JOBS=off" "SPORTELLO_CHECKIN_EARLY_MINUTES=200000"
        "SPORTELLO_BIND=127.0.0.1:$port" "SPORTELLO_BASE_URL=$base")
    (cd "$dir" && exec env "${env[@]}" "$SPORTELLO_BIN" serve) >"$dir/server-checkin.log" 2>&1 &
    SERVER_PID=$!
    if wait_ready "$base" "$SERVER_PID"; then
        log "$backend: check-in, $CHECKIN_CLIENTS scanners"
        if run_child timeout 400 "$LOADGEN_BIN" --base-url "$base" --email "$ADMIN_EMAIL" \
            --password "$ADMIN_PASSWORD" --mode checkin --clients "$CHECKIN_CLIENTS" --seconds 30 \
            --json >"$dir/checkin.json" 2>"$dir/checkin.err"; then
            local j
            j="$(tail -n 1 "$dir/checkin.json")"
            log "$backend: checkin: $j"
            R_CHECKIN_PS[$backend]="$(json_field "$j" checkins_per_s)"
            R_CHECKIN_P50[$backend]="$(json_field "$j" p50_ms)"
            R_CHECKIN_P99[$backend]="$(json_field "$j" p99_ms)"
            R_CHECKIN_CODES[$backend]="$(json_field "$j" codes)"
        else
            cat "$dir/checkin.err" >&2 || true
        fi
    fi
    stop_server

    local per=$((RAW_CHECKIN_CODES / CHECKIN_CLIENTS))
    log "$backend: raw check-ins, $CHECKIN_CLIENTS clients x $per codes"
    if [[ "$backend" == sqlite ]]; then
        if run_child timeout 600 python3 "$ROOT/bench/sqlite_raw.py" checkin "$dir/sportello.db" \
            "$CHECKIN_CLIENTS" "$per" >"$dir/raw_checkin.json" 2>"$dir/raw_checkin.err"; then
            R_RAW_CHECKIN[$backend]="$(json_field "$(tail -n 1 "$dir/raw_checkin.json")" per_s)"
            log "$backend: raw checkin: $(tail -n 1 "$dir/raw_checkin.json")"
        else
            cat "$dir/raw_checkin.err" >&2 || true
        fi
        return 0
    fi
    timeout 300 psql "$PG_URL/$dbname" -X -q -v ON_ERROR_STOP=1 <<SQL || return 0
INSERT INTO booking (office_id, service_id, counter_id, room_id, occupies_room, status, start_at,
  end_at, room_from, party_size, reference, checkin_token, citizen_name, citizen_email, language, created_at)
SELECT 1, 1, 1, 1, true, 'confirmed', t, t + interval '20 minutes', t, 1, 'RAW' || k,
  'raw' || lpad(k::text, 21, '0'), 'Bench', 'bench@example.org', 'it', now()
FROM generate_series(0, $CHECKIN_CLIENTS - 1) c, generate_series(1, $per) i,
  LATERAL (SELECT c * 1000000 + i AS k,
           date_trunc('second', now()) + interval '5 days' + (c * $per + i) * interval '1 second' AS t) x;
SQL
    if run_child timeout 600 pgbench -n -c "$CHECKIN_CLIENTS" -j "$PGBENCH_THREADS" -t "$per" -D i=0 \
        -f "$ROOT/bench/checkin.pgbench" "$PG_URL/$dbname" >"$dir/raw_checkin.out" 2>&1; then
        R_RAW_CHECKIN[$backend]="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$dir/raw_checkin.out" | head -n 1)"
        local admitted
        admitted="$(timeout 60 psql "$PG_URL/$dbname" -X -Atqc \
            "SELECT count(*) FROM booking WHERE reference LIKE 'RAW%' AND status = 'checked_in'")"
        log "$backend: raw checkin: ${R_RAW_CHECKIN[$backend]} tps, $admitted admitted"
    else
        cat "$dir/raw_checkin.out" >&2 || true
    fi
}

now_s() { date +%s.%N; }
elapsed_since() { awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.2f", b - a }'; }

# sweep_stage BACKEND DIR DBNAME DB_URL: 100,000 due bookings (confirmed, started 3 days
# ago) beside 100,000 that are not (checked in, or ahead), in a table that already holds
# the earlier stages' bookings; one `sportello release-no-shows`, timed as a whole
# process (its references written to a file), and the same statements on a copy of the
# database made before either sweep.
declare -A R_SWEEP_ROWS
sweep_stage() {
    local backend="$1" dir="$2" dbname="$3" db_url="$4" copy t0 out
    log "$backend: sweep: filling 100,000 due bookings and 100,000 not due"
    local count_sql="SELECT count(*) FROM booking"
    if [[ "$backend" == sqlite ]]; then
        local f
        for f in "100000 confirmed 3 0" "50000 checked_in 2 100000" "50000 confirmed -20 150000"; do
            # shellcheck disable=SC2086
            if ! timeout 300 python3 "$ROOT/bench/sqlite_raw.py" fill "$dir/sportello.db" $f >/dev/null; then
                log "$backend: sweep fill failed"
                return 0
            fi
        done
        R_SWEEP_ROWS[$backend]="$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' \
            "$dir/sportello.db" "$count_sql")"
        copy="$dir/raw-sweep.db"
        cp "$dir/sportello.db" "$copy" || {
            log "$backend: could not copy the database"
            return 0
        }
    else
        local f n st days off
        for f in "100000 confirmed 3 0" "50000 checked_in 2 100000" "50000 confirmed -20 150000"; do
            read -r n st days off <<<"$f"
            if ! timeout 300 psql "$PG_URL/$dbname" -X -q -v ON_ERROR_STOP=1 <<SQL; then
INSERT INTO booking (office_id, service_id, counter_id, room_id, occupies_room, status, start_at,
  end_at, room_from, party_size, reference, checkin_token, citizen_name, citizen_email, language, created_at)
SELECT 1, 1, 1, 1, true, '$st', t, t + interval '20 minutes', t, 1, 'F' || lpad((g + $off)::text, 9, '0'),
  'f' || lpad((g + $off)::text, 21, '0'), 'Bench', 'bench@example.org', 'it', now()
FROM generate_series(0, $n - 1) g,
  LATERAL (SELECT date_trunc('second', now()) - interval '$days days' + g * interval '1 second' AS t) x;
SQL
                log "$backend: sweep fill failed"
                return 0
            fi
        done
        # Real due bookings were written days earlier: autovacuum has been over them, so
        # neither sweep pays for the first visit of fresh rows.
        if ! timeout 300 psql "$PG_URL/$dbname" -X -q -c "VACUUM (ANALYZE) booking"; then
            log "$backend: vacuum failed"
            return 0
        fi
        R_SWEEP_ROWS[$backend]="$(timeout 60 psql "$PG_URL/$dbname" -X -Atqc "$count_sql")"
        copy="${dbname}_raw"
        if ! create_db_from "$copy" "$dbname"; then
            log "$backend: could not copy the database"
            return 0
        fi
    fi

    # A checkpoint before each sweep on PostgreSQL, so that neither starts with the other's
    # (or the copy's) pages still to be written, and both pay the same full-page writes.
    checkpoint() { [[ "$backend" == sqlite ]] || timeout 300 psql "$PG_URL/postgres" -X -q -c "CHECKPOINT"; }

    log "$backend: sweep through sportello release-no-shows (${R_SWEEP_ROWS[$backend]} bookings in the table)"
    checkpoint
    out="$dir/sweep.out"
    t0="$(now_s)"
    if (cd "$dir" && exec env SPORTELLO_DATABASE_URL="$db_url" SPORTELLO_DEMO=off \
        SPORTELLO_MAIL_DIR="$dir/outbox" RUST_LOG=warn timeout 300 "$SPORTELLO_BIN" release-no-shows) \
        >"$out" 2>"$dir/sweep.err"; then
        R_SWEEP_S[$backend]="$(elapsed_since "$t0")"
        R_SWEEP_N[$backend]="$(head -n 1 "$out")"
        log "$backend: sweep released ${R_SWEEP_N[$backend]} in ${R_SWEEP_S[$backend]} s"
    else
        log "$backend: sportello release-no-shows failed"
        cat "$dir/sweep.err" >&2 || true
    fi

    checkpoint
    t0="$(now_s)"
    if [[ "$backend" == sqlite ]]; then
        local j
        if j="$(timeout 300 python3 "$ROOT/bench/sqlite_raw.py" sweep "$copy")"; then
            R_RAW_SWEEP_S[$backend]="$(elapsed_since "$t0")"
            R_RAW_SWEEP_N[$backend]="$(json_field "$(tail -n 1 <<<"$j")" released)"
        fi
        rm -f "$copy" "$copy-wal" "$copy-shm"
    else
        local n
        if n="$(timeout 300 psql "$PG_URL/$copy" -X -q -At -v ON_ERROR_STOP=1 -f "$ROOT/bench/sweep_raw.sql")"; then
            R_RAW_SWEEP_S[$backend]="$(elapsed_since "$t0")"
            R_RAW_SWEEP_N[$backend]="$n"
        fi
        drop_db "$copy"
    fi
    log "$backend: raw sweep released $(get R_RAW_SWEEP_N "$backend") in $(get R_RAW_SWEEP_S "$backend") s"
}

RAW_SQLITE_BOOK="n/a"

# The booking transaction of bench/booking.pgbench on SQLite, on a file of its own.
run_sqlite_raw_booking() {
    log "sqlite raw booking transactions, ${PGBENCH_SECONDS}s"
    if run_child timeout $((PGBENCH_SECONDS + 120)) python3 "$ROOT/bench/sqlite_raw.py" booking \
        "$WORK/raw-booking.db" "$PGBENCH_SECONDS" >"$WORK/raw_booking.json" 2>"$WORK/raw_booking.err"; then
        RAW_SQLITE_BOOK="$(json_field "$(tail -n 1 "$WORK/raw_booking.json")" per_s)"
        log "sqlite raw booking: $RAW_SQLITE_BOOK/s"
    else
        cat "$WORK/raw_booking.err" >&2 || true
    fi
}

PGBENCH_TPS="n/a"

run_pgbench() {
    local dbname out="$WORK/pgbench.out"
    dbname="sportello_pgbench_$(rand_suffix)"
    create_db "$dbname" || return 1
    timeout 60 psql "$PG_URL/$dbname" -X -q -v ON_ERROR_STOP=1 \
        -f "$ROOT/bench/pgbench_schema.sql" >/dev/null 2>&1 || {
        log "pgbench schema failed"
        drop_db "$dbname"
        return 1
    }
    log "pgbench: -c $CLIENTS -j $PGBENCH_THREADS -T $PGBENCH_SECONDS"
    if run_child timeout $((PGBENCH_SECONDS + 120)) pgbench -n -c "$CLIENTS" -j "$PGBENCH_THREADS" \
        -T "$PGBENCH_SECONDS" -f "$ROOT/bench/booking.pgbench" "$PG_URL/$dbname" >"$out" 2>&1; then
        sed 's/^/[pgbench] /' "$out" >&2
        PGBENCH_TPS="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | head -n 1)"
        PGBENCH_TPS="${PGBENCH_TPS:-n/a}"
    else
        log "pgbench failed"
        cat "$out" >&2 || true
    fi
    drop_db "$dbname"
}

# --- preflight ---------------------------------------------------------------------------

case "$PG_URL" in
postgres://*@127.0.0.1:* | postgres://127.0.0.1:* | postgresql://*@127.0.0.1:* | postgresql://127.0.0.1:*) ;;
*) die "BENCH_PG_URL must point at 127.0.0.1 (got $PG_URL)" ;;
esac
for tool in curl awk timeout python3; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done

PG_OK=0
if command -v psql >/dev/null 2>&1 && command -v pgbench >/dev/null 2>&1 &&
    timeout 10 psql "$PG_URL/postgres" -X -Atqc 'select 1' >/dev/null 2>&1; then
    PG_OK=1
else
    log "PostgreSQL at $PG_URL is not usable (psql/pgbench missing or no answer): skipping it"
fi

if [[ "$BUILD" == 1 ]]; then
    log "building release binaries"
    run_child timeout 3600 cargo build --release -p sportello --bin sportello -p loadgen --bin loadgen >&2
fi
[[ -x "$SPORTELLO_BIN" ]] || die "missing $SPORTELLO_BIN"
[[ -x "$LOADGEN_BIN" ]] || die "missing $LOADGEN_BIN"

# --- runs --------------------------------------------------------------------------------

RAN=()
for backend in $BACKENDS; do
    if [[ "$backend" == postgres* && "$PG_OK" != 1 ]]; then
        continue
    fi
    RAN+=("$backend")
    if ! run_backend "$backend"; then
        log "$backend: setup failed, no results"
        R_NOTE[$backend]="setup failed"
    fi
done

if [[ "$PG_OK" == 1 ]]; then
    run_pgbench || log "pgbench: setup failed"
fi
for backend in ${RAN[@]+"${RAN[@]}"}; do
    if [[ "$backend" == sqlite ]]; then
        run_sqlite_raw_booking
    fi
done

# --- summary -----------------------------------------------------------------------------


echo "## Sportello benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo
echo "$(nproc 2>/dev/null || echo '?') CPUs; $CLIENTS clients; book ${BOOK_SECONDS}s, slots ${SLOTS_SECONDS}s, pgbench ${PGBENCH_SECONDS}s (-j $PGBENCH_THREADS); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none)."
echo
echo "| backend | bookings/s | p50 ms | p99 ms | hot-spot bookings/s | hot-spot p99 ms | slot queries/s | slot p99 ms | 1-client slot p50/p99 ms | peak RSS MB | pgbench tps | bookings/pgbench |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for backend in ${RAN[@]+"${RAN[@]}"}; do
    bps="$(get R_BOOK_PS "$backend")"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
        "$backend" "$(fmt1 "$bps")" "$(get R_BOOK_P50 "$backend")" "$(get R_BOOK_P99 "$backend")" \
        "$(fmt1 "$(get R_HOT_PS "$backend")")" "$(get R_HOT_P99 "$backend")" \
        "$(fmt1 "$(get R_SLOTS_PS "$backend")")" "$(get R_SLOTS_P99 "$backend")" \
        "$(get R_SLOTS1_P50 "$backend")/$(get R_SLOTS1_P99 "$backend")" \
        "$(get R_RSS "$backend")" "$(fmt1 "$PGBENCH_TPS")" "$(ratio "$bps" "$PGBENCH_TPS")"
done
echo
echo "Realistic office (the demo's ID-card service: 3 counters, nested rooms, weekday hours), 30-day slot list, empty and after booking its horizon full:"
echo
echo "| backend | slots (empty) | 1-client p50/p99 ms (empty) | bookings made | 1-client slot p99 ms (full) | slot queries/s ($CLIENTS clients, full) | slot p99 ms ($CLIENTS clients, full) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for backend in ${RAN[@]+"${RAN[@]}"}; do
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$backend" "$(get R_DEMO_EMPTY_N "$backend")" \
        "$(get R_DEMO_EMPTY_P50 "$backend")/$(get R_DEMO_EMPTY_P99 "$backend")" "$(get R_DEMO_BOOKED "$backend")" \
        "$(get R_DEMO_SLOTS1_P99 "$backend")" "$(fmt1 "$(get R_DEMO_SLOTS_PS "$backend")")" \
        "$(get R_DEMO_SLOTS_P99 "$backend")"
done
for backend in ${RAN[@]+"${RAN[@]}"}; do
    note="$(get R_NOTE "$backend")"
    if [[ "$note" != n/a ]]; then
        echo
        echo "Note ($backend): $note."
    fi
done

echo
echo "Each beside the raw database limit of the same work (bench/*.pgbench on PostgreSQL, bench/sqlite_raw.py on SQLite), measured in this run:"
echo
echo "| work | backend | Sportello | raw database | Sportello / raw |"
echo "| --- | --- | ---: | ---: | ---: |"
raw_book() { if [[ "$1" == sqlite ]]; then echo "$RAW_SQLITE_BOOK"; else echo "$PGBENCH_TPS"; fi; }
for backend in ${RAN[@]+"${RAN[@]}"}; do
    bps="$(get R_BOOK_PS "$backend")"
    printf '| booking storm, %s clients, beside a booking-shaped transaction on tables of its own (bookings/s) | %s | %s | %s | %s |\n' "$CLIENTS" "$backend" \
        "$(fmt1 "$bps")" "$(fmt1 "$(raw_book "$backend")")" "$(ratio "$bps" "$(raw_book "$backend")")"
done
for backend in ${RAN[@]+"${RAN[@]}"}; do
    bps="$(get R_BOOK_PS "$backend")"
    exact="$(get R_RAW_BOOK_EXACT "$backend")"
    [[ "$exact" != n/a || "$backend" != postgres-jobs-off ]] || exact="$(get R_RAW_BOOK_EXACT postgres)"
    printf '| booking storm, %s clients, beside the server'"'"'s own transaction (bookings/s) | %s | %s | %s | %s |\n' \
        "$CLIENTS" "$backend" "$(fmt1 "$bps")" "$(fmt1 "$exact")" "$(ratio "$bps" "$exact")"
done
for backend in ${RAN[@]+"${RAN[@]}"}; do
    [[ "$(get R_RAW_SLOTS "$backend")" != n/a ]] || continue
    sps="$(get R_SLOTS_PS "$backend")"
    printf '| 30-day slot list, %s clients, %s rows read a list (queries/s) | %s | %s | %s | %s |\n' "$CLIENTS" "$(get R_SLOT_ROWS "$backend")" "$backend" \
        "$(fmt1 "$sps")" "$(fmt1 "$(get R_RAW_SLOTS "$backend")")" "$(ratio "$sps" "$(get R_RAW_SLOTS "$backend")")"
done
for backend in ${RAN[@]+"${RAN[@]}"}; do
    [[ "$(get R_CHECKIN_PS "$backend")" != n/a ]] || continue
    cps="$(get R_CHECKIN_PS "$backend")"
    printf '| check-ins, %s scanners, %s codes; p50/p99 %s/%s ms (check-ins/s) | %s | %s | %s | %s |\n' \
        "$CHECKIN_CLIENTS" "$(get R_CHECKIN_CODES "$backend")" "$(get R_CHECKIN_P50 "$backend")" \
        "$(get R_CHECKIN_P99 "$backend")" "$backend" "$(fmt1 "$cps")" \
        "$(fmt1 "$(get R_RAW_CHECKIN "$backend")")" "$(ratio "$cps" "$(get R_RAW_CHECKIN "$backend")")"
done
for backend in ${RAN[@]+"${RAN[@]}"}; do
    [[ "$(get R_SWEEP_S "$backend")" != n/a ]] || continue
    # Seconds: the raw time over Sportello's is the share of the limit it reaches.
    printf '| no-show sweep: %s due among %s bookings, released %s / raw %s (seconds, whole process; ratio is raw / Sportello) | %s | %s | %s | %s |\n' \
        100000 "$(get R_SWEEP_ROWS "$backend")" "$(get R_SWEEP_N "$backend")" "$(get R_RAW_SWEEP_N "$backend")" "$backend" \
        "$(get R_SWEEP_S "$backend")" "$(get R_RAW_SWEEP_S "$backend")" \
        "$(ratio "$(get R_RAW_SWEEP_S "$backend")" "$(get R_SWEEP_S "$backend")")"
done

# The 08:00 rush on both databases, beside the raw hot transaction (bench/rush.sh).
if [[ "${BENCH_RUSH:-1}" == 1 && "$PG_OK" == 1 ]]; then
    echo
    BENCH_BUILD=0 BENCH_PG_URL="$PG_URL" BENCH_PGBENCH_SECONDS="$PGBENCH_SECONDS" \
        CARGO_TARGET_DIR="$TARGET_DIR" bash "$ROOT/bench/rush.sh" || log "rush: failed"
fi
