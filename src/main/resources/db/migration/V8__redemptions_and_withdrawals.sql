-- Bonuses that pay part of a shop's order (SPEC §6): reserved at checkout (a HOLD), spent when the order is paid
-- (REDEMPTION), released when it is cancelled or the reservation times out (RELEASE), and given back (RETURN) when a
-- paid order is cancelled or refunded. At most one live (not released) redemption per order.
CREATE TABLE redemption (
    id                     BIGSERIAL PRIMARY KEY,
    member_id              BIGINT         NOT NULL REFERENCES account (member_id),
    order_id               VARCHAR(128)   NOT NULL,
    status                 VARCHAR(16)    NOT NULL CHECK (status IN ('RESERVED', 'CAPTURED', 'RELEASED')),
    order_total            NUMERIC(19, 2) NOT NULL,
    amount                 NUMERIC(19, 2) NOT NULL CHECK (amount > 0),
    captured               NUMERIC(19, 2) NOT NULL DEFAULT 0 CHECK (captured >= 0 AND captured <= amount),
    returned               NUMERIC(19, 2) NOT NULL DEFAULT 0 CHECK (returned >= 0 AND returned <= captured),
    lines                  TEXT           NOT NULL,
    spent_lots             TEXT,
    rule_version_id        BIGINT REFERENCES rule_version (id),
    hold_transaction_id    BIGINT         NOT NULL REFERENCES ledger_transaction (id),
    capture_transaction_id BIGINT REFERENCES ledger_transaction (id),
    release_reason         VARCHAR(32),
    created_at             TIMESTAMPTZ    NOT NULL,
    expires_at             TIMESTAMPTZ    NOT NULL,
    updated_at             TIMESTAMPTZ    NOT NULL
);
CREATE UNIQUE INDEX redemption_live_order_idx ON redemption (order_id) WHERE status <> 'RELEASED';
CREATE INDEX redemption_order_idx ON redemption (order_id);
CREATE INDEX redemption_timeout_idx ON redemption (expires_at) WHERE status = 'RESERVED';

-- Spent bonuses that came back are new lots; they keep the origin (referral reward, welcome bonus, ...) of the lot
-- they had been spent from, which decides whether they may be withdrawn.
CREATE TABLE returned_lot_origin (
    transaction_id        BIGINT PRIMARY KEY REFERENCES ledger_transaction (id),
    origin_transaction_id BIGINT NOT NULL REFERENCES ledger_transaction (id)
);

-- Members' requests to pay bonuses out (SPEC §7). The amount is held at once; payout details are AES-GCM encrypted
-- (never stored or shown in clear; payout_details_masked is what responses show).
CREATE TABLE withdrawal (
    id                      BIGSERIAL PRIMARY KEY,
    member_id               BIGINT         NOT NULL REFERENCES account (member_id),
    status                  VARCHAR(16)    NOT NULL CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED', 'PAID')),
    amount                  NUMERIC(19, 2) NOT NULL CHECK (amount > 0),
    fee                     NUMERIC(19, 2) NOT NULL CHECK (fee >= 0 AND fee < amount),
    payout_method           VARCHAR(16)    NOT NULL,
    payout_details          TEXT           NOT NULL,
    payout_details_masked   VARCHAR(32)    NOT NULL,
    withdrawable_origins    VARCHAR(500),
    rule_version_id         BIGINT         NOT NULL REFERENCES rule_version (id),
    hold_transaction_id     BIGINT REFERENCES ledger_transaction (id),
    final_transaction_id    BIGINT REFERENCES ledger_transaction (id),
    reject_reason           VARCHAR(500),
    decided_by              VARCHAR(128),
    created_at              TIMESTAMPTZ    NOT NULL,
    updated_at              TIMESTAMPTZ    NOT NULL
);
CREATE INDEX withdrawal_status_idx ON withdrawal (status, id DESC);
CREATE INDEX withdrawal_member_idx ON withdrawal (member_id, id DESC);
