# Shared by the bench scripts (sourced, not run): paths, logging, clean-up of servers and
# databases, a free port, the release build, a server started on a database, and the raw
# hot transaction beside it. A script sets BENCH_NAME and WORK before sourcing.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"
PIDS=()
DBS=()
log() { printf '[%s %s] %s\n' "$BENCH_NAME" "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    # new_pg_db runs in a command substitution, whose DBS+= never reaches this shell:
    # its databases are found by the suffix it gives them (this script's pid).
    local made
    made="$(psql "$PG_URL/postgres" -XAtc "SELECT datname FROM pg_database WHERE datname LIKE 'sportello\_%\_$$'" 2>/dev/null || true)"
    for d in "${DBS[@]}" $made; do psql "$PG_URL/postgres" -Xqc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

build_release() {
    if [[ "${BENCH_BUILD:-1}" == 1 ]]; then
        log "building release binaries"
        (cd "$ROOT" && cargo build --release -p sportello --bin sportello -p loadgen --bin loadgen >&2)
    fi
}

# new_pg_db NAME: creates a throwaway PostgreSQL database (dropped at exit); prints its URL.
new_pg_db() {
    local db="$1_$$"
    psql "$PG_URL/postgres" -Xqc "CREATE DATABASE $db" >/dev/null
    DBS+=("$db")
    printf '%s/%s\n' "$PG_URL" "$db"
}

# start_server NAME DB_URL [VAR=value...]: an admin bench@example.org / benchpassword and a
# release `sportello serve` on a free port, mail to a folder; sets SERVER_PID and
# SERVER_BASE. Extra variables (say SPORTELLO_BACKGROUND_JOBS=off) go to the server.
start_server() {
    local name="$1" db="$2"
    shift 2
    local dir="$WORK/$name" port
    mkdir -p "$dir"
    local -a env=(SPORTELLO_DATABASE_URL="$db" SPORTELLO_DEMO=off SPORTELLO_RATE_LIMIT=off
                  SPORTELLO_MAIL_DIR="$dir/outbox" SPORTELLO_SMTP_URL= RUST_LOG=${BENCH_RUST_LOG:-warn}
                  SPORTELLO_SLOT_CACHE="${BENCH_SLOT_CACHE:-on}" "$@")
    printf 'benchpassword\n' | (cd "$dir" && env "${env[@]}" SPORTELLO_BIND=127.0.0.1:0 "$BIN/sportello" user create --email bench@example.org --role admin) >/dev/null
    port="$(free_port)"
    (cd "$dir" && exec env "${env[@]}" SPORTELLO_BIND="127.0.0.1:$port" "$BIN/sportello" serve) >"$dir/server.log" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    SERVER_BASE="http://127.0.0.1:$port"
    for _ in $(seq 1 100); do curl -fsS "$SERVER_BASE/readyz" >/dev/null 2>&1 && return 0; sleep 0.1; done
    log "$name: the server did not become ready"
    cat "$dir/server.log" >&2
    return 1
}

# peak_rss_kb PID
peak_rss_kb() { awk '/VmHWM/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# raw_hot CLIENTS SECONDS: bench/hot_booking.pgbench on a database of its own; prints
# {"tps", "p50_ms", "p99_ms", "n"}.
raw_hot() {
    local clients="$1" seconds="$2" url dir="$WORK/raw-hot"
    url="$(new_pg_db sportello_hot)"
    mkdir -p "$dir"
    psql "$url" -Xq -v ON_ERROR_STOP=1 -f "$ROOT/bench/hot_schema.sql" >/dev/null
    log "raw hot transaction: pgbench -c $clients -T $seconds"
    (cd "$dir" && pgbench -n -c "$clients" -j 2 -T "$seconds" -l --log-prefix=hot \
        -f "$ROOT/bench/hot_booking.pgbench" "$url" >"$dir/hot.out" 2>&1)
    python3 - "$dir" <<'PY'
import glob, json, re, sys
work = sys.argv[1]
lat = sorted(int(l.split()[2]) / 1000 for f in glob.glob(f"{work}/hot*") if not f.endswith(".out") for l in open(f) if l.strip())
out = open(f"{work}/hot.out").read()
tps = float(re.search(r"tps = ([0-9.]+)", out).group(1))
p = lambda q: round(lat[min(len(lat) - 1, round((len(lat) - 1) * q))], 1)
print(json.dumps({"tps": round(tps, 1), "p50_ms": p(0.5), "p99_ms": p(0.99), "n": len(lat)}))
PY
}
