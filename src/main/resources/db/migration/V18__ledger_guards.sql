-- The database guards the ledger on its own, whatever writes to it (the application, a bulk statement, a person at a
-- psql prompt): docs/ledger.md, "What the database refuses", lists each guard and why. LedgerGuardsTest proves every
-- one refuses, and EnumNamesInDatabaseTest keeps the names below equal to the Java enums they spell.

-- Only the kinds and source types the code knows (TransactionKind, SourceType).
ALTER TABLE ledger_transaction
    ADD CONSTRAINT ledger_transaction_kind_check CHECK (kind IN ('ACCRUAL', 'ACTIVATION', 'VOID', 'HOLD', 'RELEASE',
        'REDEMPTION', 'RETURN', 'REVERSAL', 'EXPIRY', 'WITHDRAWAL', 'ADJUSTMENT')),
    ADD CONSTRAINT ledger_transaction_source_type_check CHECK (source_type IN ('ADMIN', 'EVENT', 'ORDER',
        'REDEMPTION', 'WITHDRAWAL', 'MASS_OPERATION', 'IMPORT', 'JOB', 'SYSTEM')),
    -- Reserved bonuses rise only by a HOLD, and fall only by its release or its capture.
    ADD CONSTRAINT ledger_transaction_reserved_by_holds_check CHECK (
        (reserved_change <= 0 OR kind = 'HOLD')
        AND (reserved_change >= 0 OR kind IN ('RELEASE', 'REDEMPTION', 'WITHDRAWAL'))),
    -- The target of the composite foreign keys below: a row names a transaction together with its account.
    ADD CONSTRAINT ledger_transaction_id_account_key UNIQUE (id, account_id);

-- One lot per credit, and a lot belongs to the account of its credit.
ALTER TABLE lot
    ADD CONSTRAINT lot_transaction_key UNIQUE (transaction_id),
    ADD CONSTRAINT lot_id_account_key UNIQUE (id, account_id),
    DROP CONSTRAINT lot_transaction_id_fkey,
    ADD CONSTRAINT lot_transaction_account_fkey FOREIGN KEY (transaction_id, account_id)
        REFERENCES ledger_transaction (id, account_id);

-- A movement belongs to the account of its lot and of its transaction: it carries the account, and both references
-- include it (they replace the one-column references, which they imply).
ALTER TABLE lot_movement ADD COLUMN account_id BIGINT;
ALTER TABLE lot_movement DISABLE TRIGGER lot_movement_append_only;
UPDATE lot_movement m SET account_id = l.account_id FROM lot l WHERE l.id = m.lot_id;
ALTER TABLE lot_movement ENABLE TRIGGER lot_movement_append_only;
ALTER TABLE lot_movement
    ALTER COLUMN account_id SET NOT NULL,
    DROP CONSTRAINT lot_movement_lot_id_fkey,
    DROP CONSTRAINT lot_movement_transaction_id_fkey,
    ADD CONSTRAINT lot_movement_lot_account_fkey FOREIGN KEY (lot_id, account_id) REFERENCES lot (id, account_id),
    ADD CONSTRAINT lot_movement_transaction_account_fkey FOREIGN KEY (transaction_id, account_id)
        REFERENCES ledger_transaction (id, account_id);

-- A release or a capture names its hold (related_transaction_id). Rows written before: a redemption's capture and a
-- withdrawal's final transaction (its release when rejected, its capture when paid) are recorded with their hold; a
-- redemption's releases are not, and each is the first RELEASE of the same account and order after the order's
-- latest HOLD (an order has one live redemption at a time, so its holds and releases never interleave). What cannot
-- be linked stays NULL: the guards below look at linked rows and at rows written from now on.
ALTER TABLE ledger_transaction DISABLE TRIGGER ledger_transaction_append_only;
UPDATE ledger_transaction t SET related_transaction_id = r.hold_transaction_id
FROM redemption r
WHERE t.id = r.capture_transaction_id AND t.kind = 'REDEMPTION' AND t.related_transaction_id IS NULL;
UPDATE ledger_transaction t SET related_transaction_id = w.hold_transaction_id
FROM withdrawal w
WHERE t.id = w.final_transaction_id AND w.hold_transaction_id IS NOT NULL AND t.kind IN ('RELEASE', 'WITHDRAWAL')
  AND t.related_transaction_id IS NULL;
