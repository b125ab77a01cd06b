-- Every administrative change, written in the transaction of the change itself. Append-only: the trigger refuses
-- UPDATE and DELETE, so not even a bug in the application can rewrite history. before/after are JSON texts whose
-- secrets and payout details were masked before they were written.
CREATE TABLE audit_entry (
    id          BIGSERIAL    PRIMARY KEY,
    actor       VARCHAR(200) NOT NULL,
    action      VARCHAR(64)  NOT NULL,
    entity_type VARCHAR(64)  NOT NULL,
    entity_id   VARCHAR(100) NOT NULL,
    before_json TEXT,
    after_json  TEXT,
    created_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX audit_entry_entity_idx ON audit_entry (entity_type, entity_id, id DESC);
CREATE INDEX audit_entry_actor_idx ON audit_entry (actor, id DESC);
CREATE INDEX audit_entry_created_idx ON audit_entry (created_at, id DESC);
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
