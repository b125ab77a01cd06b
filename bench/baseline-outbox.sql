-- What the service writes for one accrual besides the rows of baseline-accrual.sql (included after it by the
-- second baseline of bench/run.sh): the mail outbox row of the accrual's domain event, as the fan-out trigger
-- writes it.
INSERT INTO pgb_notification (member_id, kind, event_id, payload, created_at)
    VALUES (:m, 'BONUS_ACCRUED', currval('domain_event_id_seq'), '{"amount":"' || round(CAST(:total AS numeric) * CAST(:pct AS numeric) / 10000, 2) || '"}', now());
