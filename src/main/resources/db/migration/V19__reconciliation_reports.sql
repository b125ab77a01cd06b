-- Reports of the reconciliation job (reconciliation/): each run of the ledger invariant (ledger/LedgerInvariant)
-- over every account and the program, and what it found. The job only reads the ledger; these rows are all it
-- writes. A scheduled run claims its slot (scheduled_for, unique), so two instances never run the same night twice.
CREATE TABLE reconciliation (
    id               BIGSERIAL PRIMARY KEY,
    triggered_by     VARCHAR(16)  NOT NULL CHECK (triggered_by IN ('SCHEDULE', 'ON_DEMAND')),
    scheduled_for    TIMESTAMPTZ  UNIQUE,
    status           VARCHAR(16)  NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED')),
    started_at       TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ,
    accounts_checked BIGINT       NOT NULL DEFAULT 0,
    last_account_id  BIGINT       NOT NULL DEFAULT 0,
    chunks           INTEGER      NOT NULL DEFAULT 0,
    violation_count  BIGINT       NOT NULL DEFAULT 0,
    failure          VARCHAR(500),
    CHECK ((triggered_by = 'SCHEDULE') = (scheduled_for IS NOT NULL))
);

-- The first violations a run found (at most sarafan.reconciliation.reported-violations of them), in order; the
-- account is null for a program-wide rule.
CREATE TABLE reconciliation_violation (
    reconciliation_id BIGINT        NOT NULL REFERENCES reconciliation (id),
    position          INTEGER       NOT NULL,
    rule              VARCHAR(32)   NOT NULL,
    account_id        BIGINT REFERENCES account (member_id),
    detail            VARCHAR(1000) NOT NULL,
    PRIMARY KEY (reconciliation_id, position)
);
