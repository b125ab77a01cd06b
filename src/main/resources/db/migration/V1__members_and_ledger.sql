-- Members of the program, addressed by the shop's own id.
CREATE TABLE member (
    id                    BIGSERIAL PRIMARY KEY,
    external_id           VARCHAR(128) NOT NULL UNIQUE,
    email                 VARCHAR(254) NOT NULL,
    name                  VARCHAR(200),
    phone                 VARCHAR(32),
    birthday              DATE,
    locale                VARCHAR(35)  NOT NULL,
    time_zone             VARCHAR(64)  NOT NULL,
    status                VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'BLOCKED')),
    blocked_reason        VARCHAR(500),
    profile_completed     BOOLEAN      NOT NULL DEFAULT FALSE,
    newsletter_subscribed BOOLEAN      NOT NULL DEFAULT FALSE,
    registered_at         TIMESTAMPTZ  NOT NULL,
    created_at            TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL
);
CREATE INDEX member_email_idx ON member (lower(email));

-- One bonus account per member. Its parts are caches of sums over ledger_transaction, updated in the same
-- database transaction; LedgerInvariant proves them equal. The row is also the lock that serializes every
-- change of one member's balance.
CREATE TABLE account (
    member_id  BIGINT PRIMARY KEY REFERENCES member (id),
    available  NUMERIC(19, 2) NOT NULL DEFAULT 0,
    pending    NUMERIC(19, 2) NOT NULL DEFAULT 0 CHECK (pending >= 0),
    reserved   NUMERIC(19, 2) NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    updated_at TIMESTAMPTZ    NOT NULL
);

-- The immutable journal. amount changes the total; pending_change and reserved_change say which part of the
-- total moved; the available part changes by amount - pending_change - reserved_change.
CREATE TABLE ledger_transaction (
    id                     BIGSERIAL PRIMARY KEY,
    account_id             BIGINT         NOT NULL REFERENCES account (member_id),
    kind                   VARCHAR(24)    NOT NULL,
    amount                 NUMERIC(19, 2) NOT NULL,
    pending_change         NUMERIC(19, 2) NOT NULL DEFAULT 0,
    reserved_change        NUMERIC(19, 2) NOT NULL DEFAULT 0,
    source_type            VARCHAR(24)    NOT NULL,
    source_id              VARCHAR(128),
    reason                 VARCHAR(500)   NOT NULL,
    actor                  VARCHAR(128)   NOT NULL,
    related_transaction_id BIGINT REFERENCES ledger_transaction (id),
    created_at             TIMESTAMPTZ    NOT NULL,
    available_from         TIMESTAMPTZ    NOT NULL,
    expires_at             TIMESTAMPTZ
);
CREATE INDEX ledger_transaction_history_idx ON ledger_transaction (account_id, id DESC);

-- Lots: what an accrual left to spend, with its own expiry. remaining is a cache of amount + the sum of the
-- lot's movements.
CREATE TABLE lot (
    id             BIGSERIAL PRIMARY KEY,
    account_id     BIGINT         NOT NULL REFERENCES account (member_id),
    transaction_id BIGINT         NOT NULL REFERENCES ledger_transaction (id),
    amount         NUMERIC(19, 2) NOT NULL CHECK (amount > 0),
    remaining      NUMERIC(19, 2) NOT NULL CHECK (remaining >= 0 AND remaining <= amount),
    state          VARCHAR(16)    NOT NULL CHECK (state IN ('PENDING', 'ACTIVE', 'SPENT', 'EXPIRED', 'VOIDED')),
    available_from TIMESTAMPTZ    NOT NULL,
    expires_at     TIMESTAMPTZ
);
CREATE INDEX lot_spend_order_idx ON lot (account_id, state, expires_at NULLS LAST, id);
CREATE INDEX lot_expiry_idx ON lot (expires_at) WHERE state = 'ACTIVE';
CREATE INDEX lot_activation_idx ON lot (available_from) WHERE state = 'PENDING';

-- Which transaction took how much from which lot (negative) or gave back to it (positive).
CREATE TABLE lot_movement (
    id             BIGSERIAL PRIMARY KEY,
    lot_id         BIGINT         NOT NULL REFERENCES lot (id),
    transaction_id BIGINT         NOT NULL REFERENCES ledger_transaction (id),
    amount         NUMERIC(19, 2) NOT NULL CHECK (amount <> 0)
);
CREATE INDEX lot_movement_lot_idx ON lot_movement (lot_id);

-- Nothing in the journal is ever updated or deleted: a correction is a new transaction.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER ledger_transaction_append_only BEFORE UPDATE OR DELETE ON ledger_transaction
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER lot_movement_append_only BEFORE UPDATE OR DELETE ON lot_movement
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The first answer to a request with an Idempotency-Key, replayed for every retry of the same request.
CREATE TABLE idempotency_record (
    scope         VARCHAR(200) NOT NULL,
    idem_key      VARCHAR(255) NOT NULL,
    request_hash  VARCHAR(64)  NOT NULL,
    status        INTEGER      NOT NULL,
    location      VARCHAR(500),
    response_body TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
