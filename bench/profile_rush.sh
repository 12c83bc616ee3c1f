#!/usr/bin/env bash
# Where the time of the 08:00 rush goes (issue 19), on PostgreSQL: one release `sportello`
# on a fresh database, `loadgen --mode rush`, and meanwhile
#   - PostgreSQL's side: `pg_stat_activity` sampled every 50 ms, as a histogram of what the
#     server's connections were doing (running, waiting for a lock, for the WAL flush of a
#     commit, or idle in a transaction while Sportello computes);
#   - Sportello's side: `perf record` of the server process (CPU samples with call
#     graphs), reported as the functions that use the most CPU, when perf works here.
# Run by hand; prints Markdown. Knobs as bench/rush.sh (BENCH_CITIZENS, BENCH_RUSH_SECONDS,
# BENCH_COUNTERS, BENCH_BUILD, BENCH_PG_URL), plus BENCH_SLOT_CACHE=off, and
# BENCH_PROFILE=popular for one popular start (bench/popular.sh) instead of the rush.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-profile.XXXXXX")"
CITIZENS="${BENCH_CITIZENS:-5000}"
SECONDS_="${BENCH_RUSH_SECONDS:-60}"
COUNTERS="${BENCH_COUNTERS:-20}"
DB="sportello_profile_$$"
PIDS=()
log() { printf '[profile %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    psql "$PG_URL/postgres" -Xqc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [[ "${BENCH_BUILD:-1}" == 1 ]]; then
    cargo build --release -p sportello --bin sportello -p loadgen --bin loadgen >&2
fi
psql "$PG_URL/postgres" -Xqc "CREATE DATABASE $DB" >/dev/null
env=(SPORTELLO_DATABASE_URL="$PG_URL/$DB" SPORTELLO_DEMO=off SPORTELLO_RATE_LIMIT=off
     SPORTELLO_MAIL_DIR="$WORK/outbox" SPORTELLO_SMTP_URL= RUST_LOG=warn
     SPORTELLO_SLOT_CACHE="${BENCH_SLOT_CACHE:-on}")
printf 'benchpassword\n' | (cd "$WORK" && env "${env[@]}" SPORTELLO_BIND=127.0.0.1:0 "$BIN/sportello" user create --email bench@example.org --role admin) >/dev/null
port="$(free_port)"
(cd "$WORK" && exec env "${env[@]}" SPORTELLO_BIND="127.0.0.1:$port" "$BIN/sportello" serve) >"$WORK/server.log" 2>&1 &
server=$!
PIDS+=("$server")
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done

if [[ "${BENCH_PROFILE:-rush}" == popular ]]; then
    # One popular start instead (bench/popular.sh): 32 clients on starts of COUNTERS places.
    log "popular start: 32 clients, $COUNTERS places a start, ${SECONDS_}s"
    "$BIN/loadgen" --mode book --sequential --base-url "http://127.0.0.1:$port" --email bench@example.org \
        --password benchpassword --clients 32 --seconds "$SECONDS_" --counters "$COUNTERS" \
        --json >"$WORK/rush.json" 2>"$WORK/rush.err" &
else
    log "rush: $CITIZENS citizens over ${SECONDS_}s"
    "$BIN/loadgen" --mode rush --base-url "http://127.0.0.1:$port" --email bench@example.org \
        --password benchpassword --citizens "$CITIZENS" --seconds "$SECONDS_" --counters "$COUNTERS" \
        --json >"$WORK/rush.json" 2>"$WORK/rush.err" &
fi
load=$!
PIDS+=("$load")
PERF=0
if command -v perf >/dev/null && perf record -F 99 -o "$WORK/probe.data" -- true >/dev/null 2>&1; then
    PERF=1
    perf record -F 499 -g -p "$server" -o "$WORK/perf.data" -- sleep "$SECONDS_" >/dev/null 2>&1 &
    PERF_PID=$!
    PIDS+=("$PERF_PID")
fi
# Sample what PostgreSQL's connections to the database do while the load runs.
while kill -0 "$load" 2>/dev/null; do
    psql "$PG_URL/postgres" -XAtc "SELECT coalesce(wait_event_type || ':' || wait_event, CASE WHEN state = 'active' THEN 'running' ELSE state END) FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()" >>"$WORK/waits.txt" 2>/dev/null || true
    sleep 0.05
done
wait "$load" || true
# Only perf: a bare `wait` would wait for the server too, for ever.
[[ -n "${PERF_PID:-}" ]] && { wait "$PERF_PID" 2>/dev/null || true; }

echo "## Where the rush's time goes (PostgreSQL)"
echo
echo "Rush result: \`$(tail -n 1 "$WORK/rush.json")\`"
echo
echo "What PostgreSQL's connections were doing, sampled every 50 ms during the rush:"
echo
echo "| state or wait event | share of samples |"
echo "| --- | ---: |"
sort "$WORK/waits.txt" | uniq -c | sort -rn | head -n 12 |
    awk -v total="$(wc -l <"$WORK/waits.txt")" '{ n=$1; $1=""; printf "| %s | %.1f %% |\n", substr($0,2), 100*n/total }'
echo
if [[ "$PERF" == 1 ]]; then
    echo "Sportello's CPU (perf, functions with the most samples, self time):"
    echo
    echo '```'
    perf report -i "$WORK/perf.data" --stdio --no-children --sort symbol 2>/dev/null |
        grep -E '^ +[0-9.]+%' | head -n 25
    echo '```'
else
    echo "perf does not work on this machine; no CPU profile."
fi
