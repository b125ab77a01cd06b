-- Leaderboard scores, kept up to date by triggers in the transaction of the change itself, per calendar week and
-- month (UTC, weeks start on Monday) and for all time. A leaderboard page is then an index range scan, and a
-- member's position one count over the same index, however many members there are.
--   paying_referrals: members bound to the member (level 1) whose first payment fell in the period;
--   earned: referral rewards the member earned in the period (all levels), minus what was taken back of them.
CREATE TABLE leaderboard_score (
    period_kind      VARCHAR(8)     NOT NULL CHECK (period_kind IN ('WEEK', 'MONTH', 'ALL_TIME')),
    period_start     DATE           NOT NULL,
    member_id        BIGINT         NOT NULL REFERENCES member (id),
    paying_referrals INTEGER        NOT NULL DEFAULT 0,
    earned           NUMERIC(19, 2) NOT NULL DEFAULT 0,
    PRIMARY KEY (period_kind, period_start, member_id)
);
CREATE INDEX leaderboard_score_paying_idx
    ON leaderboard_score (period_kind, period_start, paying_referrals DESC, member_id);
CREATE INDEX leaderboard_score_earned_idx
    ON leaderboard_score (period_kind, period_start, earned DESC, member_id);

-- Always the same row order (WEEK, MONTH, ALL_TIME), so two writers of one member's scores cannot deadlock.
CREATE FUNCTION leaderboard_add(p_member BIGINT, p_at TIMESTAMPTZ, p_paying INTEGER, p_earned NUMERIC)
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO leaderboard_score AS s (period_kind, period_start, member_id, paying_referrals, earned)
    VALUES ('WEEK', date_trunc('week', p_at AT TIME ZONE 'UTC')::date, p_member, p_paying, p_earned),
           ('MONTH', date_trunc('month', p_at AT TIME ZONE 'UTC')::date, p_member, p_paying, p_earned),
           ('ALL_TIME', DATE '1970-01-01', p_member, p_paying, p_earned)
    ON CONFLICT (period_kind, period_start, member_id) DO UPDATE
        SET paying_referrals = s.paying_referrals + EXCLUDED.paying_referrals,
            earned = s.earned + EXCLUDED.earned;
$$;

-- A referral reward counts when it is written; a reversal or void of one subtracts when it is written.
CREATE FUNCTION leaderboard_on_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.referral_level IS NOT NULL THEN
        PERFORM leaderboard_add(NEW.account_id, NEW.created_at, 0, NEW.amount);
    ELSIF NEW.kind IN ('REVERSAL', 'VOID') AND NEW.related_transaction_id IS NOT NULL
          AND EXISTS (SELECT 1 FROM ledger_transaction o
                      WHERE o.id = NEW.related_transaction_id AND o.referral_level IS NOT NULL) THEN
        PERFORM leaderboard_add(NEW.account_id, NEW.created_at, 0, NEW.amount);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ledger_transaction_leaderboard AFTER INSERT ON ledger_transaction
    FOR EACH ROW EXECUTE FUNCTION leaderboard_on_transaction();

-- A paying referral counts for the referrer at the referral's first payment; a binding undone (a rejected review)
-- takes it back from the referrer it was counted for.
CREATE FUNCTION leaderboard_on_referral() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.referrer_id IS NOT DISTINCT FROM NEW.referrer_id
           AND OLD.first_paid_at IS NOT DISTINCT FROM NEW.first_paid_at THEN
            RETURN NULL;
        END IF;
        IF OLD.referrer_id IS NOT NULL AND OLD.first_paid_at IS NOT NULL THEN
            PERFORM leaderboard_add(OLD.referrer_id, OLD.first_paid_at, -1, 0);
        END IF;
    END IF;
    IF NEW.referrer_id IS NOT NULL AND NEW.first_paid_at IS NOT NULL THEN
        PERFORM leaderboard_add(NEW.referrer_id, NEW.first_paid_at, 1, 0);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER referral_profile_leaderboard AFTER INSERT OR UPDATE OF referrer_id, first_paid_at ON referral_profile
    FOR EACH ROW EXECUTE FUNCTION leaderboard_on_referral();

-- What happened before this migration.
DO $$
BEGIN
    PERFORM leaderboard_add(referrer_id, first_paid_at, 1, 0)
    FROM referral_profile WHERE referrer_id IS NOT NULL AND first_paid_at IS NOT NULL;
    PERFORM leaderboard_add(t.account_id, t.created_at, 0, t.amount)
    FROM ledger_transaction t LEFT JOIN ledger_transaction o ON o.id = t.related_transaction_id
    WHERE t.referral_level IS NOT NULL OR (t.kind IN ('REVERSAL', 'VOID') AND o.referral_level IS NOT NULL);
END;
$$;

-- How a member appears on the leaderboard: their own display name, masked (the default: "Ivan P."), or anonymous.
CREATE TABLE leaderboard_profile (
    member_id    BIGINT PRIMARY KEY REFERENCES member (id),
    visibility   VARCHAR(16) NOT NULL CHECK (visibility IN ('DISPLAY_NAME', 'MASKED', 'ANONYMOUS')),
    display_name VARCHAR(40),
    updated_at   TIMESTAMPTZ NOT NULL,
    CHECK (visibility <> 'DISPLAY_NAME' OR display_name IS NOT NULL)
);

-- Program analytics read the journal and first payments by period.
CREATE INDEX ledger_transaction_created_idx ON ledger_transaction (created_at);
CREATE INDEX referral_profile_first_paid_idx ON referral_profile (first_paid_at) WHERE first_paid_at IS NOT NULL;
CREATE INDEX referral_profile_bound_idx ON referral_profile (bound_at) WHERE bound_at IS NOT NULL;
CREATE INDEX visit_created_idx ON visit (created_at) WHERE referrer_id IS NOT NULL;
CREATE INDEX lot_open_expiry_idx ON lot (expires_at) WHERE state IN ('ACTIVE', 'PENDING');

-- Banners and texts administrators write for members to share; {link}, {code} and {name} are filled in per member.
CREATE TABLE promo_material (
    id          BIGSERIAL PRIMARY KEY,
    title       VARCHAR(200)  NOT NULL,
    body        VARCHAR(5000) NOT NULL,
    image_url   VARCHAR(2000),
    locale      VARCHAR(35)   NOT NULL,
    active_from TIMESTAMPTZ,
    active_to   TIMESTAMPTZ,
    version     INTEGER       NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL,
    updated_by  VARCHAR(128)  NOT NULL
);
CREATE INDEX promo_material_locale_idx ON promo_material (locale, id DESC);
