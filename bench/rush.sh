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
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-rush.XXXXXX")"
CITIZENS="${BENCH_CITIZENS:-5000}"
SECONDS_="${BENCH_RUSH_SECONDS:-60}"
COUNTERS="${BENCH_COUNTERS:-20}"
HOT_CLIENTS="${BENCH_HOT_CLIENTS:-32}"
PGBENCH_SECONDS="${BENCH_PGBENCH_SECONDS:-15}"
PIDS=()
DBS=()
log() { printf '[rush-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for d in "${DBS[@]}"; do psql "$PG_URL/postgres" -Xqc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [[ "${BENCH_BUILD:-1}" == 1 ]]; then
    log "building release binaries"
    cargo build --release -p sportello --bin sportello -p loadgen --bin loadgen >&2
fi

rush() { # NAME DB_URL -> JSON line
    local name="$1" db="$2" port
    mkdir -p "$WORK/$name"
    local -a env=(SPORTELLO_DATABASE_URL="$db" SPORTELLO_DEMO=off SPORTELLO_RATE_LIMIT=off
                  SPORTELLO_MAIL_DIR="$WORK/$name/outbox" SPORTELLO_SMTP_URL= RUST_LOG=warn)
    printf 'benchpassword\n' | (cd "$WORK/$name" && env "${env[@]}" SPORTELLO_BIND=127.0.0.1:0 "$BIN/sportello" user create --email bench@example.org --role admin) >/dev/null
    port="$(free_port)"
    (cd "$WORK/$name" && exec env "${env[@]}" SPORTELLO_SLOT_CACHE="${BENCH_SLOT_CACHE:-on}" SPORTELLO_BIND="127.0.0.1:$port" "$BIN/sportello" serve) >"$WORK/$name/server.log" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
    log "$name: $CITIZENS citizens over ${SECONDS_}s, $COUNTERS counters"
    timeout $((SECONDS_ + 300)) "$BIN/loadgen" --mode rush --base-url "http://127.0.0.1:$port" \
        --email bench@example.org --password benchpassword --citizens "$CITIZENS" --seconds "$SECONDS_" \
        --counters "$COUNTERS" --json
    local rss
    rss="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
    log "$name: peak RSS ${rss} kB"
    kill "$pid" 2>/dev/null || true
}

DB="sportello_rush_$$"
psql "$PG_URL/postgres" -Xqc "CREATE DATABASE $DB" >/dev/null
DBS+=("$DB")
PG="$(rush postgres "$PG_URL/$DB")"
log "postgres: $PG"
SQLITE="$(rush sqlite "sqlite://$WORK/rush.db?mode=rwc")"
log "sqlite: $SQLITE"

HOT="sportello_hot_$$"
psql "$PG_URL/postgres" -Xqc "CREATE DATABASE $HOT" >/dev/null
DBS+=("$HOT")
psql "$PG_URL/$HOT" -Xq -v ON_ERROR_STOP=1 -f bench/hot_schema.sql >/dev/null
log "raw hot transaction: pgbench -c $HOT_CLIENTS -T $PGBENCH_SECONDS"
(cd "$WORK" && pgbench -n -c "$HOT_CLIENTS" -j 2 -T "$PGBENCH_SECONDS" -l --log-prefix=hot \
    -f "$ROOT/bench/hot_booking.pgbench" "$PG_URL/$HOT" >"$WORK/hot.out" 2>&1)
RAW="$(python3 - "$WORK" <<'PY'
import glob, json, re, sys
work = sys.argv[1]
lat = sorted(int(l.split()[2]) / 1000 for f in glob.glob(f"{work}/hot*") if not f.endswith(".out") for l in open(f) if l.strip())
out = open(f"{work}/hot.out").read()
tps = float(re.search(r"tps = ([0-9.]+)", out).group(1))
p = lambda q: round(lat[min(len(lat) - 1, round((len(lat) - 1) * q))], 1)
print(json.dumps({"tps": round(tps, 1), "p50_ms": p(0.5), "p99_ms": p(0.99), "n": len(lat)}))
PY
)"
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
