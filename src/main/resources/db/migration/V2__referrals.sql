-- Who referred whom. One row per member, created with the member; the referrer is set once, by a binding.
CREATE TABLE referral_profile (
    member_id           BIGINT PRIMARY KEY REFERENCES member (id),
    code                VARCHAR(16)  NOT NULL UNIQUE,
    referrer_id         BIGINT REFERENCES member (id),
    bound_at            TIMESTAMPTZ,
    bound_via           VARCHAR(16),
    bound_source        VARCHAR(255),
    review_status       VARCHAR(16)  NOT NULL DEFAULT 'NONE'
        CHECK (review_status IN ('NONE', 'FLAGGED', 'APPROVED', 'REJECTED')),
    review_reasons      VARCHAR(500),
    registration_ip     VARCHAR(64),
    registration_device VARCHAR(128),
    registration_visitor VARCHAR(128),
    first_paid_at       TIMESTAMPTZ,
    CHECK (referrer_id IS NULL OR referrer_id <> member_id)
);
CREATE INDEX referral_profile_referrer_idx ON referral_profile (referrer_id);
CREATE INDEX referral_profile_review_idx ON referral_profile (review_status) WHERE review_status = 'FLAGGED';
CREATE INDEX referral_profile_visitor_idx ON referral_profile (registration_visitor);

-- Members who joined before referrals existed get their code now (same alphabet as ReferralCodes).
INSERT INTO referral_profile (member_id, code)
SELECT m.id, (SELECT string_agg(substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + floor(random() * 31)::int, 1), '')
              FROM generate_series(1, 8 + (m.id * 0)::int))
FROM member m;

-- The referral tree as a closure table: one row per (ancestor, descendant) pair with the level between them
-- (1 = direct referral). Level counts of any member and the upline of any member are single index range scans,
-- whatever the depth of the tree.
-- descendant_paid repeats whether the descendant has paid for an order, so that the paying counts of a network
-- come from the same index-only scan as its level counts.
CREATE TABLE referral_closure (
    ancestor_id     BIGINT  NOT NULL REFERENCES member (id),
    descendant_id   BIGINT  NOT NULL REFERENCES member (id),
    depth           INTEGER NOT NULL CHECK (depth >= 1),
    descendant_paid BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX referral_closure_level_idx ON referral_closure (ancestor_id, depth, descendant_id) INCLUDE (descendant_paid);
CREATE INDEX referral_closure_upline_idx ON referral_closure (descendant_id, depth);

-- Coupon codes bound to the member who hands them out.
CREATE TABLE coupon (
    id             BIGSERIAL PRIMARY KEY,
    member_id      BIGINT       NOT NULL REFERENCES member (id),
    code           VARCHAR(40)  NOT NULL UNIQUE,
    discount_text  VARCHAR(200) NOT NULL,
    active         BOOLEAN      NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    deactivated_at TIMESTAMPTZ
);
CREATE INDEX coupon_member_idx ON coupon (member_id, id DESC);

-- Visits (clicks) reported by the shop, with whom they were attributed to.
CREATE TABLE visit (
    id           BIGSERIAL PRIMARY KEY,
    visitor_id   VARCHAR(128) NOT NULL,
    referrer_id  BIGINT REFERENCES member (id),
    via          VARCHAR(16),
    source       VARCHAR(255),
    referer_url  VARCHAR(2000),
    landing_url  VARCHAR(2000),
    user_agent   VARCHAR(500),
    ip           VARCHAR(64),
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX visit_visitor_idx ON visit (visitor_id, created_at);
CREATE INDEX visit_referrer_idx ON visit (referrer_id, created_at) WHERE referrer_id IS NOT NULL;

-- Domain events written in the transaction of the change that caused them; notifications and webhooks consume
-- them later (an outbox).
CREATE TABLE domain_event (
    id         BIGSERIAL PRIMARY KEY,
    type       VARCHAR(64)  NOT NULL,
    member_id  BIGINT REFERENCES member (id),
    payload    TEXT         NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX domain_event_type_idx ON domain_event (type, id);

-- Which referral (and at which level of the earner's network) a reward came from; set by the earning engine.
ALTER TABLE ledger_transaction ADD COLUMN referral_member_id BIGINT REFERENCES member (id);
ALTER TABLE ledger_transaction ADD COLUMN referral_level INTEGER;
CREATE INDEX ledger_transaction_referral_idx ON ledger_transaction (account_id, referral_member_id)
    WHERE referral_member_id IS NOT NULL;
