#!/usr/bin/env bash
# A national year (issue 19, point 5): the same measurements on a small database and on one
# holding a year of Italy's registry offices, on PostgreSQL. Run by hand, not in CI: the big
# fixture takes tens of minutes and about 15 GB; both databases are dropped afterwards.
#
#   bash bench/national.sh > national.md
#
# Each database gets its offices through the API (one room, 4 counters, 2 services of 20
# minutes, Monday to Friday 08:30-11:50), and then, in SQL, every slot of every counter for
# the 261 working days of the year before today (served, 10 % no-shows, 10 % cancelled)
# and half the counters of the next 60 days (confirmed): about 11,300 bookings an office.
# The small database has BENCH_SMALL_OFFICES (20: about 226,000 bookings), the big one
# BENCH_OFFICES (2,000: about 22.6 million). Then, against a release `sportello` on each:
#   - booking: loadgen book mode on an existing office of the fixture, 32 clients;
#   - slot list: loadgen slots mode, 30 days of an office of the fixture, 16 clients and 1;
#   - check-in: loadgen checkin mode (its own office, in the same big table), 32 scanners;
#   - statistics: a year of one office, by day, 5 times (median);
#   - no-show sweep: 100,000 due bookings spread over all offices, `sportello release-no-shows`.
#   - the sweep's statement under EXPLAIN (ANALYZE, BUFFERS, WAL) on a second batch of
#     100,000, printed after the table (BENCH_EXPLAIN=0 skips it).
# Knobs: BENCH_OFFICES=2000 BENCH_SMALL_OFFICES=20 BENCH_SECONDS=15 BENCH_BUILD=1
#        BENCH_PG_URL=postgres://postgres@127.0.0.1:5432 BENCH_SIZES="small big" BENCH_EXPLAIN=1
#        BENCH_KEEP_DB=1 (keep the databases for experiments by hand; drop them afterwards)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-national.XXXXXX")"
SECONDS_="${BENCH_SECONDS:-15}"
SIZES="${BENCH_SIZES:-small big}"
PIDS=()
DBS=()
log() { printf '[national %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for d in "${DBS[@]}"; do psql "$PG_URL/postgres" -Xqc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_s() { date +%s.%N; }
json_field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], ""))' "$1" "$2"; }

if [[ "${BENCH_BUILD:-1}" == 1 ]]; then
    cargo build --release -p sportello --bin sportello -p loadgen --bin loadgen >&2
fi

# 100,000 due bookings spread over all the fixture's counters, two hours ago; PREFIX keeps
# their references and codes apart from another batch's.
due_bookings() { # DB PREFIX
    psql "$PG_URL/$1" -X -q -v ON_ERROR_STOP=1 -v p="$2" <<'SQL'
INSERT INTO booking (office_id, service_id, counter_id, room_id, occupies_room, status, start_at,
  end_at, room_from, party_size, reference, checkin_token, citizen_name, citizen_email, language, created_at)
SELECT c.office_id, (SELECT min(id) FROM service WHERE office_id = c.office_id), c.id, c.room_id, true,
  'confirmed', t, t + interval '20 minutes', t, 1, :'p' || g, md5(:'p' || g), 'Cittadino', 'due@example.org', 'it', now()
FROM generate_series(1, 100000) g
JOIN counter c ON c.id = 1 + g % (SELECT count(*) FROM counter)
CROSS JOIN LATERAL (SELECT date_trunc('minute', now()) - interval '2 hours' - (g % 50) * interval '1 minute' AS t) x;
VACUUM (ANALYZE) booking;
CHECKPOINT;
SQL
}

