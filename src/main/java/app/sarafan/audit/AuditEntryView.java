package app.sarafan.audit;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** An audit entry as administrators read it; before is null for a creation, after is null for a deletion. */
public record AuditEntryView(
        String id,
        String actor,
        AuditAction action,
        AuditEntityType entityType,
        String entityId,
        JsonNode before,
        JsonNode after,
        Instant createdAt) {
}
