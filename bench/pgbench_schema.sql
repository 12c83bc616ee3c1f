-- Schema for bench/booking.pgbench: PostgreSQL's raw limit on a booking-shaped transaction.
-- Its own tables, so it can run in any throwaway database:
--   psql -v ON_ERROR_STOP=1 -f bench/pgbench_schema.sql "$DB_URL"
--   pgbench -n -c 64 -j 2 -T 15 -f bench/booking.pgbench "$DB_URL"

DROP TABLE IF EXISTS bench_booking;
DROP TABLE IF EXISTS bench_lock;
DROP TABLE IF EXISTS bench_office;
DROP TABLE IF EXISTS bench_rule;

-- Stand-in for the server's capacity_lock: one row per lock name, bumped under a row lock.
CREATE TABLE bench_lock (
    name    text PRIMARY KEY,
    version bigint NOT NULL
);

CREATE TABLE bench_booking (
    id            bigserial PRIMARY KEY,
    office_id     int NOT NULL,
    service_id    int NOT NULL,
    counter_id    int NOT NULL,
    room_id       int NOT NULL,
    start_at      timestamptz NOT NULL,
    end_at        timestamptz NOT NULL,
    room_from     timestamptz NOT NULL,
    party_size    int NOT NULL,
    status        text NOT NULL,
    citizen_email text NOT NULL,
    reference     text NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL
);

CREATE INDEX bench_booking_office_time ON bench_booking (office_id, room_from);
CREATE INDEX bench_booking_service_email ON bench_booking (service_id, citizen_email);

-- The set-up version read before every booking, and the (empty) capacity rules.
CREATE TABLE bench_office (id int PRIMARY KEY, config_version bigint NOT NULL);
INSERT INTO bench_office VALUES (1, 0);
CREATE TABLE bench_rule (id serial PRIMARY KEY, room_id int NOT NULL, occupancy_limit int NOT NULL);
CREATE INDEX bench_rule_room ON bench_rule (room_id);
