#!/usr/bin/env bash
# The queue's benchmark (issue 17): three release `sportello` processes on one database
# (PostgreSQL, then one SQLite file); 20 clerks press "Call next" over 2,000 tickets, then
# 250 phones and 250 displays follow the streams while 20 calls are made. Beside it, the
# raw limit: the essence of a call as a pgbench script, 20 clients, the same 2,000 calls.
# Loopback only, bounded in time. Prints a Markdown table.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-queue.XXXXXX")"
TICKETS="${BENCH_TICKETS:-2000}"
PIDS=()
DBS=()
log() { printf '[queue-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for d in "${DBS[@]}"; do psql "$PG_URL/postgres" -Xqc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [[ "${BENCH_BUILD:-1}" == 1 ]]; then
    log "building release binaries"
    cargo build --release -p sportello --bin sportello -p loadgen --bins >&2
fi

run() { # NAME DB_URL -> JSON line
    local name="$1" db="$2" bases=() pids=()
    mkdir -p "$WORK/$name"
    local -a env=(SPORTELLO_DATABASE_URL="$db" SPORTELLO_DEMO=off SPORTELLO_RATE_LIMIT=off
                  SPORTELLO_MAIL_DIR="$WORK/$name/outbox" SPORTELLO_SMTP_URL= SPORTELLO_BACKGROUND_JOBS=off RUST_LOG=warn)
    printf 'benchpassword\n' | (cd "$WORK/$name" && env "${env[@]}" SPORTELLO_BIND=127.0.0.1:0 "$BIN/sportello" user create --email bench@example.org --role admin) >/dev/null
    for i in 1 2 3; do
        local port; port="$(free_port)"
        (cd "$WORK/$name" && exec env "${env[@]}" SPORTELLO_BIND="127.0.0.1:$port" "$BIN/sportello" serve) >"$WORK/$name/server$i.log" 2>&1 &
        PIDS+=($!); pids+=($!)
        for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
        bases+=("http://127.0.0.1:$port")
    done
    log "$name: $TICKETS tickets, 20 clerks over 3 processes, then 500 streams"
    timeout 600 "$BIN/queue_bench" --bases "$(IFS=,; echo "${bases[*]}")" --pids "$(IFS=,; echo "${pids[*]}")" \
        --email bench@example.org --password benchpassword --tickets "$TICKETS" --clerks 20 --phones 250 --calls 20
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
}

DB="sportello_queue_$$"
psql "$PG_URL/postgres" -Xqc "CREATE DATABASE $DB" >/dev/null
DBS+=("$DB")
PG="$(run postgres "$PG_URL/$DB")"
log "postgres: $PG"
SQLITE="$(run sqlite "sqlite://$WORK/queue.db?mode=rwc")"
log "sqlite: $SQLITE"

RAW="sportello_queue_raw_$$"
psql "$PG_URL/postgres" -Xqc "CREATE DATABASE $RAW" >/dev/null
DBS+=("$RAW")
psql "$PG_URL/$RAW" -Xq -v tickets="$TICKETS" -f bench/queue_raw.sql >/dev/null
log "raw: pgbench, 20 clients, $TICKETS calls"
(cd "$WORK" && pgbench -n -c 20 -j 2 -t $((TICKETS / 20)) -l --log-prefix=raw -f "$ROOT/bench/queue_call.pgbench" "$PG_URL/$RAW" >"$WORK/pgbench.out" 2>&1)
RAW_JSON="$(python3 - "$WORK" <<'PY'
import glob, json, re, sys
work = sys.argv[1]
lat = sorted(int(l.split()[2]) / 1000 for f in glob.glob(f"{work}/raw*") for l in open(f) if l.strip())
out = open(f"{work}/pgbench.out").read()
tps = float(re.search(r"tps = ([0-9.]+)", out).group(1))
p = lambda q: round(lat[min(len(lat) - 1, round((len(lat) - 1) * q))], 1)
print(json.dumps({"tps": round(tps, 1), "p50_ms": p(0.5), "p99_ms": p(0.99), "n": len(lat)}))
PY
)"
log "raw: $RAW_JSON"

python3 - "$PG" "$SQLITE" "$RAW_JSON" <<'PY'
import json, sys
pg, sq, raw = (json.loads(a) for a in sys.argv[1:])
print("## Sportello queue benchmark")
print()
print("| work | PostgreSQL | SQLite | raw limit (pgbench, PostgreSQL) |")
print("| --- | ---: | ---: | ---: |")
c = lambda j, k: j["calls"][k]
print(f"| Call next, 20 clerks × 3 processes: calls/s | {c(pg,'calls_per_s')} ({c(pg,'calls_per_s')/raw['tps']:.2f} of raw) | {c(sq,'calls_per_s')} | {raw['tps']} tps |")
print(f"| Call next p50 / p99 ms | {c(pg,'p50_ms')} / {c(pg,'p99_ms')} | {c(sq,'p50_ms')} / {c(sq,'p99_ms')} | {raw['p50_ms']} / {raw['p99_ms']} |")
print(f"| every ticket called once | {c(pg,'called_once')} | {c(sq,'called_once')} | |")
f = lambda j, k: j["fanout"][k]
for label, k in [("display delivery p50 / p99 ms", "display"), ("phone delivery p50 / p99 ms", "phone")]:
    print(f"| {label} ({f(pg,'streams')} streams) | {f(pg,k+'_p50_ms')} / {f(pg,k+'_p99_ms')} (missed {f(pg,k+'_missed')}) | {f(sq,k+'_p50_ms')} / {f(sq,k+'_p99_ms')} (missed {f(sq,k+'_missed')}) | |")
print(f"| resident memory per open stream, KiB | {f(pg,'kib_per_stream')} | {f(sq,'kib_per_stream')} | |")
PY
