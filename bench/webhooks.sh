#!/usr/bin/env bash
# Webhook benchmark (issue 21), loopback only, bounded in time. On PostgreSQL, a booking
# storm (64 clients, 10 s) on a fresh office:
#  1. without webhooks (the confirmations go to .eml files, as in every run);
#  2. with 5 endpoints for booking.created on a counting receiver (hook_sink), so every
#     booking queues five deliveries that the sender posts while the storm goes on.
# The receiver reports the deliveries and their rate from the first to the last (when
# the backlog has drained), and the distinct webhook-ids (at-least-once: duplicates
# would show as received > distinct). Prints a markdown table on stdout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-hooks.XXXXXX")"
PIDS=()
DBS=()
log() { printf '[hooks-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for d in "${DBS[@]}"; do psql "$PG_URL/postgres" -Xqc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json() { python3 -c 'import json,sys; v=json.loads(sys.argv[1]).get(sys.argv[2], "n/a"); print(round(v, 1) if isinstance(v, float) else v)' "$1" "$2"; }

if [[ "${BENCH_BUILD:-1}" == 1 ]]; then
    log "building release binaries"
    cargo build --release -p sportello --bin sportello -p loadgen --bins >&2
fi

# start_server NAME -> sets BASE
start_server() {
    local name="$1" db port
    db="sportello_hooks_${name}_$$"
    psql "$PG_URL/postgres" -Xqc "CREATE DATABASE $db" >/dev/null
    DBS+=("$db")
    port="$(free_port)"
    mkdir -p "$WORK/$name"
    local -a env=(SPORTELLO_DATABASE_URL="$PG_URL/$db" SPORTELLO_BIND="127.0.0.1:$port" SPORTELLO_DEMO=off
                  SPORTELLO_RATE_LIMIT=off SPORTELLO_MAIL_DIR="$WORK/$name/outbox"
                  SPORTELLO_WEBHOOK_ALLOW_PRIVATE=on RUST_LOG=warn)
    printf 'benchpassword\n' | (cd "$WORK/$name" && env "${env[@]}" "$BIN/sportello" user create --email bench@example.org --role admin) >/dev/null
    (cd "$WORK/$name" && exec env "${env[@]}" "$BIN/sportello" serve) >"$WORK/$name/server.log" 2>&1 &
    PIDS+=($!)
    BASE="http://127.0.0.1:$port"
    for _ in $(seq 1 100); do curl -fsS "$BASE/readyz" >/dev/null 2>&1 && return 0; sleep 0.1; done
    log "server $name did not become ready"; return 1
}

book() { # BASE [loadgen flags…] -> JSON line
    local base="$1"; shift
    timeout 300 "$BIN/loadgen" --base-url "$base" --email bench@example.org --password benchpassword \
        --mode book --clients 64 --seconds 10 --json "$@" | tail -n 1
}

start_server plain
log "booking storm without webhooks"
PLAIN="$(book "$BASE")"
log "without: $PLAIN"

SINK_PORT="$(free_port)"
timeout 300 "$BIN/hook_sink" --port "$SINK_PORT" --idle-exit 5 --seconds 240 >"$WORK/sink.json" &
SINK=$!
start_server hooks
log "booking storm with 5 webhook endpoints"
HOOKS="$(book "$BASE" $(for i in 1 2 3 4 5; do printf -- '--webhook http://127.0.0.1:%s/hook%s ' "$SINK_PORT" "$i"; done))"
log "with: $HOOKS"
wait "$SINK" || true
SINKED="$(cat "$WORK/sink.json")"
log "receiver: $SINKED"

echo "## Sportello webhook benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo
echo "| run | bookings/s | p50 ms | p99 ms | deliveries | distinct ids | endpoints | delivery rate (deliveries/s) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
echo "| storm, no webhook | $(json "$PLAIN" bookings_per_s) | $(json "$PLAIN" p50_ms) | $(json "$PLAIN" p99_ms) | | | | |"
echo "| storm, 5 endpoints (booking.created) | $(json "$HOOKS" bookings_per_s) | $(json "$HOOKS" p50_ms) | $(json "$HOOKS" p99_ms) | $(json "$SINKED" received) | $(json "$SINKED" distinct_ids) | $(json "$SINKED" endpoints) | $(json "$SINKED" per_s) |"
echo
echo "Bookings made in the second storm: $(json "$HOOKS" bookings) (5 deliveries each expected)."
