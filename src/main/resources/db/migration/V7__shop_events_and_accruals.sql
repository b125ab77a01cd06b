-- Shop events, each received once: the row is claimed in the transaction that applies the event, and its stored
-- result answers every retry of the same id (a retry with another body is refused by its hash).
CREATE TABLE shop_event (
    id          VARCHAR(128) PRIMARY KEY,
    type        VARCHAR(32)  NOT NULL,
    member_id   BIGINT REFERENCES member (id),
    order_id    VARCHAR(128),
    body_hash   VARCHAR(64)  NOT NULL,
    occurred_at TIMESTAMPTZ,
    received_at TIMESTAMPTZ  NOT NULL,
    received_by VARCHAR(128) NOT NULL,
    result      TEXT
);
CREATE INDEX shop_event_order_idx ON shop_event (order_id) WHERE order_id IS NOT NULL;

-- What Sarafan knows of an order from the events about it, whatever order they arrived in. A cancelled order
-- stays cancelled; refunded_share is the exact cumulative share refunded (0..1).
CREATE TABLE shop_order (
    order_id        VARCHAR(128) PRIMARY KEY,
    member_id       BIGINT         NOT NULL REFERENCES member (id),
    status          VARCHAR(16)    NOT NULL CHECK (status IN ('NEW', 'PLACED', 'PAID', 'CANCELLED')),
    total           NUMERIC(19, 2),
    bonuses_applied NUMERIC(19, 2) NOT NULL DEFAULT 0,
    coupon_code     VARCHAR(40),
    lines           TEXT,
    placed_at       TIMESTAMPTZ,
    paid_at         TIMESTAMPTZ,
    cancelled_at    TIMESTAMPTZ,
    refunded_share  NUMERIC        NOT NULL DEFAULT 0 CHECK (refunded_share >= 0 AND refunded_share <= 1),
    refunds         TEXT,
    created_at      TIMESTAMPTZ    NOT NULL,
    updated_at      TIMESTAMPTZ    NOT NULL
);
CREATE INDEX shop_order_member_idx ON shop_order (member_id, status);

-- Every credit a rule produced: which rule and version, for whom, caused by which event, order and member, at
-- which referral level. Limits count these rows; grant_key makes "once" rewards once even under races.
CREATE TABLE accrual (
    id              BIGSERIAL PRIMARY KEY,
    transaction_id  BIGINT       NOT NULL UNIQUE REFERENCES ledger_transaction (id),
    member_id       BIGINT       NOT NULL REFERENCES member (id),
    rule_id         BIGINT       NOT NULL REFERENCES rule (id),
    rule_version_id BIGINT       NOT NULL REFERENCES rule_version (id),
    profile         VARCHAR(32)  NOT NULL,
    role            VARCHAR(16)  NOT NULL CHECK (role IN ('MEMBER', 'REFERRER', 'RIGHTS_HOLDER')),
    level           INTEGER,
    subject_id      BIGINT       NOT NULL REFERENCES member (id),
    event_id        VARCHAR(128) NOT NULL,
    order_id        VARCHAR(128),
    grant_key       VARCHAR(300) UNIQUE,
    created_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX accrual_order_idx ON accrual (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX accrual_limit_idx ON accrual (rule_id, member_id, created_at);
CREATE TRIGGER accrual_append_only BEFORE UPDATE OR DELETE ON accrual
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Reversals look up what was already taken back of a credit.
CREATE INDEX IF NOT EXISTS ledger_transaction_related_idx ON ledger_transaction (related_transaction_id)
    WHERE related_transaction_id IS NOT NULL;
