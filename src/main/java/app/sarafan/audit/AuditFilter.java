package app.sarafan.audit;

import java.time.Instant;

/** What an administrator narrows the audit log to; a null member means "any". */
public record AuditFilter(String actor, AuditEntityType entityType, String entityId, AuditAction action,
        Instant from, Instant to) {
}
