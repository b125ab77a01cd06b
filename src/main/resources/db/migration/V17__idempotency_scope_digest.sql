-- An Idempotency-Key's scope is now the SHA-256 (64 hex characters) of caller + operation + decoded path parameters,
-- so that no identifier, however spelt or long, can overflow the column. The column keeps its type so that an
-- instance still running the previous version during a rolling deploy can go on writing its raw
-- "caller METHOD path" scopes; the new version still replays such rows (spelt as then) until they leave the
-- retention window, and the purge deletes them like any other.
COMMENT ON COLUMN idempotency_record.scope IS
    'SHA-256 hex of caller, operation (method and route template) and decoded path parameters; before V17 the raw "caller METHOD path"';

-- The Location of a created resource is built from identifiers; no length limit to outgrow.
ALTER TABLE idempotency_record ALTER COLUMN location TYPE TEXT;

-- The ETag of the first answer (rules, promo materials), replayed with it.
ALTER TABLE idempotency_record ADD COLUMN entity_tag TEXT;

-- The purge deletes by age.
CREATE INDEX IF NOT EXISTS idempotency_record_created_at ON idempotency_record (created_at);
