-- Websites members declare as theirs. Once VERIFIED (the member's token was found on the site), a visit whose
-- Referer is that host is attributed to the member. match_domain is the domain without a leading "www.":
-- www.example.com and example.com are one site for attribution and for ownership.
CREATE TABLE referral_site (
    id                  BIGSERIAL PRIMARY KEY,
    member_id           BIGINT       NOT NULL REFERENCES member (id),
    domain              VARCHAR(253) NOT NULL,
    match_domain        VARCHAR(253) NOT NULL,
    verification_token  VARCHAR(64)  NOT NULL,
    status              VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'VERIFIED', 'FAILED')),
    verification_method VARCHAR(24) CHECK (verification_method IN ('WELL_KNOWN_FILE', 'META_TAG')),
    verified_at         TIMESTAMPTZ,
    last_checked_at     TIMESTAMPTZ,
    failure_reason      VARCHAR(32),
    failure_detail      VARCHAR(1000),
    created_at          TIMESTAMPTZ  NOT NULL,
    CHECK ((status = 'VERIFIED') = (verification_method IS NOT NULL AND verified_at IS NOT NULL)),
    CHECK ((status = 'FAILED') = (failure_reason IS NOT NULL))
);
-- A member declares a site once; the list of a member's sites is read newest first.
CREATE UNIQUE INDEX referral_site_member_domain_idx ON referral_site (member_id, match_domain);
CREATE INDEX referral_site_member_idx ON referral_site (member_id, id DESC);
-- One member at a time may hold a site as verified; this index also answers attribution by Referer host.
CREATE UNIQUE INDEX referral_site_verified_idx ON referral_site (match_domain) WHERE status = 'VERIFIED';
