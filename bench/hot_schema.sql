-- Schema for bench/hot_booking.pgbench (issue 19): the raw limit of a booking on one
-- popular slot. Its own tables, so it runs in any throwaway database:
--   psql -v ON_ERROR_STOP=1 -f bench/hot_schema.sql "$DB_URL"
--   pgbench -n -c 32 -j 2 -T 15 -f bench/hot_booking.pgbench "$DB_URL"

DROP TABLE IF EXISTS hot_booking;
DROP TABLE IF EXISTS hot_occupancy;

-- Running occupancy per room and time bucket: the slot's room and the room enclosing it.
CREATE TABLE hot_occupancy (
    room_id  int NOT NULL,
    bucket   bigint NOT NULL,
    booked   int NOT NULL,
    capacity int NOT NULL,
    PRIMARY KEY (room_id, bucket)
);
-- Room-sized capacities that a 15-second run cannot fill (the check still runs).
INSERT INTO hot_occupancy VALUES (1, 1, 0, 100000000), (2, 1, 0, 100000000);

CREATE TABLE hot_booking (
    id         bigserial PRIMARY KEY,
    token      text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
