-- The ledger invariant, as ledger/LedgerInvariant.java asserts it after every test: one row per violation.
-- Every balance part equals the sum of its transactions; ACTIVE lots hold max(available, 0) + reserved and PENDING
-- lots hold pending; every lot's remaining is its amount plus its movements (zero once SPENT, EXPIRED or VOIDED).
SELECT 'account ' || a.member_id || ': parts differ from the sum of its transactions' AS violation
FROM account a LEFT JOIN ledger_transaction t ON t.account_id = a.member_id
GROUP BY a.member_id
HAVING a.available <> COALESCE(SUM(t.amount - t.pending_change - t.reserved_change), 0)
    OR a.pending <> COALESCE(SUM(t.pending_change), 0)
    OR a.reserved <> COALESCE(SUM(t.reserved_change), 0)
UNION ALL
SELECT 'account ' || a.member_id || ': lots differ from the balance'
FROM account a LEFT JOIN lot l ON l.account_id = a.member_id
GROUP BY a.member_id
HAVING COALESCE(SUM(l.remaining) FILTER (WHERE l.state = 'ACTIVE'), 0) <> GREATEST(a.available, 0) + a.reserved
    OR COALESCE(SUM(l.remaining) FILTER (WHERE l.state = 'PENDING'), 0) <> a.pending
UNION ALL
SELECT 'lot ' || l.id || ': remaining differs from its movements'
FROM lot l LEFT JOIN lot_movement m ON m.lot_id = l.id
GROUP BY l.id
HAVING l.remaining <> l.amount + COALESCE(SUM(m.amount), 0) OR l.remaining < 0
    OR (l.state IN ('SPENT', 'EXPIRED', 'VOIDED') AND l.remaining <> 0);
