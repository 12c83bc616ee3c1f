#!/usr/bin/env python3
"""SQLite's raw limit for Sportello's four benchmarked kinds of work (bench/run.sh).

The same statements the server sends, through the thinnest client at hand: Python's
sqlite3 module (the C library, prepared statements cached as sqlx caches them), with the
server's settings (WAL, synchronous=NORMAL, busy timeout). SQLite has one writer, so the
writes run on one connection; reads run in one process per core. Python adds a few
microseconds per statement, so these limits are slightly low and the ratios slightly
high; the figures say what the database can do without HTTP, JSON, validation, the
capacity rules and sea-orm.

  sqlite_raw.py booking FILE SECONDS          booking-shaped transactions (own tables)
  sqlite_raw.py booking-exact FILE OFFICE SERVICE ROOM COUNTER_FIRST SECONDS
                                              the server's booking transaction, its schema
  sqlite_raw.py slots FILE OFFICE SECONDS     the slot list's queries, 30 days ahead
  sqlite_raw.py checkin FILE CLIENTS PER      fill CLIENTS*PER codes, admit each once
  sqlite_raw.py sweep FILE                    release every due booking, with audit rows
  sqlite_raw.py fill FILE N STATUS DAYS_AGO OFFSET   insert N bookings for the sweep

Each prints one JSON line on stdout.
"""

import datetime as dt
import json
import multiprocessing
import os
import random
import sqlite3
import sys
import time

UTC = dt.timezone.utc


def ts(t):
    """A timestamp as sqlx writes chrono's DateTime<Utc> to SQLite."""
    return t.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def connect(path):
    c = sqlite3.connect(path, isolation_level=None, timeout=30)
    c.execute("PRAGMA journal_mode=WAL")
    c.execute("PRAGMA synchronous=NORMAL")
    c.execute("PRAGMA foreign_keys=ON")
    return c


BOOKING_SCHEMA = """
CREATE TABLE IF NOT EXISTS bench_lock (name TEXT PRIMARY KEY, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS bench_booking (
    id INTEGER PRIMARY KEY AUTOINCREMENT, office_id INTEGER NOT NULL, service_id INTEGER NOT NULL,
    counter_id INTEGER NOT NULL, room_id INTEGER NOT NULL, start_at TEXT NOT NULL,
    end_at TEXT NOT NULL, room_from TEXT NOT NULL, party_size INTEGER NOT NULL,
    status TEXT NOT NULL, citizen_email TEXT NOT NULL, reference TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS bench_booking_office_time ON bench_booking (office_id, room_from);
CREATE INDEX IF NOT EXISTS bench_booking_service_email ON bench_booking (service_id, citizen_email);
CREATE TABLE IF NOT EXISTS bench_office (id INTEGER PRIMARY KEY, config_version INTEGER NOT NULL);
INSERT OR IGNORE INTO bench_office VALUES (1, 0);
CREATE TABLE IF NOT EXISTS bench_rule (id INTEGER PRIMARY KEY, room_id INTEGER NOT NULL,
    occupancy_limit INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS bench_rule_room ON bench_rule (room_id);
"""