declare -A R
measure() { # SIZE OFFICES
    local size="$1" offices="$2" db="sportello_national_${1}_$$" dir="$WORK/$1" port pid base t0 t1
    mkdir -p "$dir"
    psql "$PG_URL/postgres" -Xqc "CREATE DATABASE $db" >/dev/null
    DBS+=("$db")
    local -a env=(SPORTELLO_DATABASE_URL="$PG_URL/$db" SPORTELLO_DEMO=off SPORTELLO_RATE_LIMIT=off
        SPORTELLO_MAIL_DIR="$dir/outbox" SPORTELLO_SMTP_URL= RUST_LOG=warn
        SPORTELLO_BACKGROUND_JOBS=off SPORTELLO_CHECKIN_EARLY_MINUTES=200000)
    printf 'benchpassword\n' | (cd "$dir" && env "${env[@]}" SPORTELLO_BIND=127.0.0.1:0 "$BIN/sportello" user create --email bench@example.org --role admin) >/dev/null
    port="$(free_port)"
    base="http://127.0.0.1:$port"
    (cd "$dir" && exec env "${env[@]}" SPORTELLO_BIND="127.0.0.1:$port" "$BIN/sportello" serve) >"$dir/server.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    for _ in $(seq 1 100); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.1; done

    log "$size: $offices offices through the API"
    python3 - "$base" "$offices" >"$dir/token" <<'PY'
import json, sys, urllib.request
base, n = sys.argv[1], int(sys.argv[2])
def call(method, path, body, token=None):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method=method,
                                 headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")
token = call("POST", "/api/v1/auth/tokens", {"email": "bench@example.org", "password": "benchpassword"})["token"]
hours = {d: [["08:30", "12:10"]] for d in ["mon", "tue", "wed", "thu", "fri"]}
for i in range(n):
    o = call("POST", "/api/v1/offices", {"name": f"Anagrafe {i + 1}", "address": "Via Roma 1", "timezone": "Europe/Rome", "arrival_margin_minutes": 10}, token)
    room = call("POST", f"/api/v1/offices/{o['id']}/rooms", {"name": "Sala", "occupancy_limit": 30}, token)
    svcs = [call("POST", f"/api/v1/offices/{o['id']}/services", {"name": name, "duration_minutes": 20, "horizon_days": 60,
                 "min_notice_minutes": 60, "no_show_grace_minutes": 15}, token)["id"] for name in ["Carta d'identità", "Certificati"]]
    for c in range(4):
        call("POST", f"/api/v1/rooms/{room['id']}/counters", {"name": f"Sportello {c + 1}", "service_ids": svcs}, token)
    call("PUT", f"/api/v1/offices/{o['id']}/opening-hours", {"valid_from": "2025-01-01", "valid_to": None, "weekly": hours}, token)
print(token)
PY
    log "$size: bookings in SQL"
    t0="$(now_s)"
    psql "$PG_URL/$db" -X -q -v ON_ERROR_STOP=1 <<'SQL'
-- Every slot (10 a morning) of every counter, a year of working days back, and half the counters
-- for the next 60 days. Services alternate by counter.
INSERT INTO booking (office_id, service_id, counter_id, room_id, occupies_room, status, start_at,
  end_at, room_from, party_size, reference, checkin_token, manage_token_hash, citizen_name,
  citizen_email, language, created_at, served_at, cancelled_at, released_at)
SELECT c.office_id, s.id, c.id, c.room_id, true,
  CASE WHEN t >= now() THEN 'confirmed' WHEN k % 10 = 0 THEN 'no_show' WHEN k % 10 = 1 THEN 'cancelled' ELSE 'served' END,
  t, t + interval '20 minutes', t - interval '10 minutes', 1,
  'N' || c.id || '-' || d.n || '-' || slot, md5('c' || c.id || '-' || d.n || '-' || slot),
  md5('m' || c.id || '-' || d.n || '-' || slot), 'Cittadino', 'c' || c.id || '-' || d.n || '@example.org', 'it',
  t - interval '10 days',
  CASE WHEN t < now() AND k % 10 > 1 THEN t + interval '20 minutes' END,
  CASE WHEN t < now() AND k % 10 = 1 THEN t - interval '1 day' END,
  CASE WHEN t < now() AND k % 10 = 0 THEN t + interval '15 minutes' END
FROM counter c
JOIN LATERAL (SELECT id FROM service WHERE office_id = c.office_id ORDER BY id OFFSET (c.id % 2) LIMIT 1) s ON true
CROSS JOIN LATERAL (
  SELECT row_number() OVER () AS n, day FROM generate_series(current_date - 365, current_date + 60, interval '1 day') day
  WHERE extract(isodow FROM day) < 6) d
CROSS JOIN generate_series(0, 9) slot
CROSS JOIN LATERAL (SELECT ((d.day::date + time '08:30' + slot * interval '20 minutes') AT TIME ZONE 'Europe/Rome') AS t,
                           (c.id * 7 + d.n * 3 + slot) AS k) x
WHERE x.t < now() OR c.id % 2 = 0;
VACUUM (ANALYZE) booking;
SQL
    t1="$(now_s)"
    R[$size.fill_s]="$(python3 -c "print(round($t1 - $t0))")"
    R[$size.bookings]="$(psql "$PG_URL/$db" -XAtc "SELECT count(*) FROM booking")"
    R[$size.db_mb]="$(psql "$PG_URL/$db" -XAtc "SELECT pg_database_size(current_database()) / 1048576")"
    R[$size.table_mb]="$(psql "$PG_URL/$db" -XAtc "SELECT pg_total_relation_size('booking') / 1048576")"
    log "$size: ${R[$size.bookings]} bookings in ${R[$size.fill_s]} s, database ${R[$size.db_mb]} MB"
    local token office service out
    token="$(tail -n 1 "$dir/token")"
    # The middle office of the fixture, its first service.
    office="$(psql "$PG_URL/$db" -XAtc "SELECT id FROM office ORDER BY id OFFSET (SELECT count(*) / 2 FROM office) LIMIT 1")"
    service="$(psql "$PG_URL/$db" -XAtc "SELECT min(id) FROM service WHERE office_id = $office")"

    log "$size: booking"
    out="$("$BIN/loadgen" --base-url "$base" --token "$token" --mode book --office "$office" --service "$service" \
        --clients 32 --seconds "$SECONDS_" --json 2>"$dir/book.err" | tail -n 1)"
    R[$size.book_ps]="$(json_field "$out" bookings_per_s)"
    R[$size.book_p99]="$(json_field "$out" p99_ms)"
    log "$size: slot lists"
    out="$("$BIN/loadgen" --base-url "$base" --mode slots --office "$office" --service "$service" \
        --clients 16 --seconds 10 --json 2>"$dir/slots.err" | tail -n 1)"
    R[$size.slots_ps]="$(json_field "$out" ok_per_s)"
    R[$size.slots_p99]="$(json_field "$out" p99_ms)"
    out="$("$BIN/loadgen" --base-url "$base" --mode slots --office "$office" --service "$service" \
        --clients 1 --seconds 5 --json 2>"$dir/slots1.err" | tail -n 1)"
    R[$size.slots1_p99]="$(json_field "$out" p99_ms)"
    log "$size: check-in"
    out="$("$BIN/loadgen" --base-url "$base" --token "$token" --mode checkin --clients 32 --seconds 10 \
        --json 2>"$dir/checkin.err" | tail -n 1)"
    R[$size.checkin_ps]="$(json_field "$out" checkins_per_s)"
    R[$size.checkin_p99]="$(json_field "$out" p99_ms)"
    log "$size: statistics"
    R[$size.stats_ms]="$(python3 - "$base" "$token" "$office" <<'PY'
import statistics, sys, time, urllib.request, datetime
base, token, office = sys.argv[1:4]
today = datetime.date.today()
url = f"{base}/api/v1/offices/{office}/statistics?from={today - datetime.timedelta(days=365)}&to={today}&by=day"
times = []
for _ in range(5):
    t = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})) as r:
        r.read()
    times.append((time.perf_counter() - t) * 1000)
