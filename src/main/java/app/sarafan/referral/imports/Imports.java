package app.sarafan.referral.imports;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.error.FieldError;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * Accepts imports and reports on them. An import is checked and planned when it is posted — a document that
 * cannot be read is refused at once; rows with wrong values are rejected rows of the report — and then run by
 * {@link ImportWorker}.
 */
@ApplicationScoped
public class Imports {

    /** How many rejected rows the import itself shows; {@link #rejectedRows} pages through all of them. */
    static final int REJECTED_ROWS_SHOWN = 100;

    private static final TypeReference<List<FieldError>> ERRORS = new TypeReference<>() {
    };

    private final EntityManager em;
    private final ObjectMapper json;
    private final RowCheck check;
    private final AppClock clock;
    private final AuditLog audit;

    Imports(EntityManager em, ObjectMapper json, RowCheck check, AppClock clock, AuditLog audit) {
        this.audit = audit;
        this.em = em;
        this.json = json;
        this.check = check;
        this.clock = clock;
    }

    @Transactional
    public ImportView submit(ImportFormat format, String document, String administrator) {
        if (document == null || document.isBlank()) {
            throw ProblemException.invalid("body", "is empty");
        }
        List<SourceRow> source = format == ImportFormat.CSV ? CsvRows.read(document) : JsonRows.read(document, json);
        if (source.isEmpty()) {
            throw ProblemException.invalid("body", "has a header but no rows");
        }
        Instant now = clock.now();
        List<ImportPlan.Step> steps = ImportPlan.of(source.stream().map(row -> check.check(row, now)).toList());
        int rejected = (int) steps.stream().filter(s -> s.data() == null).count();

        MemberImport job = new MemberImport();
        job.format = format;
        job.total = steps.size();
        job.rejected = rejected;
        job.createdBy = administrator;
        job.createdAt = now;
        // With nothing to run there is nothing to wait for: the report is complete as it is.
        job.status = rejected == steps.size() ? ImportStatus.COMPLETED : ImportStatus.QUEUED;
        job.finishedAt = job.status == ImportStatus.COMPLETED ? now : null;
        job.persistAndFlush();
        insert(job.id, steps);
        ImportView created = view(job);
        audit.record(administrator, AuditAction.IMPORT_CREATED, AuditEntityType.IMPORT, created.id(), null, created);
        return created;
    }

    @Transactional
    public ImportView get(String id) {
        return view(require(id));
    }

    /** Every rejected row of an import, in file order. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Page<RejectedRow> rejectedRows(String id, Integer limitParam, String cursor) {
        MemberImport job = require(id);
        int limit = Cursor.limit(limitParam);
        long after = cursor == null || cursor.isBlank() ? 0 : Cursor.decode(cursor);
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT row_number, external_id, errors FROM member_import_row
                        WHERE import_id = ?1 AND status = 'REJECTED' AND row_number > ?2
                        ORDER BY row_number LIMIT ?3""")
                .setParameter(1, job.id).setParameter(2, after).setParameter(3, limit + 1).getResultList();
        List<RejectedRow> items = rows.stream().limit(limit).map(this::rejectedRow).toList();
        String next = rows.size() > limit ? Cursor.encode(items.get(limit - 1).row()) : null;
        return new Page<>(items, next);
    }

    @SuppressWarnings("unchecked")
    private ImportView view(MemberImport job) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT row_number, external_id, errors FROM member_import_row
                        WHERE import_id = ?1 AND status = 'REJECTED' ORDER BY row_number LIMIT ?2""")
                .setParameter(1, job.id).setParameter(2, REJECTED_ROWS_SHOWN).getResultList();
        int pending = job.total - job.imported - job.skipped - job.rejected;
        return new ImportView(String.valueOf(job.id), job.status, job.format, job.total, job.imported, job.skipped,
                job.rejected, pending, job.failure, job.createdAt, job.startedAt, job.finishedAt,
                rows.stream().map(this::rejectedRow).toList());
    }

    private RejectedRow rejectedRow(Object[] row) {
        List<FieldError> errors = read((String) row[2]);
        String reason = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return new RejectedRow(((Number) row[0]).intValue(), (String) row[1], reason, errors);
    }

    private static MemberImport require(String id) {
        MemberImport job = null;
        if (id != null && id.matches("\\d{1,18}")) {
            job = MemberImport.findById(Long.parseLong(id));
        }
        if (job == null) {
            throw ProblemException.notFound("Import", id);
        }
        return job;
    }

    /** The rows go in with one batched statement: a large file is many thousand rows. */
    private void insert(long importId, List<ImportPlan.Step> steps) {
        List<Object[]> values = new ArrayList<>(steps.size());
        for (int position = 0; position < steps.size(); position++) {
            ImportPlan.Step step = steps.get(position);
            boolean runnable = step.data() != null;
            values.add(new Object[] {position, step.number(), truncate(step.externalId()),
                    runnable ? write(step.data()) : null,
                    runnable ? RowStatus.PENDING.name() : RowStatus.REJECTED.name(),
                    runnable ? null : write(step.errors())});
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO member_import_row (import_id, position, row_number, external_id, data, status, errors)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                int batched = 0;
                for (Object[] row : values) {
                    insert.setLong(1, importId);
                    for (int i = 0; i < row.length; i++) {
                        insert.setObject(i + 2, row[i]);
                    }
                    insert.addBatch();
                    if (++batched % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
        });
    }

    /** An externalId too long to be valid is still shown in the report, cut to what the column holds. */
    private static String truncate(String externalId) {
        return externalId == null || externalId.length() <= 200 ? externalId : externalId.substring(0, 200);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize an import row", e);
        }
    }

    private List<FieldError> read(String errors) {
        try {
            return errors == null ? List.of() : json.readValue(errors, ERRORS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the errors of an import row", e);
        }
    }
}
