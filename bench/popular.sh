#!/usr/bin/env bash
# One popular start (issue 19, point 2): a fresh office of BENCH_PLACES counters (one
# place each per 10-minute slot), and BENCH_HOT_CLIENTS clients booking its slots in time
# order, so that all of them want the same start until it is full, then the next
# (loadgen --mode book --sequential --counters N). Beside it, in the same run, the raw hot
# transaction (bench/hot_booking.pgbench) with as many clients. PostgreSQL by default;
# BENCH_BACKENDS="postgres sqlite" adds SQLite. Loopback only. Prints Markdown.
#
# Knobs: BENCH_PLACES=500 BENCH_HOT_CLIENTS=32 BENCH_SECONDS=10 BENCH_PGBENCH_SECONDS=15
#        BENCH_BACKENDS=postgres BENCH_BUILD=1 BENCH_PG_URL=postgres://postgres@127.0.0.1:5432
#        BENCH_SERVER_ENV="SPORTELLO_BACKGROUND_JOBS=off" (extra server variables)
set -euo pipefail
BENCH_NAME=popular
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-popular.XXXXXX")"
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
PLACES="${BENCH_PLACES:-500}"
CLIENTS="${BENCH_HOT_CLIENTS:-32}"
SECONDS_="${BENCH_SECONDS:-10}"
PGBENCH_SECONDS="${BENCH_PGBENCH_SECONDS:-15}"
read -r -a SERVER_ENV <<<"${BENCH_SERVER_ENV:-}"
build_release

declare -A OUT
for backend in ${BENCH_BACKENDS:-postgres}; do
    case "$backend" in
        postgres) url="$(new_pg_db sportello_popular)" ;;
        sqlite) url="sqlite://$WORK/popular.db?mode=rwc" ;;
        *) log "unknown backend $backend"; exit 2 ;;
    esac
    start_server "$backend" "$url" ${SERVER_ENV[@]+"${SERVER_ENV[@]}"}
    log "$backend: $CLIENTS clients on starts of $PLACES places, ${SECONDS_}s"
    OUT[$backend]="$(timeout $((SECONDS_ + 300)) "$BIN/loadgen" --base-url "$SERVER_BASE" \
        --email bench@example.org --password benchpassword --mode book --sequential \
        --counters "$PLACES" --clients "$CLIENTS" --seconds "$SECONDS_" --json | tail -n 1)"
    log "$backend: ${OUT[$backend]}"
    kill "$SERVER_PID" 2>/dev/null || true
done
RAW="$(raw_hot "$CLIENTS" "$PGBENCH_SECONDS")"
log "raw: $RAW"

for backend in "${!OUT[@]}"; do
    python3 - "$backend" "${OUT[$backend]}" "$RAW" "$PLACES" "$CLIENTS" <<'PY'
import json, sys
backend, run, raw = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
places, clients = sys.argv[4], sys.argv[5]
rate = run["bookings_per_s"]
print(f"| {backend} | {places} | {clients} | {rate} | {run['p50_ms']} | {run['p99_ms']} | {run.get('errors', 0)} "
      f"| {raw['tps']} | {raw['p99_ms']} | {rate / raw['tps']:.2f} |")
PY
done | { echo "| backend | places a start | clients | booked/s | p50 ms | p99 ms | errors | raw hot tps | raw p99 ms | ratio |"; echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"; cat; }
