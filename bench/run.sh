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
# 3. runs pgbench with bench/booking.pgbench (bench/pgbench_schema.sql) on a fresh database:
#    PostgreSQL's raw limit for a booking-shaped transaction on this machine;
# 4. prints a markdown summary table on stdout. Progress and details go to stderr.
#
# Only 127.0.0.1 is contacted. Every step has a time limit.
#
# Knobs (environment):
#   BENCH_BACKENDS="sqlite postgres"   which backends to run
#   BENCH_CLIENTS=64                   loadgen clients and pgbench clients
#   BENCH_BOOK_SECONDS=15  BENCH_SLOTS_SECONDS=10  BENCH_PGBENCH_SECONDS=15
#   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432   server URL without database
#   BENCH_BUILD=1                      0 skips `cargo build` (binaries must exist)
#   BENCH_SPORTELLO_BIN, BENCH_LOADGEN_BIN   binaries (default target/release/...)
#   BENCH_KEEP_WORK=1                  keep the temp folder (server logs, JSON results)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BACKENDS="${BENCH_BACKENDS:-sqlite postgres}"
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

    case "$backend" in
    sqlite) db_url="sqlite://$dir/sportello.db?mode=rwc" ;;
    postgres)
        dbname="sportello_bench_$(rand_suffix)"
        create_db "$dbname" || return 1
        db_url="$PG_URL/$dbname"
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
    if [[ -n "$dbname" ]]; then
        drop_db "$dbname"
    fi
    return 0
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
for tool in curl awk timeout; do
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
    if [[ "$backend" == postgres && "$PG_OK" != 1 ]]; then
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

# --- summary -----------------------------------------------------------------------------

get() { # ARRAY-NAME KEY
    local -n arr="$1"
    echo "${arr[$2]:-n/a}"
}

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
