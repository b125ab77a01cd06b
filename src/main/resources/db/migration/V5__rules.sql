-- Rules are data: each edit writes a new immutable version, and transactions point at the version that produced
-- them, so editing a rule never changes the past.
CREATE TABLE rule (
    id              BIGSERIAL PRIMARY KEY,
    current_version INTEGER     NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE rule_version (
    id          BIGSERIAL PRIMARY KEY,
    rule_id     BIGINT       NOT NULL REFERENCES rule (id),
    version     INTEGER      NOT NULL,
    profile     VARCHAR(32)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    active      BOOLEAN      NOT NULL,
    priority    INTEGER      NOT NULL,
    valid_from  TIMESTAMPTZ,
    valid_to    TIMESTAMPTZ,
    definition  TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(128) NOT NULL,
    UNIQUE (rule_id, version)
);
CREATE INDEX rule_version_profile_idx ON rule_version (profile, active);
CREATE TRIGGER rule_version_append_only BEFORE UPDATE OR DELETE ON rule_version
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

ALTER TABLE ledger_transaction ADD COLUMN rule_version_id BIGINT REFERENCES rule_version (id);