print(round(statistics.median(times), 1))
PY
)"
    log "$size: no-show sweep"
    due_bookings "$db" D
    kill "$pid" 2>/dev/null || true
    t0="$(now_s)"
    (cd "$dir" && env "${env[@]}" timeout 600 "$BIN/sportello" release-no-shows) >"$dir/sweep.out" 2>"$dir/sweep.err"
    t1="$(now_s)"
    R[$size.sweep_s]="$(python3 -c "print(round($t1 - $t0, 2))")"
    R[$size.swept]="$(wc -l <"$dir/sweep.out")"
    log "$size: swept ${R[$size.swept]} in ${R[$size.sweep_s]} s"
    # Where a sweep's time goes at this size: a second batch released by the sweep's
    # statement under EXPLAIN (after the timed sweep, so it does not warm the first).
    if [[ "${BENCH_EXPLAIN:-1}" == 1 ]]; then
        due_bookings "$db" E
        # bench/sweep_raw.sql's statement, without its comments and transaction.
        { echo 'EXPLAIN (ANALYZE, BUFFERS, WAL)'; grep -v -e '^--' -e '^BEGIN;$' -e '^COMMIT;$' bench/sweep_raw.sql; } |
            psql "$PG_URL/$db" -X -q -v ON_ERROR_STOP=1 >"$WORK/explain_$size.txt"
        log "$size: EXPLAIN of a second sweep in $WORK/explain_$size.txt"
    fi
    if [[ "${BENCH_KEEP_DB:-0}" == 1 ]]; then
        # Kept for experiments by hand (drop it afterwards): not dropped at exit either.
        DBS=("${DBS[@]/$db}")
        log "$size: kept database $db"
    else
        psql "$PG_URL/postgres" -Xqc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
    fi
}

for size in $SIZES; do
    case "$size" in
        small) measure small "${BENCH_SMALL_OFFICES:-20}" ;;
        big) measure big "${BENCH_OFFICES:-2000}" ;;
    esac
done

ratio() { python3 -c "import sys; a, b = sys.argv[1:3]; print(round(float(b) / float(a), 2) if a and b and float(a) else '-')" "$1" "$2"; }
echo "## A national year (PostgreSQL)"
echo
echo "| | small | national | national / small |"
echo "| --- | ---: | ---: | ---: |"
echo "| bookings in the table | ${R[small.bookings]:-} | ${R[big.bookings]:-} | |"
echo "| fixture built in (s) | ${R[small.fill_s]:-} | ${R[big.fill_s]:-} | |"
echo "| database size (MB) | ${R[small.db_mb]:-} | ${R[big.db_mb]:-} | |"
echo "| booking table with its indexes (MB) | ${R[small.table_mb]:-} | ${R[big.table_mb]:-} | |"
for k in book_ps book_p99 slots_ps slots_p99 slots1_p99 checkin_ps checkin_p99 stats_ms sweep_s; do
    echo "| $k | ${R[small.$k]:-} | ${R[big.$k]:-} | $(ratio "${R[small.$k]:-}" "${R[big.$k]:-}") |"
done
echo
echo "Swept: ${R[small.swept]:-} and ${R[big.swept]:-} no-shows."
for size in $SIZES; do
    if [[ -s "$WORK/explain_$size.txt" ]]; then
        printf '\nThe sweep statement under EXPLAIN (ANALYZE, BUFFERS, WAL), %s database:\n\n```\n' "$size"
        cat "$WORK/explain_$size.txt"
        printf '```\n'
    fi
done
