-- Leaderboard changes are queued instead of applied in the writing transaction. Every order-paid event used to
-- upsert three score rows (week, month, all time) for each rewarded referrer, each a new row version in three
-- indexes: about a tenth of the database's work for the event. Now a change is one row appended to
-- leaderboard_delta (no index, no foreign key: its member is the row the change was written for), and
-- leaderboard_fold() moves the queue into leaderboard_score. The leaderboard folds before it reads, so it shows
-- every committed change as before; a scheduled fold keeps the queue short when nobody reads it.
CREATE TABLE leaderboard_delta (
    member_id        BIGINT         NOT NULL,
    at               TIMESTAMPTZ    NOT NULL,
    paying_referrals INTEGER        NOT NULL,
    earned           NUMERIC(19, 2) NOT NULL
);

-- Same signature as before (the referral trigger and the migration history use it): now it queues the change.
CREATE OR REPLACE FUNCTION leaderboard_add(p_member BIGINT, p_at TIMESTAMPTZ, p_paying INTEGER, p_earned NUMERIC)
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO leaderboard_delta (member_id, at, paying_referrals, earned)
    VALUES (p_member, p_at, p_paying, p_earned);
$$;

CREATE OR REPLACE FUNCTION leaderboard_on_transactions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO leaderboard_delta (member_id, at, paying_referrals, earned)
    SELECT t.account_id, t.created_at, 0, sum(t.amount)
    FROM inserted t
    WHERE t.referral_level IS NOT NULL
       OR (t.kind IN ('REVERSAL', 'VOID') AND t.related_transaction_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM ledger_transaction o
                       WHERE o.id = t.related_transaction_id AND o.referral_level IS NOT NULL))
    GROUP BY t.account_id, t.created_at;
    RETURN NULL;
END;
$$;

-- Moves every committed delta into the scores of its week, month and all time. One fold at a time (a transaction
-- advisory lock), so a reader that folded sees every change committed before it asked; the deltas are deleted in
-- the statement that adds them, so none is ever counted twice or lost, whichever instance folds.
CREATE FUNCTION leaderboard_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7414830212046357505);
    WITH moved AS (DELETE FROM leaderboard_delta RETURNING member_id, at, paying_referrals, earned)
    INSERT INTO leaderboard_score AS s (period_kind, period_start, member_id, paying_referrals, earned)
    SELECT p.kind, p.start, d.member_id, sum(d.paying_referrals), sum(d.earned)
    FROM moved d
    CROSS JOIN LATERAL (VALUES ('WEEK', date_trunc('week', d.at AT TIME ZONE 'UTC')::date),
                               ('MONTH', date_trunc('month', d.at AT TIME ZONE 'UTC')::date),
                               ('ALL_TIME', DATE '1970-01-01')) AS p(kind, start)
    GROUP BY p.kind, p.start, d.member_id
    ON CONFLICT (period_kind, period_start, member_id) DO UPDATE
        SET paying_referrals = s.paying_referrals + EXCLUDED.paying_referrals,
            earned = s.earned + EXCLUDED.earned;
END;
$$;
