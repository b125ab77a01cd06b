package app.sarafan.massop;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.sarafan.common.error.FieldError;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.json.StoredJson;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import app.sarafan.ledger.CreditTerms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Accepts mass operations, reports on them and cancels them; {@link MassOperationWorker} runs them. An operation is
 * idempotent by its key: the same request again answers the operation accepted first and changes nothing, another
 * request with the same key is refused.
 */
@ApplicationScoped
public class MassOperations {

    /** What a submission answered, and whether it is the replay of an earlier one. */
    public record Submitted(MassOperationView operation, boolean replayed) {
    }

    private final EntityManager em;
    private final StoredJson json;
    private final AppClock clock;
    private final MemberSelection selection;
    private final AuditLog audit;

    MassOperations(EntityManager em, StoredJson json, AppClock clock, MemberSelection selection,
            AuditLog audit) {
        this.audit = audit;
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.selection = selection;
    }

    @Transactional
    public Submitted submit(MassOperationRequest request, String idempotencyKey, String administrator) {
        String key = operationKey(request, idempotencyKey);
        check(request);
        Instant now = clock.now();
        CreditTerms terms = CreditTerms.of(request.delayDays(), request.lifetimeDays(), request.expiresAt(), now);
        Instant availableFrom = terms.availableFrom();
        Instant expiresAt = terms.expiresAt();
        String hash = hash(request, key);
        @SuppressWarnings("unchecked")
        List<Number> inserted = em.createNativeQuery("""
                        INSERT INTO mass_operation (operation_key, request_hash, type, amount, reason, selection,
                                                    available_from, expires_at, status, total, created_by, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'QUEUED', 0, ?9, ?10)
                        ON CONFLICT (operation_key) DO NOTHING RETURNING id""")
                .setParameter(1, key).setParameter(2, hash).setParameter(3, request.type().name())
                .setParameter(4, request.amount()).setParameter(5, request.reason().strip())
                .setParameter(6, json.write(request.filter()))
                .setParameter(7, availableFrom == null ? null : Timestamp.from(availableFrom))
                .setParameter(8, expiresAt == null ? null : Timestamp.from(expiresAt))
                .setParameter(9, administrator).setParameter(10, Timestamp.from(now))
                .getResultList();
        if (inserted.isEmpty()) {
            MassOperation first = MassOperation.find("operationKey", key).singleResult();
            if (!first.requestHash.equals(hash)) {
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "Operation key '" + key
                        + "' was first used with a different request; use a new key for a new operation");
            }
            return new Submitted(view(first), true);
        }
        long id = inserted.get(0).longValue();
        int total = request.members() != null
                ? selection.listed(id, request.members())
                : selection.filtered(id, request.filter());
        em.createNativeQuery("""
                        UPDATE mass_operation SET total = ?2,
                               failed = (SELECT count(*) FROM mass_operation_item WHERE operation_id = ?1 AND status = 'FAILED'),
                               status = CASE WHEN EXISTS (SELECT 1 FROM mass_operation_item
                                                          WHERE operation_id = ?1 AND status = 'PENDING')
                                             THEN 'QUEUED' ELSE 'COMPLETED' END,
                               finished_at = CASE WHEN EXISTS (SELECT 1 FROM mass_operation_item
                                                               WHERE operation_id = ?1 AND status = 'PENDING')
                                                  THEN NULL ELSE CAST(?3 AS TIMESTAMPTZ) END
                        WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, total).setParameter(3, Timestamp.from(now)).executeUpdate();
        MassOperationView started = view(require(String.valueOf(id)));
        audit.record(administrator, AuditAction.MASS_OPERATION_STARTED, AuditEntityType.MASS_OPERATION, id, null,
                started);
        return new Submitted(started, false);
    }

    @Transactional
    public MassOperationView get(String id) {
        return view(require(id));
    }

    /** Newest first. */
    @Transactional
    public Page<MassOperationView> list(String status, Integer limitParam, String cursor) {
        int limit = Cursor.limit(limitParam);
        long before = Cursor.decode(cursor);
        MassOperationStatus only = status == null || status.isBlank() ? null : status(status);
        List<MassOperation> rows = (only == null
                ? MassOperation.<MassOperation>find("id < ?1 order by id desc", before)
                : MassOperation.<MassOperation>find("id < ?1 and status = ?2 order by id desc", before, only))
                .page(0, limit + 1).list();
        List<MassOperationView> items = rows.stream().limit(limit).map(this::view).toList();
        String next = rows.size() > limit ? Cursor.encode(rows.get(limit - 1).id) : null;
        return new Page<>(items, next);
    }

    /**
     * A queued operation is cancelled at once; a running one stops after the chunk in flight (which holds the
     * operation's row until it commits, so this waits for it). Cancelling again answers the same.
     */
    @Transactional
    public MassOperationView cancel(String id, String administrator) {
        MassOperation operation = require(id);
        MassOperationView before = view(operation);
        int cancelled = em.createNativeQuery("""
                        UPDATE mass_operation SET status = CASE status WHEN 'QUEUED' THEN 'CANCELLED' ELSE 'CANCELLING' END,
                               finished_at = CASE status WHEN 'QUEUED' THEN CAST(?2 AS TIMESTAMPTZ) END
                        WHERE id = ?1 AND status IN ('QUEUED', 'RUNNING')""")
                .setParameter(1, operation.id).setParameter(2, Timestamp.from(clock.now())).executeUpdate();
        em.refresh(operation);
        if (cancelled == 0 && operation.status != MassOperationStatus.CANCELLING
                && operation.status != MassOperationStatus.CANCELLED) {
            throw new ProblemException(Problem.of(ProblemType.WRONG_STATE, "Operation '" + id + "' is "
                    + operation.status + "; only a QUEUED or RUNNING operation can be cancelled")
                    .with("operationStatus", operation.status.name()));
        }
        if (cancelled > 0 && operation.status == MassOperationStatus.CANCELLED) {
            MassOperationRuns.skipPending(em, operation.id);
            em.refresh(operation);
        }
        MassOperationView after = view(operation);
        if (cancelled > 0) {
            audit.record(administrator, AuditAction.MASS_OPERATION_CANCELLED, AuditEntityType.MASS_OPERATION, id,
                    before, after);
        }
        return after;
    }

    static MassOperation require(String id) {
        MassOperation operation = null;
        if (id != null && id.matches("\\d{1,18}")) {
            operation = MassOperation.findById(Long.parseLong(id));
        }
        if (operation == null) {
            throw ProblemException.notFound("Mass operation", id);
        }
        return operation;
    }

    MassOperationView view(MassOperation o) {
        int pending = o.total - o.done - o.failed - o.skipped;
        return new MassOperationView(String.valueOf(o.id), o.operationKey, o.type, o.amount, o.reason,
                json.read(o.selection, MemberFilter.class), o.availableFrom, o.expiresAt, o.status, o.total, o.done,
                o.failed, o.skipped, pending, o.failure, o.createdBy, o.createdAt, o.startedAt, o.finishedAt);
    }

    private static String operationKey(MassOperationRequest request, String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to 255 characters");
        }
        if (request.operationKey() != null && idempotencyKey != null
                && !request.operationKey().equals(idempotencyKey)) {
            throw ProblemException.invalid("operationKey", "differs from the Idempotency-Key header; give one key");
        }
        String key = request.operationKey() != null ? request.operationKey() : idempotencyKey;
        if (key == null || key.isBlank()) {
            throw ProblemException.invalid("operationKey",
                    "is required (or an Idempotency-Key header): it makes a retry answer the same operation");
        }
        return key;
    }

    private static void check(MassOperationRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.members() == null && request.filter() == null) {
            errors.add(new FieldError("members", "give members (a list of externalIds) or a filter"));
        }
        if (request.members() != null && request.filter() != null) {
            errors.add(new FieldError("filter", "give either members or a filter, not both"));
        }
        MemberFilter filter = request.filter();
        if (filter != null && filter.registeredFrom() != null && filter.registeredTo() != null
                && !filter.registeredFrom().isBefore(filter.registeredTo())) {
            errors.add(new FieldError("filter.registeredTo", "must be after registeredFrom"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
        if (request.type() == MassOperationType.DEBIT) {
            CreditTerms.refuseOnDebit(request.delayDays(), request.lifetimeDays(), request.expiresAt());
        }
    }

    private static MassOperationStatus status(String value) {
        try {
            return MassOperationStatus.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be one of " + List.of(MassOperationStatus.values()));
        }
    }

    /** The request as it was meant: the key it ran under, whether given in the body or the header. */
    private String hash(MassOperationRequest request, String key) {
        MassOperationRequest meant = new MassOperationRequest(request.type(), key, request.amount(),
                request.reason(), request.members(), request.filter(), request.lifetimeDays(), request.expiresAt(),
                request.delayDays());
        return app.sarafan.common.hash.Sha256.hex(json.write(meant));
    }
}
