-- bench/run.sh seeds :members members in a referral tree straight into the application's tables, in one
-- transaction (a few seconds instead of 100 000 API calls). Member n (external id :'prefix' || n) is referred by
-- member n / 4, so the tree is about 9 levels deep and every member above 64 has 3 levels of referrers. Each member
-- got the registration bonus of the worked example: a 500.00 ACCRUAL, its ACTIVE lot and the account's balance,
-- as the ledger writes them (the invariant holds).
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL work_mem = '256MB';
CREATE TEMP TABLE bench_tree ON COMMIT DROP AS
    SELECT n, (SELECT COALESCE(max(id), 0) FROM member) + n AS id,
           CASE WHEN n < 4 THEN NULL ELSE n / 4 END AS parent
    FROM generate_series(1, :members) n;
UPDATE bench_tree t SET parent = p.id FROM bench_tree p WHERE p.n = t.parent;
INSERT INTO member (id, external_id, email, name, locale, time_zone, status, profile_completed,
                    newsletter_subscribed, registered_at, created_at, updated_at)
    SELECT id, :'prefix' || n, :'prefix' || n || '@example.com', 'Bench Member ' || n, 'en', 'UTC', 'ACTIVE',
           false, false, now(), now(), now()
    FROM bench_tree;
SELECT setval(pg_get_serial_sequence('member', 'id'), (SELECT max(id) FROM member));
INSERT INTO account (member_id, available, pending, reserved, updated_at)
    SELECT id, 500.00, 0, 0, now() FROM bench_tree;
INSERT INTO ledger_transaction (account_id, kind, amount, source_type, source_id, reason, actor, created_at,
                                available_from)
    SELECT id, 'ACCRUAL', 500.00, 'IMPORT', 'bench', 'Welcome bonus (bench seed)', 'bench', now(), now()
    FROM bench_tree;
INSERT INTO lot (account_id, transaction_id, amount, remaining, state, available_from)
    SELECT t.account_id, t.id, 500.00, 500.00, 'ACTIVE', now()
    FROM ledger_transaction t JOIN bench_tree b ON b.id = t.account_id;
INSERT INTO referral_profile (member_id, code, referrer_id, bound_at, bound_via, bound_source, review_status)
    SELECT id, upper(:'prefix') || n, parent, CASE WHEN parent IS NOT NULL THEN now() END,
           CASE WHEN parent IS NOT NULL THEN 'LINK' END, NULL, 'NONE'
    FROM bench_tree;
-- The closure table as ReferralTree.attach writes it, in index order; the foreign keys reference rows inserted
-- just above, so their triggers are skipped for this one insert.
SET LOCAL session_replication_role = replica;
INSERT INTO referral_closure (ancestor_id, descendant_id, depth, descendant_paid)
    WITH RECURSIVE up (ancestor_id, descendant_id, depth) AS (
        SELECT parent, id, 1 FROM bench_tree WHERE parent IS NOT NULL
        UNION ALL
        SELECT p.parent, up.descendant_id, up.depth + 1
        FROM up JOIN bench_tree p ON p.id = up.ancestor_id
        WHERE p.parent IS NOT NULL)
    SELECT ancestor_id, descendant_id, depth, false FROM up ORDER BY ancestor_id, depth, descendant_id;
SET LOCAL session_replication_role = origin;
COMMIT;
-- Vacuumed now rather than by autovacuum in the middle of a measured run (the bulk insert triggers it).
VACUUM (ANALYZE) member;
VACUUM (ANALYZE) account;
VACUUM (ANALYZE) ledger_transaction;
VACUUM (ANALYZE) lot;
VACUUM (ANALYZE) referral_profile;
VACUUM (ANALYZE) referral_closure;
