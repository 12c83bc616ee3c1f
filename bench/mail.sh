#!/usr/bin/env bash
# Email benchmarks (issue 4), loopback only, bounded in time:
#  1. outbox delivery rate: a booking storm (64 clients, 10 s) on PostgreSQL while the
#     sender delivers to a local SMTP sink; the sink measures from the first message to
#     the last, when the backlog has drained;
#  2. booking latency while the sender works against a slow SMTP server (200 ms per
#     message), versus writing .eml files, versus no sender at all.
# Prints a markdown table on stdout; details on stderr.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-mail.XXXXXX")"
PIDS=()
DBS=()
log() { printf '[mail-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
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

# start_server NAME SMTP_URL [JOBS] -> sets BASE
start_server() {
    local name="$1" smtp="$2" jobs="${3:-on}" db port
    db="sportello_mail_${name}_$$"
    psql "$PG_URL/postgres" -Xqc "CREATE DATABASE $db" >/dev/null
    DBS+=("$db")
    port="$(free_port)"
    mkdir -p "$WORK/$name"
    local -a env=(SPORTELLO_DATABASE_URL="$PG_URL/$db" SPORTELLO_BIND="127.0.0.1:$port" SPORTELLO_DEMO=off
                  SPORTELLO_RATE_LIMIT=off SPORTELLO_MAIL_DIR="$WORK/$name/outbox" SPORTELLO_SMTP_URL="$smtp"
                  SPORTELLO_MAIL_RETRY_SECONDS=1 SPORTELLO_BACKGROUND_JOBS="$jobs" RUST_LOG=warn)
    printf 'benchpassword\n' | (cd "$WORK/$name" && env "${env[@]}" "$BIN/sportello" user create --email bench@example.org --role admin) >/dev/null
    (cd "$WORK/$name" && exec env "${env[@]}" "$BIN/sportello" serve) >"$WORK/$name/server.log" 2>&1 &
    PIDS+=($!)
    BASE="http://127.0.0.1:$port"
    for _ in $(seq 1 100); do curl -fsS "$BASE/readyz" >/dev/null 2>&1 && return 0; sleep 0.1; done
    log "server $name did not become ready"; return 1
}

book() { # BASE -> JSON line
    timeout 300 "$BIN/loadgen" --base-url "$1" --email bench@example.org --password benchpassword \
        --mode book --clients 64 --seconds 10 --json | tail -n 1
}

# 1. Delivery rate.
SINK_PORT="$(free_port)"
timeout 300 "$BIN/smtp_sink" --port "$SINK_PORT" --idle-exit 5 --seconds 240 >"$WORK/sink1.json" &
SINK=$!
start_server rate "smtp://127.0.0.1:$SINK_PORT"
log "booking storm with the sender delivering to a fast sink"
RATE_BOOK="$(book "$BASE")"
wait "$SINK" || true
SINK1="$(cat "$WORK/sink1.json")"
log "sink: $SINK1"

# 2. Booking latency: slow SMTP versus files.
SLOW_PORT="$(free_port)"
timeout 300 "$BIN/smtp_sink" --port "$SLOW_PORT" --delay-ms 200 --seconds 60 >/dev/null &
PIDS+=($!)
start_server slow "smtp://127.0.0.1:$SLOW_PORT"
log "booking storm with a slow SMTP server (200 ms a message)"
SLOW_BOOK="$(book "$BASE")"
start_server files ""
log "booking storm writing .eml files"
FILES_BOOK="$(book "$BASE")"
start_server nojobs "" off
log "booking storm without any sender (background jobs off)"
NOJOBS_BOOK="$(book "$BASE")"

echo "## Sportello email benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo
echo "| run | bookings/s | p50 ms | p99 ms | messages delivered | delivery rate (messages/s) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
echo "| storm, sender → fast SMTP sink | $(json "$RATE_BOOK" bookings_per_s) | $(json "$RATE_BOOK" p50_ms) | $(json "$RATE_BOOK" p99_ms) | $(json "$SINK1" received) | $(json "$SINK1" per_s) |"
echo "| storm, sender → slow SMTP (200 ms/message) | $(json "$SLOW_BOOK" bookings_per_s) | $(json "$SLOW_BOOK" p50_ms) | $(json "$SLOW_BOOK" p99_ms) | | |"
echo "| storm, sender → .eml files | $(json "$FILES_BOOK" bookings_per_s) | $(json "$FILES_BOOK" p50_ms) | $(json "$FILES_BOOK" p99_ms) | | |"
echo "| storm, no sender (background jobs off) | $(json "$NOJOBS_BOOK" bookings_per_s) | $(json "$NOJOBS_BOOK" p50_ms) | $(json "$NOJOBS_BOOK" p99_ms) | | |"