def booking(path, seconds):
    """bench/booking.pgbench on SQLite: the same statements in a BEGIN IMMEDIATE."""
    c = connect(path)
    c.executescript(BOOKING_SCHEMA)
    monday = dt.datetime(2030, 1, 6, 23, 0, tzinfo=UTC)
    n = 0
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    while time.monotonic() < deadline:
        start = monday + dt.timedelta(days=random.randint(0, 59), minutes=10 * random.randint(0, 142))
        end = start + dt.timedelta(minutes=10)
        email = f"bench-{n}-{random.randint(1, 10**15)}@example.org"
        c.execute("SELECT config_version FROM bench_office WHERE id = 1").fetchall()
        c.execute("BEGIN IMMEDIATE")
        c.execute(
            "INSERT INTO bench_lock (name, version) VALUES (?, 1) "
            "ON CONFLICT (name) DO UPDATE SET version = version + 1",
            ("citizen:1:" + email,),
        )
        c.execute(
            "SELECT count(*) FROM bench_booking WHERE service_id = 1 AND citizen_email = ? "
            "AND status IN ('confirmed', 'checked_in') AND end_at > ?",
            (email, ts(dt.datetime.now(UTC))),
        ).fetchall()
        c.execute("SELECT room_id, occupancy_limit FROM bench_rule WHERE room_id IN (1)").fetchall()
        c.execute(
            "INSERT INTO bench_lock (name, version) VALUES (?, 1) "
            "ON CONFLICT (name) DO UPDATE SET version = version + 1",
            (f"room:1:{int(start.timestamp()) // 3600}",),
        )
        c.execute(
            "SELECT counter_id, room_id, party_size, start_at, end_at, room_from FROM bench_booking "
            "WHERE office_id = 1 AND room_from >= ? AND room_from < ? AND end_at > ? "
            "AND status IN ('confirmed', 'checked_in')",
            (ts(start - dt.timedelta(days=1)), ts(end), ts(start)),
        ).fetchall()
        c.execute(
            "INSERT INTO bench_booking (office_id, service_id, counter_id, room_id, start_at, end_at, "
            "room_from, party_size, status, citizen_email, reference, created_at) "
            "VALUES (1, 1, ?, 1, ?, ?, ?, 1, 'confirmed', ?, ?, ?)",
            (random.randint(1, 20), ts(start), ts(end), ts(start), email, f"B{n}-{email}",
             ts(dt.datetime.now(UTC))),
        )
        c.execute("COMMIT")
        n += 1
    elapsed = time.monotonic() - started
    return {"work": "booking", "transactions": n, "per_s": round(n / elapsed, 1)}


# A rendered confirmation's sizes (text, HTML, calendar), as the server stores them.
FILLER = "Prenotazione confermata, Carta d'identità elettronica, Anagrafe Centrale, Bari. "


