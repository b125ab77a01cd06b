-- Referral rewards reach the leaderboard once per statement instead of once per row: an order-paid event credits
-- all of its referrers in one insert, and a row trigger ran three upserts for each of them (twelve for a 3-level
-- program with a 2-rule first level). Now one upsert adds the statement's rows, summed per member and period. What
-- counts is unchanged: a referral reward when it is written, a reversal or void of one when it is written.
DROP TRIGGER ledger_transaction_leaderboard ON ledger_transaction;
DROP FUNCTION leaderboard_on_transaction();

CREATE FUNCTION leaderboard_on_transactions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO leaderboard_score AS s (period_kind, period_start, member_id, paying_referrals, earned)
    SELECT p.kind, p.start, t.account_id, 0, sum(t.amount)
    FROM inserted t
    CROSS JOIN LATERAL (VALUES (1, 'WEEK', date_trunc('week', t.created_at AT TIME ZONE 'UTC')::date),
                               (2, 'MONTH', date_trunc('month', t.created_at AT TIME ZONE 'UTC')::date),
                               (3, 'ALL_TIME', DATE '1970-01-01')) AS p(rank, kind, start)
    WHERE t.referral_level IS NOT NULL
       OR (t.kind IN ('REVERSAL', 'VOID') AND t.related_transaction_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM ledger_transaction o
                       WHERE o.id = t.related_transaction_id AND o.referral_level IS NOT NULL))
    GROUP BY t.account_id, p.rank, p.kind, p.start
    -- Rows in member order, each member's as leaderboard_add writes them (week, month, all time), so two writers
    -- cannot deadlock on them.
    ORDER BY t.account_id, p.rank, p.start
    ON CONFLICT (period_kind, period_start, member_id) DO UPDATE
        SET earned = s.earned + EXCLUDED.earned;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ledger_transaction_leaderboard AFTER INSERT ON ledger_transaction
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION leaderboard_on_transactions();
