-- The raw limit beside "Call next" (bench/queue.sh): the essence of a call on PostgreSQL,
-- in tables of its own. Every call takes the office's one queue lock row, reads the day's
-- waiting tickets, marks the first one called and records the event, in one durable
-- transaction: the work that cannot run in parallel for one office.
DROP TABLE IF EXISTS qb_lock, qb_ticket, qb_event;
CREATE TABLE qb_lock (name text PRIMARY KEY, version bigint NOT NULL);
CREATE TABLE qb_ticket (id serial PRIMARY KEY, office_id int NOT NULL, day text NOT NULL,
                        status text NOT NULL, joined_at timestamptz NOT NULL, calls int NOT NULL DEFAULT 0);
CREATE TABLE qb_event (id serial PRIMARY KEY, ticket_id int NOT NULL, at timestamptz NOT NULL);
INSERT INTO qb_ticket (office_id, day, status, joined_at)
    SELECT 1, '2026-12-03', 'waiting', now() + make_interval(secs => g) FROM generate_series(1, :tickets) g;
CREATE INDEX ON qb_ticket (office_id, day);
