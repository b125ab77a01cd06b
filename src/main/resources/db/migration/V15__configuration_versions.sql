-- A version per kind of configuration that shop events read (rules, ranks, awards), bumped by every statement that
-- changes it, whoever runs it. An instance keeps what it parsed and asks for these three numbers once per event
-- transaction (one round trip) instead of reading the configuration again: a change on any instance, or made
-- straight in the database, applies to the next event everywhere.
CREATE TABLE configuration_version (
    subject VARCHAR(16) PRIMARY KEY CHECK (subject IN ('RULES', 'RANKS', 'AWARDS')),
    version BIGINT      NOT NULL
);
INSERT INTO configuration_version (subject, version) VALUES ('RULES', 1), ('RANKS', 1), ('AWARDS', 1);

CREATE FUNCTION configuration_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE configuration_version SET version = version + 1 WHERE subject = TG_ARGV[0];
    RETURN NULL;
END;
$$;
CREATE TRIGGER rule_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rule
    FOR EACH STATEMENT EXECUTE FUNCTION configuration_changed('RULES');
CREATE TRIGGER rule_version_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rule_version
    FOR EACH STATEMENT EXECUTE FUNCTION configuration_changed('RULES');
CREATE TRIGGER rank_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rank
    FOR EACH STATEMENT EXECUTE FUNCTION configuration_changed('RANKS');
CREATE TRIGGER award_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON award
    FOR EACH STATEMENT EXECUTE FUNCTION configuration_changed('AWARDS');