WITH candidate AS (
    SELECT t.id AS release_id,
           (SELECT h.id FROM ledger_transaction h JOIN redemption r ON r.hold_transaction_id = h.id
            WHERE h.account_id = t.account_id AND h.kind = 'HOLD' AND h.source_type = 'ORDER'
              AND h.source_id = t.source_id AND h.id < t.id
            ORDER BY h.id DESC LIMIT 1) AS hold_id
    FROM ledger_transaction t
    WHERE t.kind = 'RELEASE' AND t.source_type = 'ORDER' AND t.related_transaction_id IS NULL),
first_release AS (
    SELECT DISTINCT ON (hold_id) release_id, hold_id FROM candidate WHERE hold_id IS NOT NULL
    ORDER BY hold_id, release_id)
UPDATE ledger_transaction t SET related_transaction_id = f.hold_id
FROM first_release f
WHERE t.id = f.release_id;
ALTER TABLE ledger_transaction ENABLE TRIGGER ledger_transaction_append_only;

-- One release and one capture per hold: a partial confirmation captures part and releases the rest, once each.
CREATE UNIQUE INDEX ledger_transaction_one_release_per_hold_idx ON ledger_transaction (related_transaction_id)
    WHERE kind = 'RELEASE';
CREATE UNIQUE INDEX ledger_transaction_one_capture_per_hold_idx ON ledger_transaction (related_transaction_id)
    WHERE kind IN ('REDEMPTION', 'WITHDRAWAL');

-- What takes from reserved bonuses names a HOLD of its own account, and takes at most what the hold has open (its
-- amount minus what its capture and release took). The hold row is locked, so two transactions taking from one hold
-- are checked one after the other. Only rows that move reserved pay for it (the WHEN clause).
CREATE FUNCTION ledger_take_from_hold() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    hold_account BIGINT;
    hold_kind    VARCHAR;
    held         NUMERIC;
    taken        NUMERIC;
BEGIN
    SELECT account_id, kind, reserved_change INTO hold_account, hold_kind, held
    FROM ledger_transaction WHERE id = NEW.related_transaction_id FOR NO KEY UPDATE;
    IF NOT FOUND OR hold_kind <> 'HOLD' OR hold_account <> NEW.account_id THEN
        RAISE EXCEPTION 'a % taking % reserved must name a HOLD of account % (related_transaction_id %)',
            NEW.kind, -NEW.reserved_change, NEW.account_id, NEW.related_transaction_id
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT COALESCE(-sum(reserved_change), 0) INTO taken
    FROM ledger_transaction WHERE related_transaction_id = NEW.related_transaction_id AND reserved_change < 0;
    IF taken - NEW.reserved_change > held THEN
        RAISE EXCEPTION 'hold % has % open, a % of % refused', NEW.related_transaction_id, held - taken, NEW.kind,
            -NEW.reserved_change USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_transaction_takes_from_hold BEFORE INSERT ON ledger_transaction
    FOR EACH ROW WHEN (NEW.reserved_change < 0) EXECUTE FUNCTION ledger_take_from_hold();

-- Append-only means no TRUNCATE either (it fires no row trigger): every table that refuses UPDATE and DELETE.
CREATE TRIGGER ledger_transaction_no_truncate BEFORE TRUNCATE ON ledger_transaction
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER lot_movement_no_truncate BEFORE TRUNCATE ON lot_movement
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER rule_version_no_truncate BEFORE TRUNCATE ON rule_version
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER accrual_no_truncate BEFORE TRUNCATE ON accrual
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER rank_change_no_truncate BEFORE TRUNCATE ON rank_change
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
