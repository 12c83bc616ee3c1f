#!/usr/bin/env bash
# The 08:00 rush (issue 19): one release `sportello` on PostgreSQL, then on SQLite;
# `loadgen --mode rush` sends 5,000 citizens over 60 s at the newly opened morning of a
# fresh office (list days, list times, hold, book; see loadgen/src/rush.rs). Beside it,
# the raw limit of a booking on one popular slot: bench/hot_booking.pgbench, 32 clients,
# 15 s, on a database of its own. Loopback only, bounded in time. Prints Markdown.
#
# Knobs: BENCH_CITIZENS=5000 BENCH_RUSH_SECONDS=60 BENCH_COUNTERS=20 BENCH_HOT_CLIENTS=32
#        BENCH_PGBENCH_SECONDS=15 BENCH_BUILD=1 BENCH_PG_URL=postgres://postgres@127.0.0.1:5432
set -euo pipefail
BENCH_NAME=rush-bench
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-rush.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
CITIZENS="${BENCH_CITIZENS:-5000}"
SECONDS_="${BENCH_RUSH_SECONDS:-60}"
COUNTERS="${BENCH_COUNTERS:-20}"
HOT_CLIENTS="${BENCH_HOT_CLIENTS:-32}"
PGBENCH_SECONDS="${BENCH_PGBENCH_SECONDS:-15}"
build_release

rush() { # NAME DB_URL -> JSON line
    local name="$1" db="$2"
    start_server "$name" "$db"
    log "$name: $CITIZENS citizens over ${SECONDS_}s, $COUNTERS counters"
    timeout $((SECONDS_ + 300)) "$BIN/loadgen" --mode rush --base-url "$SERVER_BASE" \
        --email bench@example.org --password benchpassword --citizens "$CITIZENS" --seconds "$SECONDS_" \
        --counters "$COUNTERS" --json
    log "$name: peak RSS $(peak_rss_kb "$SERVER_PID") kB"
    kill "$SERVER_PID" 2>/dev/null || true
}

PG="$(rush postgres "$(new_pg_db sportello_rush)")"
log "postgres: $PG"
SQLITE="$(rush sqlite "sqlite://$WORK/rush.db?mode=rwc")"
log "sqlite: $SQLITE"
RAW="$(raw_hot "$HOT_CLIENTS" "$PGBENCH_SECONDS")"
log "raw: $RAW"

python3 - "$PG" "$SQLITE" "$RAW" "$HOT_CLIENTS" <<'PY'
import json, sys
pg, sq, raw = (json.loads(a) for a in sys.argv[1:4])
print("## The 08:00 rush")
print()
print(f"{pg['citizens']} citizens over {pg['window_s']} s, most at the opening (the i-th of n at window × (i/n)²), "
      f"at a newly opened morning of {pg['capacity']} places (list days, list times, hold, book; loadgen --mode rush).")
print()
print("| | PostgreSQL | SQLite |")
print("| --- | ---: | ---: |")
print(f"| booked / capacity | {pg['booked']} / {pg['capacity']} | {sq['booked']} / {sq['capacity']} |")
print(f"| found the morning full | {pg['sold_out']} | {sq['sold_out']} |")
print(f"| gave up after three refused holds | {pg['gave_up']} | {sq['gave_up']} |")
print(f"| hold lapsed before booking | {pg['hold_lost']} | {sq['hold_lost']} |")
print(f"| errors (besides 409 and 422) | {pg['errors']} | {sq['errors']} |")
for step in ["days", "times", "hold", "book"]:
    a, b = pg["steps"].get(step, {}), sq["steps"].get(step, {})
    fmt = lambda s: f"{s.get('requests', 0)} req, p50 {s.get('p50_ms', '-')} / p99 {s.get('p99_ms', '-')} ms"
    print(f"| {step} | {fmt(a)} | {fmt(b)} |")
print()
print(f"Raw hot transaction (bench/hot_booking.pgbench, {sys.argv[4]} clients): {raw['tps']} tps, "
      f"p50 {raw['p50_ms']} ms, p99 {raw['p99_ms']} ms.")
PY
