-- A referrer's leaderboard scores (week, month, all time), as the ledger's statement trigger adds a referral
-- reward to them; included once per rewarded referrer by the second baseline of bench/run.sh.
INSERT INTO pgb_leaderboard_score AS s (period_kind, period_start, member_id, paying_referrals, earned)
    VALUES ('WEEK', date_trunc('week', now() AT TIME ZONE 'UTC')::date, :m, 0, round(CAST(:total AS numeric) * CAST(:pct AS numeric) / 10000, 2)),
           ('MONTH', date_trunc('month', now() AT TIME ZONE 'UTC')::date, :m, 0, round(CAST(:total AS numeric) * CAST(:pct AS numeric) / 10000, 2)),
           ('ALL_TIME', DATE '1970-01-01', :m, 0, round(CAST(:total AS numeric) * CAST(:pct AS numeric) / 10000, 2))
    ON CONFLICT (period_kind, period_start, member_id) DO UPDATE SET earned = s.earned + EXCLUDED.earned;