def filler(n, salt):
    return (salt + " " + FILLER * (n // len(FILLER) + 1))[:n]


def booking_exact(path, office, service, room, counter_first, seconds):
    """bench/booking_exact.pgbench on SQLite: the statements of `POST /api/v1/bookings`
    (service::booking) in a BEGIN IMMEDIATE, on the server's own tables (on SQLite the
    confirmation is queued after the booking row, and the row's id is SQLite's). The office is
    loadgen's: 20 counters with consecutive ids from COUNTER_FIRST."""
    c = connect(path)
    today = dt.datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    n = 0
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    while time.monotonic() < deadline:
        start = today + dt.timedelta(days=random.randint(1, 59), minutes=10 * random.randint(0, 142))
        end = start + dt.timedelta(minutes=10)
        nonce = f"{os.getpid()}-{n}-{random.randint(1, 10**15)}"
        email = f"raw-{nonce}@example.org"
        now = ts(dt.datetime.now(UTC))
        c.execute("SELECT config_version FROM office WHERE id = ? LIMIT 1", (office,)).fetchall()
        c.execute("BEGIN IMMEDIATE")
        c.execute(
            "INSERT INTO capacity_lock (name, version) VALUES (?, 1) "
            "ON CONFLICT (name) DO UPDATE SET version = version + 1",
            (f"citizen:{service}:{nonce}",),
        )
        c.execute(
            "SELECT * FROM booking WHERE service_id = ? AND citizen_email = ? "
            "AND status IN ('confirmed', 'checked_in') AND (status IN ('held', 'confirmed', 'checked_in')) "
            "AND end_at > ? ORDER BY start_at",
            (service, email, now),
        ).fetchall()
        c.execute(
            "INSERT INTO capacity_lock (name, version) VALUES (?, 1) "
            "ON CONFLICT (name) DO UPDATE SET version = version + 1",
            (f"room:{room}:{int(start.timestamp()) // 3600}",),
        )
        window = (office, ts(start - dt.timedelta(minutes=10)), ts(end))
        live = "AND (status IN ('held', 'confirmed', 'checked_in')) " \
            "AND (status IN ('confirmed', 'checked_in') OR (status = 'held' AND hold_expires_at > ?)) "
        c.execute(
            "SELECT 0 AS kind, room_id, room_from, end_at, SUM(party_size) AS persons, "
            "CAST(NULL AS TEXT) AS busy, 0 AS config_version FROM booking "
            "WHERE office_id = ? AND room_from >= ? AND room_from < ? " + live
            + "AND occupies_room = 1 AND end_at > ? GROUP BY room_id, room_from, end_at "
            "UNION ALL SELECT 1, 0, ?, ?, 0, group_concat(CAST(counter_id AS TEXT), ','), "
            "(SELECT config_version FROM office WHERE id = ?) FROM booking "
            "WHERE office_id = ? AND room_from >= ? AND room_from < ? " + live
            + "AND start_at < ? AND end_at > ?",
            (*window, now, ts(start), ts(start), ts(end), office, *window, now, ts(end), ts(start)),
        ).fetchall()
        booking_id = c.execute(
            "INSERT INTO booking (office_id, service_id, counter_id, room_id, occupies_room, status, "
            "start_at, end_at, room_from, party_size, hold_id, hold_expires_at, reference, "
            "checkin_token, manage_token_hash, citizen_name, citizen_email, citizen_phone, language, "
            "meeting_url, created_at) VALUES (?, ?, ?, ?, 1, 'confirmed', ?, ?, ?, 1, NULL, NULL, ?, ?, ?, "
            "'Bench', ?, NULL, 'it', NULL, ?) RETURNING *",
            (office, service, counter_first + random.randint(0, 19), room, ts(start), ts(end),
             ts(start), f"R{nonce}", f"raw-{nonce}", filler(64, nonce), email, now),
        ).fetchall()[0][0]
        c.execute(
            "INSERT INTO outbox_message (kind, booking_id, recipient, subject, body_text, body_html, "
            "ics, qr_url, message_id, dedupe_key, status, attempts, next_attempt_at, created_at) "
            "VALUES ('confirmation', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) "
            "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
            (booking_id, email, filler(100, nonce), filler(580, nonce), filler(1513, nonce),
             filler(454, nonce), f"http://127.0.0.1/c/{nonce}", f"<R{nonce}@sportello>",
             None, now, now),
        ).fetchall()
        c.execute("COMMIT")
        n += 1
    elapsed = time.monotonic() - started
    return {"work": "booking-exact", "transactions": n, "per_s": round(n / elapsed, 1)}


SLOT_QUERIES = (
    ("SELECT config_version FROM office WHERE id = ?", lambda o, f, t: (o,)),
    (
        "SELECT counter_id, room_id, occupies_room, start_at, end_at, room_from, party_size "
        "FROM booking WHERE office_id = ? AND room_from >= ? AND room_from < ? AND end_at > ? "
        "AND (status IN ('confirmed', 'checked_in') OR (status = 'held' AND hold_expires_at > ?))",
        lambda o, f, t: (o, ts(f - dt.timedelta(hours=24)), ts(t), ts(f), ts(dt.datetime.now(UTC))),
    ),
    (
        "SELECT * FROM capacity_rule WHERE room_id IN (SELECT id FROM room WHERE office_id = ?)",
        lambda o, f, t: (o,),
    ),
)


def slots_worker(args):
    """One process's lists: (lists, occupant rows read, seconds it ran)."""
    path, office, seconds = args
    c = connect(path)
    n = rows = 0
    started = time.monotonic()
    deadline = started + seconds
    while time.monotonic() < deadline:
        f = dt.datetime.now(UTC)
        t = f + dt.timedelta(days=30)
        for i, (sql, params) in enumerate(SLOT_QUERIES):
            got = len(c.execute(sql, params(office, f, t)).fetchall())
            if i == 1:
                rows += got
        n += 1
    return n, rows, time.monotonic() - started


def slots(path, office, seconds):
    procs = len(os.sched_getaffinity(0)) or 1
    with multiprocessing.Pool(procs) as pool:
        done = pool.map(slots_worker, [(path, office, seconds)] * procs)
    n = sum(d[0] for d in done)
    return {
        "work": "slots",
        "processes": procs,
        "queries": n,
        "rows_per_query": round(sum(d[1] for d in done) / max(n, 1)),
        # Each process's own rate, summed: the pool's start-up is not counted.
        "per_s": round(sum(d[0] / d[2] for d in done if d[2] > 0), 1),
    }


def checkin(path, clients, per):
    """Inserts clients*per confirmed bookings of demo office 1 (tokens as
    bench/checkin.pgbench names them), then admits each once with the server's statement."""
    c = connect(path)
    base = dt.datetime.now(UTC).replace(microsecond=0) + dt.timedelta(days=5)
    rows = []
    for client in range(clients):
        for i in range(1, per + 1):
            k = client * 1_000_000 + i
            s = base + dt.timedelta(seconds=len(rows))
            e = s + dt.timedelta(minutes=20)
            rows.append((ts(s), ts(e), ts(s), f"RAW{k}", f"raw{k:021d}", ts(base)))
    c.execute("BEGIN IMMEDIATE")
    c.executemany(
        "INSERT INTO booking (office_id, service_id, counter_id, room_id, occupies_room, status, "
        "start_at, end_at, room_from, party_size, reference, checkin_token, citizen_name, "
        "citizen_email, language, created_at) "
        "VALUES (1, 1, 1, 1, 1, 'confirmed', ?, ?, ?, 1, ?, ?, 'Bench', 'bench@example.org', 'it', ?)",
        rows,
    )
    c.execute("COMMIT")
    tokens = [r[4] for r in rows]
    random.shuffle(tokens)
    admitted = 0
    started = time.monotonic()
    for token in tokens:
        now = dt.datetime.now(UTC)
        got = c.execute(
            "UPDATE booking SET status = 'checked_in', checked_in_at = ? "
            "WHERE checkin_token = ? AND status = 'confirmed' AND start_at <= ? RETURNING *",
            (ts(now), token, ts(now + dt.timedelta(minutes=200_000))),
        ).fetchall()
        admitted += len(got)
    elapsed = time.monotonic() - started
    return {"work": "checkin", "codes": len(tokens), "admitted": admitted,
            "per_s": round(admitted / elapsed, 1)}


def sweep(path):
    """The server's two SQLite statements of a sweep (service::noshow) in one transaction."""
    c = connect(path)
    now = dt.datetime.now(UTC)
    cutoff = ts(now - dt.timedelta(minutes=15))
    due = "status = 'confirmed' AND start_at <= ?2"
    started = time.monotonic()
    c.execute("BEGIN IMMEDIATE")
    c.execute(
        "INSERT INTO audit_log (at, actor_user_id, action, entity, entity_id, before_json, "
        "after_json, office_id) SELECT ?1, NULL, 'release_no_show', 'booking', CAST(id AS TEXT), "
        f"'{{\"status\":\"confirmed\"}}', '{{\"status\":\"no_show\"}}', office_id FROM booking WHERE {due}",
        (ts(now), cutoff),
    )
    released = c.execute(
        f"UPDATE booking SET status = 'no_show', released_at = ?1 WHERE {due} "
        "RETURNING id, office_id, reference",
        (ts(now), cutoff),
    ).fetchall()
    c.execute("COMMIT")
    elapsed = time.monotonic() - started
    return {"work": "sweep", "released": len(released), "seconds": round(elapsed, 3)}


def fill(path, n, status, days_ago, offset):
    """N bookings of demo office 1 with STATUS, one a second from DAYS_AGO days ago
    (negative: ahead), references and tokens numbered from OFFSET."""
    c = connect(path)
    base = dt.datetime.now(UTC).replace(microsecond=0) - dt.timedelta(days=days_ago)
    rows = []
    for i in range(n):
        s = base + dt.timedelta(seconds=i)
        e = s + dt.timedelta(minutes=20)
        rows.append((status, ts(s), ts(e), ts(s), f"F{offset + i:09d}", f"f{offset + i:021d}", ts(base)))
    c.execute("BEGIN IMMEDIATE")
    c.executemany(
        "INSERT INTO booking (office_id, service_id, counter_id, room_id, occupies_room, status, "
        "start_at, end_at, room_from, party_size, reference, checkin_token, citizen_name, "
        "citizen_email, language, created_at) "
        "VALUES (1, 1, 1, 1, 1, ?, ?, ?, ?, 1, ?, ?, 'Bench', 'bench@example.org', 'it', ?)",
        rows,
    )
    c.execute("COMMIT")
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"work": "fill", "rows": n}


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    arity = {"booking": 4, "booking-exact": 8, "slots": 5, "checkin": 5, "sweep": 3, "fill": 7}
    if arity.get(argv[1]) != len(argv):
        print(__doc__, file=sys.stderr)
        return 2
    work, path = argv[1], argv[2]
    if work == "booking":
        out = booking(path, float(argv[3]))
    elif work == "booking-exact":
        out = booking_exact(path, *(int(a) for a in argv[3:7]), float(argv[7]))
    elif work == "slots":
        out = slots(path, int(argv[3]), float(argv[4]))
    elif work == "checkin":
        out = checkin(path, int(argv[3]), int(argv[4]))
    elif work == "sweep":
        out = sweep(path)
    elif work == "fill":
        out = fill(path, int(argv[3]), argv[4], int(argv[5]), int(argv[6]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(out, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
