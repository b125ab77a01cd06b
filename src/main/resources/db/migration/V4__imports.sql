-- Imports of members, their referral network and balances from another system. An import is accepted with all
-- its rows already checked and put in processing order (referrers before their referrals); a worker on any
-- instance then runs it in small batches of rows. Each batch commits with the rows' outcomes and the counters, so
-- a crash loses at most the batch in flight, and whoever takes the import over next continues with the first
-- PENDING row.
CREATE TABLE member_import (
    id          BIGSERIAL PRIMARY KEY,
    status      VARCHAR(16)  NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    format      VARCHAR(8)   NOT NULL CHECK (format IN ('CSV', 'JSON')),
    total       INTEGER      NOT NULL,
    imported    INTEGER      NOT NULL DEFAULT 0,
    skipped     INTEGER      NOT NULL DEFAULT 0,
    rejected    INTEGER      NOT NULL DEFAULT 0,
    failure     VARCHAR(500),
    created_by  VARCHAR(128) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    started_at  TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    -- The instance running the import holds it until lease_until (database time) and renews the lease with every
    -- row; an instance that died lets its lease run out and another one takes the import over.
    owner       VARCHAR(100),
    lease_until TIMESTAMPTZ
);
CREATE INDEX member_import_claim_idx ON member_import (id) WHERE status IN ('QUEUED', 'RUNNING');

-- The rows of an import. position is the processing order; row_number is where the row is in the file.
CREATE TABLE member_import_row (
    import_id    BIGINT       NOT NULL REFERENCES member_import (id),
    position     INTEGER      NOT NULL,
    row_number   INTEGER      NOT NULL,
    external_id  VARCHAR(200),
    data         TEXT,
    status       VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'IMPORTED', 'SKIPPED', 'REJECTED')),
    errors       TEXT,
    PRIMARY KEY (import_id, position)
);
CREATE INDEX member_import_row_pending_idx ON member_import_row (import_id, position) WHERE status = 'PENDING';
CREATE INDEX member_import_row_rejected_idx ON member_import_row (import_id, row_number) WHERE status = 'REJECTED';
