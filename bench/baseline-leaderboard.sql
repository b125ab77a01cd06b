-- A referrer's leaderboard change, as the ledger's statement trigger queues a referral reward (V16: the scores
-- are folded from the queue when the board is read); included once per rewarded referrer by the second baseline
-- of bench/run.sh.
INSERT INTO pgb_leaderboard_delta (member_id, at, paying_referrals, earned)
    VALUES (:m, now(), 0, round(CAST(:total AS numeric) * CAST(:pct AS numeric) / 10000, 2));
