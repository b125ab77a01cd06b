package app.sarafan.rule;

import java.time.Instant;

/** A version of a rule: its id and version (also the ETag), who wrote it when, and its definition. */
public record RuleView(String id, int version, String versionId, Instant createdAt, Instant updatedAt,
        String updatedBy, RuleDefinition definition) {
}
