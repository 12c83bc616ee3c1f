#!/usr/bin/env bash
# Impact preview benchmark (issue 7): an office with 10,000 bookings (loadgen's check-in
# fixture, booked through the API over 60 days; its scan phase is cut to a millisecond),
# then the dry-run impact of a capacity rule spanning 90 days on
# its room, low enough that thousands of intervals are over it. Timed end to end with
# curl, 20 times, on SQLite and on PostgreSQL. Loopback only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sportello-impact.XXXXXX")"
PIDS=()
DBS=()
log() { printf '[impact-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
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

run() { # NAME DB_URL
    local name="$1" db="$2" port base token office room
    port="$(free_port)"
    base="http://127.0.0.1:$port"
    mkdir -p "$WORK/$name"
    local -a env=(SPORTELLO_DATABASE_URL="$db" SPORTELLO_BIND="127.0.0.1:$port" SPORTELLO_DEMO=off
                  SPORTELLO_RATE_LIMIT=off SPORTELLO_BACKGROUND_JOBS=off RUST_LOG=warn)
    printf 'benchpassword\n' | (cd "$WORK/$name" && env "${env[@]}" "$BIN/sportello" user create --email bench@example.org --role admin) >/dev/null
    (cd "$WORK/$name" && exec env "${env[@]}" "$BIN/sportello" serve) >"$WORK/$name/server.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 100); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
    log "$name: booking 10,000 places"
    office="$(timeout 300 "$BIN/loadgen" --base-url "$base" --email bench@example.org --password benchpassword \
        --mode checkin --clients 1 --seconds 0.001 --json | tail -n 1 \
        | python3 -c 'import json,sys; d=json.load(sys.stdin); print("codes", d["codes"], file=sys.stderr); print(d["office_id"])')"
    token="$(curl -fsS -X POST "$base/api/v1/auth/tokens" -H 'content-type: application/json' \
        -d '{"email":"bench@example.org","password":"benchpassword"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
    room="$(curl -fsS "$base/api/v1/offices" | python3 -c "import json,sys; print([o for o in json.load(sys.stdin) if o['id']==$office][0]['rooms'][0]['id'])")"
    local from to
    from="$(date -u +%Y-%m-%d)"
    to="$(date -u -d '+89 days' +%Y-%m-%d)"
    local body="{\"valid_from\":\"$from\",\"valid_to\":\"$to\",\"occupancy_limit\":3}"
    for i in $(seq 1 20); do
        curl -fsS -o "$WORK/$name/impact.json" -w '%{time_total}\n' -X POST \
            "$base/api/v1/rooms/$room/capacity-rules?dry_run=true" -H "authorization: Bearer $token" \
            -H 'content-type: application/json' -d "$body" >>"$WORK/$name/times"
    done
    python3 - "$name" "$WORK/$name/times" "$WORK/$name/impact.json" <<'PY'
import json, sys
name, times, impact = sys.argv[1], sys.argv[2], sys.argv[3]
t = sorted(float(x) * 1000 for x in open(times))
i = json.load(open(impact))["impact"]
print(f"| {name} | {len(i['over_limit'])} | {len(i['affected_bookings'])} | {t[len(t)//2]:.0f} | {t[-1]:.0f} |")
PY
}

echo "## Sportello impact preview benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo
echo "| backend | intervals over the limit | affected bookings | median ms | max ms (of 20) |"
echo "| --- | ---: | ---: | ---: | ---: |"
run sqlite "sqlite://$WORK/impact.db?mode=rwc"
DB="sportello_impact_$$"
psql "$PG_URL/postgres" -Xqc "CREATE DATABASE $DB" >/dev/null
DBS+=("$DB")
run postgres "$PG_URL/$DB"
