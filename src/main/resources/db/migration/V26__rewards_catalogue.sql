-- The rewards catalogue (rewards/, docs/rewards.md): what administrators offer for bonuses, the codes they upload or
-- Sarafan generates, and every member's redemption. The database refuses what would oversell: remaining_stock never
-- goes below zero, a code belongs to at most one redemption, a redemption has at most one code.

-- A reward spends bonuses from the ledger with source type REWARD (the redemption's id), and a cancellation gives
-- them back as RETURN credits with the same source.
ALTER TABLE ledger_transaction DROP CONSTRAINT ledger_transaction_source_type_check;
ALTER TABLE ledger_transaction
    ADD CONSTRAINT ledger_transaction_source_type_check CHECK (source_type IN ('ADMIN', 'EVENT', 'ORDER',
        'REDEMPTION', 'WITHDRAWAL', 'MASS_OPERATION', 'IMPORT', 'JOB', 'SYSTEM', 'REWARD'));

-- rank_prices: a JSON list [{"rankCode": "GOLD", "price": "400.00"}], the price for members of those ranks.
-- total_stock and remaining_stock are both null (unlimited) or both set; a redemption takes one of remaining_stock
-- by a conditional UPDATE (remaining_stock > 0) and a cancellation gives it back.
CREATE TABLE reward (
    code             VARCHAR(32)    PRIMARY KEY,
    name             VARCHAR(100)   NOT NULL,
    description      VARCHAR(500),
    type             VARCHAR(24)    NOT NULL CHECK (type IN ('COUPON_POOL', 'COUPON_PATTERN', 'FIXED_DISCOUNT',
                                                             'FREE_SHIPPING', 'PHYSICAL_GIFT')),
    price            NUMERIC(19, 2) NOT NULL CHECK (price > 0),
    rank_prices      TEXT           NOT NULL DEFAULT '[]',
    code_pattern     VARCHAR(64),
    discount_amount  NUMERIC(19, 2) CHECK (discount_amount > 0),
    available_from   TIMESTAMPTZ,
    available_until  TIMESTAMPTZ,
    per_member_limit INTEGER        CHECK (per_member_limit > 0),
    total_stock      INTEGER        CHECK (total_stock >= 0),
    remaining_stock  INTEGER        CHECK (remaining_stock >= 0),
    status           VARCHAR(16)    NOT NULL CHECK (status IN ('ACTIVE', 'ARCHIVED')),
    version          INTEGER        NOT NULL,
    created_at       TIMESTAMPTZ    NOT NULL,
    updated_at       TIMESTAMPTZ    NOT NULL,
    CONSTRAINT reward_stock_check CHECK ((total_stock IS NULL) = (remaining_stock IS NULL)
                                         AND remaining_stock <= total_stock),
    CONSTRAINT reward_period_check CHECK (available_until > available_from)
);

-- price and code are what the member got, as of the redemption (a later change of the reward changes neither).
CREATE TABLE reward_redemption (
    id              BIGSERIAL      PRIMARY KEY,
    member_id       BIGINT         NOT NULL REFERENCES member (id),
    reward_code     VARCHAR(32)    NOT NULL REFERENCES reward (code),
    reward_type     VARCHAR(24)    NOT NULL CHECK (reward_type IN ('COUPON_POOL', 'COUPON_PATTERN', 'FIXED_DISCOUNT',
                                                                   'FREE_SHIPPING', 'PHYSICAL_GIFT')),
    reward_name     VARCHAR(100)   NOT NULL,
    price           NUMERIC(19, 2) NOT NULL CHECK (price > 0),
    status          VARCHAR(16)    NOT NULL CHECK (status IN ('ISSUED', 'USED', 'CANCELLED')),
    code            VARCHAR(64),
    discount_amount NUMERIC(19, 2),
    transaction_id  BIGINT         NOT NULL REFERENCES ledger_transaction (id),
    spent_lots      TEXT           NOT NULL,
    cancel_reason   VARCHAR(500),
    cancelled_by    VARCHAR(200),
    cancelled_at    TIMESTAMPTZ,
    used_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ    NOT NULL,
    updated_at      TIMESTAMPTZ    NOT NULL
);
CREATE INDEX reward_redemption_member_idx ON reward_redemption (member_id, id DESC);
CREATE INDEX reward_redemption_reward_member_idx ON reward_redemption (reward_code, member_id)
    WHERE status <> 'CANCELLED';
CREATE INDEX reward_redemption_created_idx ON reward_redemption (created_at);
CREATE INDEX reward_redemption_cancelled_idx ON reward_redemption (cancelled_at) WHERE cancelled_at IS NOT NULL;

-- Every code, uploaded (pooled) or generated, unique across the catalogue so that the shop finds a redemption by
-- the code a customer types. A pooled code is free while redemption_id is null; a redemption takes one with
-- FOR UPDATE SKIP LOCKED and sets it, and a cancellation of an unused one sets it back to null. The reference to the
-- redemption is checked at commit: the code is claimed first, before anything is spent, and the redemption is written
-- last, once the ledger transaction it names exists.
CREATE TABLE reward_code (
    id            BIGSERIAL   PRIMARY KEY,
    reward_code   VARCHAR(32) NOT NULL REFERENCES reward (code),
    code          VARCHAR(64) NOT NULL UNIQUE,
    pooled        BOOLEAN     NOT NULL,
    redemption_id BIGINT      UNIQUE REFERENCES reward_redemption (id) DEFERRABLE INITIALLY DEFERRED,
    created_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT reward_code_generated_issued_check CHECK (pooled OR redemption_id IS NOT NULL)
);
CREATE INDEX reward_code_free_idx ON reward_code (reward_code, id) WHERE pooled AND redemption_id IS NULL;
