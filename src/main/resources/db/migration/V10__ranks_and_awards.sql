-- Ranks (tiers): thresholds on lifetime figures, never on the balance. A member holds the highest rank whose every
-- threshold they meet; member_rank is also the row locked while a member's rank is recalculated, so two events
-- crossing a threshold at once change the rank once.
CREATE TABLE rank (
    code                 VARCHAR(32)    PRIMARY KEY,
    name                 VARCHAR(100)   NOT NULL,
    position             INTEGER        NOT NULL UNIQUE,
    min_total_paid       NUMERIC(19, 2),
    min_paying_referrals INTEGER,
    min_bonuses_earned   NUMERIC(19, 2),
    version              INTEGER        NOT NULL,
    created_at           TIMESTAMPTZ    NOT NULL,
    updated_at           TIMESTAMPTZ    NOT NULL
);

CREATE TABLE member_rank (
    member_id  BIGINT PRIMARY KEY REFERENCES member (id),
    rank_code  VARCHAR(32) REFERENCES rank (code),
    since      TIMESTAMPTZ NOT NULL
);
CREATE INDEX member_rank_code_idx ON member_rank (rank_code);

CREATE TABLE rank_change (
    id         BIGSERIAL PRIMARY KEY,
    member_id  BIGINT      NOT NULL REFERENCES member (id),
    from_rank  VARCHAR(32),
    to_rank    VARCHAR(32),
    cause      VARCHAR(32) NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX rank_change_member_idx ON rank_change (member_id, id DESC);
CREATE TRIGGER rank_change_append_only BEFORE UPDATE OR DELETE ON rank_change
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Awards (badges): granted at most once per member, by their threshold, by an achievement rule, or by hand.
CREATE TABLE award (
    code        VARCHAR(32)    PRIMARY KEY,
    name        VARCHAR(100)   NOT NULL,
    description VARCHAR(500),
    image_url   VARCHAR(500),
    metric      VARCHAR(32),
    threshold   NUMERIC(19, 2),
    active      BOOLEAN        NOT NULL,
    version     INTEGER        NOT NULL,
    created_at  TIMESTAMPTZ    NOT NULL,
    updated_at  TIMESTAMPTZ    NOT NULL
);

CREATE TABLE member_award (
    id            BIGSERIAL PRIMARY KEY,
    member_id     BIGINT       NOT NULL REFERENCES member (id),
    award_code    VARCHAR(32)  NOT NULL REFERENCES award (code),
    granted_at    TIMESTAMPTZ  NOT NULL,
    granted_by    VARCHAR(128) NOT NULL,
    reason        VARCHAR(500),
    revoked_at    TIMESTAMPTZ,
    revoked_by    VARCHAR(128),
    revoke_reason VARCHAR(500),
    UNIQUE (member_id, award_code)
);
