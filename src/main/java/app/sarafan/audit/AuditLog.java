package app.sarafan.audit;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.KeysetFilter;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The trail of administrative changes. {@link #record} joins the transaction of the change (MANDATORY: an entry
 * without its change, or a change without its entry, cannot happen), so a refused or rolled-back change leaves no
 * entry. Before and after are the API views of the thing changed, masked of secrets.
 */
@ApplicationScoped
public class AuditLog {

    private final ObjectMapper json;
    private final AppClock clock;

    AuditLog(ObjectMapper json, AppClock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * Writes one entry. {@code actor} is the caller's principal name (an API key's fingerprint or a token's subject);
     * {@code before} is null for a creation, {@code after} null for a deletion.
     */
    @Transactional(TxType.MANDATORY)
    public void record(String actor, AuditAction action, AuditEntityType entityType, Object entityId, Object before,
            Object after) {
        AuditEntry entry = new AuditEntry();
        entry.actor = actor == null || actor.isBlank() ? "system" : actor;
        entry.action = action;
        entry.entityType = entityType;
        entry.entityId = String.valueOf(entityId);
        entry.before = stored(before);
        entry.after = stored(after);
        entry.createdAt = clock.now();
        entry.persist();
    }

    @Transactional
    public AuditEntryView get(String id) {
        long entryId;
        try {
            entryId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("Audit entry", id);
        }
        AuditEntry entry = AuditEntry.findById(entryId);
        if (entry == null) {
            throw ProblemException.notFound("Audit entry", id);
        }
        return view(entry);
    }

    /** Newest first, keyset-paged by id so that entries written meanwhile never shift a page. */
    @Transactional
    public Page<AuditEntryView> list(AuditFilter filter, Integer limit, String cursor) {
        int size = Cursor.limit(limit);
        KeysetFilter where = KeysetFilter.below("id", cursor).and("actor = ?", filter.actor())
                .and("entityType = ?", filter.entityType()).and("entityId = ?", filter.entityId())
                .and("action = ?", filter.action()).and("createdAt >= ?", filter.from())
                .and("createdAt < ?", filter.to());
        List<AuditEntry> rows = AuditEntry.<AuditEntry>find(where.where() + " order by id desc", where.params())
                .range(0, size).list();
        return new Page<>(rows.stream().limit(size).map(this::view).toList(),
                rows.size() > size ? Cursor.encode(rows.get(size - 1).id) : null);
    }

    private String stored(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(AuditMasking.masked(json.valueToTree(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private JsonNode parsed(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored audit snapshot", e);
        }
    }

    private AuditEntryView view(AuditEntry entry) {
        return new AuditEntryView(String.valueOf(entry.id), entry.actor, entry.action, entry.entityType,
                entry.entityId, parsed(entry.before), parsed(entry.after), entry.createdAt);
    }
}
