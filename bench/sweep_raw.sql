-- PostgreSQL's raw limit for a no-show sweep: the statement `sportello release-no-shows`
-- sends per grace period (service::noshow), on a copy of the same database, timed by
-- bench/run.sh. The due rows are days old, so one statement with any grace releases the
-- same rows as the server's statements per grace.
BEGIN;
WITH released AS (
    UPDATE booking SET status = 'no_show', released_at = now()
    WHERE status = 'confirmed' AND start_at <= now() - interval '15 minutes'
    RETURNING id, office_id, reference
), audited AS (
    INSERT INTO audit_log (at, actor_user_id, action, entity, entity_id, before_json, after_json, office_id)
    SELECT now(), NULL, 'release_no_show', 'booking', CAST(id AS TEXT),
           '{"status":"confirmed"}', '{"status":"no_show"}', office_id
    FROM released
)
SELECT count(*) AS released FROM released;
COMMIT;
