-- Mass credits and debits (issue 9 part 7). An operation is accepted with its members already listed as items
-- (an explicit list resolved to members, or the members a filter matched at that moment); a worker on any
-- instance then runs the items in chunks. A chunk commits the members' ledger transactions together with their
-- items' outcomes and the counters, so a crash loses at most the chunk in flight and whoever takes the operation
-- over continues with the first PENDING item.
CREATE TABLE mass_operation (
    id              BIGSERIAL PRIMARY KEY,
    operation_key   VARCHAR(255)   NOT NULL UNIQUE,
    request_hash    VARCHAR(64)    NOT NULL,
    type            VARCHAR(8)     NOT NULL CHECK (type IN ('CREDIT', 'DEBIT')),
    amount          NUMERIC(19, 2) NOT NULL CHECK (amount > 0),
    reason          VARCHAR(500)   NOT NULL,
    selection       TEXT           NOT NULL,
    available_from  TIMESTAMPTZ,
    expires_at      TIMESTAMPTZ,
    status          VARCHAR(16)    NOT NULL
        CHECK (status IN ('QUEUED', 'RUNNING', 'CANCELLING', 'COMPLETED', 'CANCELLED', 'FAILED')),
    total           INTEGER        NOT NULL,
    done            INTEGER        NOT NULL DEFAULT 0,
    failed          INTEGER        NOT NULL DEFAULT 0,
    skipped         INTEGER        NOT NULL DEFAULT 0,
    failure         VARCHAR(500),
    created_by      VARCHAR(128)   NOT NULL,
    created_at      TIMESTAMPTZ    NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    -- As for imports: the running instance holds the operation until lease_until (database time) and renews the
    -- lease with every chunk; when it dies, another instance takes the operation over.
    owner           VARCHAR(100),
    lease_until     TIMESTAMPTZ
);
CREATE INDEX mass_operation_claim_idx ON mass_operation (id) WHERE status IN ('QUEUED', 'RUNNING', 'CANCELLING');

-- One member of an operation. seq is the processing order (the position in the list, or the member id order of
-- a filter); member_id is null for an externalId that named nobody (FAILED at once).
CREATE TABLE mass_operation_item (
    operation_id   BIGINT       NOT NULL REFERENCES mass_operation (id),
    seq            INTEGER      NOT NULL,
    external_id    VARCHAR(200) NOT NULL,
    member_id      BIGINT REFERENCES member (id),
    status         VARCHAR(8)   NOT NULL CHECK (status IN ('PENDING', 'DONE', 'FAILED', 'SKIPPED')),
    reason         VARCHAR(32),
    detail         VARCHAR(500),
    transaction_id BIGINT,
    PRIMARY KEY (operation_id, seq),
    UNIQUE (operation_id, member_id)
);
CREATE INDEX mass_operation_item_pending_idx ON mass_operation_item (operation_id, seq) WHERE status = 'PENDING';

-- The last guard against applying an operation twice to one member (a crash and a rerun, a stalled instance that
-- wakes up): one transaction of each kind per operation and account.
CREATE UNIQUE INDEX ledger_transaction_mass_operation_idx ON ledger_transaction (source_id, account_id, kind)
    WHERE source_type = 'MASS_OPERATION';
