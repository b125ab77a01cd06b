-- One accrual of the baseline (included 5 times by baseline.sql): lock the account, journal the transaction,
-- open its lot, record the accrual, move the balance, publish the domain event; as the ledger does it.
SELECT available FROM pgb_account WHERE member_id = :m FOR UPDATE;
INSERT INTO pgb_ledger_transaction (account_id, kind, amount, source_type, source_id, reason, actor, created_at, available_from, expires_at)
    VALUES (:m, 'ACCRUAL', round(CAST(:total AS numeric) * CAST(:pct AS numeric) / 10000, 2), 'EVENT', 'pgb', 'Cashback', 'shop', now(), now(), now() + interval '30 days')
    RETURNING id AS tx \gset
INSERT INTO pgb_lot (account_id, transaction_id, amount, remaining, state, available_from, expires_at)
    VALUES (:m, :tx, round(CAST(:total AS numeric) * CAST(:pct AS numeric) / 10000, 2), round(CAST(:total AS numeric) * CAST(:pct AS numeric) / 10000, 2), 'ACTIVE', now(), now() + interval '30 days');
INSERT INTO pgb_accrual (transaction_id, member_id, rule_id, rule_version_id, profile, role, level, subject_id, event_id, order_id, created_at)
    VALUES (:tx, :m, 1, 1, 'ORDER_PAID', 'REFERRER', 1, :buyer, 'pgb', 'pgb', now());
UPDATE pgb_account SET available = available + round(CAST(:total AS numeric) * CAST(:pct AS numeric) / 10000, 2), updated_at = now() WHERE member_id = :m;
INSERT INTO pgb_domain_event (type, member_id, payload, created_at)
    VALUES ('BONUS_ACCRUED', :m, '{"amount":"' || round(CAST(:total AS numeric) * CAST(:pct AS numeric) / 10000, 2) || '","transactionId":' || :tx || '}', now());
