package app.sarafan.reconciliation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import app.sarafan.ledger.LedgerInvariant;
import app.sarafan.ledger.LedgerInvariant.Violation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * The reconciliation job: the ledger invariant checked over every account, a chunk of accounts at a time (each a
 * read-only snapshot, so the job locks nothing and sees no half-written change), then over the program. It writes
 * only its report: one row per run, updated after every chunk, and the first violations it found. Each violation
 * kept is logged (the account's internal id and the rule, no personal data), and the count of the latest run is the
 * gauge {@code sarafan.ledger.invariant.violations}.
 */
@ApplicationScoped
public class Reconciliations {

    private static final Logger LOG = Logger.getLogger(Reconciliations.class);
    private static final int FAILURE_LENGTH = 500;

    /** What a run did: its report, how many accounts it checked in how many chunks, how many violations it found. */
    public record Outcome(long id, long accountsChecked, int chunks, long violations) {
    }

    /** How far a run got (what its report row says after each chunk). */
    private static final class Tally {
        long accountsChecked;
        long lastAccountId;
        int chunks;
        long violationCount;
    }

    private final LedgerInvariant invariant;
    private final ReconciliationConfig config;
    private final AppClock clock;
    private final EntityManager em;
    private final LatestViolations latest;

    Reconciliations(LedgerInvariant invariant, ReconciliationConfig config, AppClock clock, EntityManager em,
            LatestViolations latest) {
        this.invariant = invariant;
        this.config = config;
        this.clock = clock;
        this.em = em;
        this.latest = latest;
    }

    /**
     * Checks the whole ledger now. {@code slot} is a scheduled run's fire time: the first instance to claim it runs
     * it, and every other answers empty; an on-demand run ({@code slot} null) always runs.
     */
    public Optional<Outcome> run(Instant startedAt, Instant slot) {
        Long id = QuarkusTransaction.requiringNew().call(() -> claim(startedAt, slot));
        if (id == null) {
            LOG.debugf("Reconciliation of %s runs on another instance", slot);
            return Optional.empty();
        }
        Tally progress = new Tally();
        try {
            int size = config.chunkSize();
            LedgerInvariant.Chunk chunk;
            do {
                chunk = invariant.violations(progress.lastAccountId, size);
                record(id, progress, chunk.accountsChecked(), chunk.lastAccountId(), chunk.violations());
            } while (chunk.accountsChecked() == size);
            record(id, progress, 0, progress.lastAccountId, invariant.programViolations(clock.now()));
        } catch (RuntimeException e) {
            String failure = truncate("Stopped after account " + progress.lastAccountId + ": " + e.getMessage());
            QuarkusTransaction.requiringNew().run(() -> finish(id, ReconciliationStatus.FAILED, failure));
            // The report says what happened; the trace would only repeat it.
            LOG.errorf("Reconciliation %d failed after %d accounts: %s", id, progress.accountsChecked, e);
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> finish(id, ReconciliationStatus.FINISHED, null));
        latest.found(progress.violationCount);
        if (progress.violationCount > 0) {
            LOG.errorf("Reconciliation %d: the ledger invariant is broken: %d violations in %d accounts checked"
                    + " (report: GET /v1/admin/reconciliations/%d)", id, progress.violationCount,
                    progress.accountsChecked, id);
        } else {
            LOG.infof("Reconciliation %d: the ledger invariant holds over %d accounts", id, progress.accountsChecked);
        }
        return Optional.of(new Outcome(id, progress.accountsChecked, progress.chunks, progress.violationCount));
    }

    private Long claim(Instant startedAt, Instant slot) {
        if (slot == null) {
            Reconciliation run = new Reconciliation();
            run.trigger = ReconciliationTrigger.ON_DEMAND;
            run.status = ReconciliationStatus.RUNNING;
            run.startedAt = startedAt;
            run.persist();
            return run.id;
        }
        List<?> claimed = em.createNativeQuery("""
                INSERT INTO reconciliation (triggered_by, scheduled_for, status, started_at)
                VALUES ('SCHEDULE', ?1, 'RUNNING', ?2) ON CONFLICT (scheduled_for) DO NOTHING RETURNING id""")
                .setParameter(1, Timestamp.from(slot)).setParameter(2, Timestamp.from(startedAt)).getResultList();
        return claimed.isEmpty() ? null : ((Number) claimed.get(0)).longValue();
    }

    /** Adds a chunk to the report (in a transaction of its own: the checks themselves only read). */
    private void record(long id, Tally progress, long accounts, long lastAccountId,
            List<Violation> violations) {
        long room = config.reportedViolations() - progress.violationCount;
        int keep = (int) Math.max(0, Math.min(violations.size(), room));
        List<Violation> kept = violations.subList(0, keep);
        long position = progress.violationCount;
        progress.accountsChecked += accounts;
        progress.lastAccountId = lastAccountId;
        progress.chunks += accounts > 0 ? 1 : 0;
        progress.violationCount += violations.size();
        QuarkusTransaction.requiringNew().run(() -> {
            int at = (int) position;
            for (Violation violation : kept) {
                em.createNativeQuery("""
                        INSERT INTO reconciliation_violation (reconciliation_id, position, rule, account_id, detail)
                        VALUES (?1, ?2, ?3, ?4, ?5)""").setParameter(1, id).setParameter(2, at++)
                        .setParameter(3, violation.rule().name()).setParameter(4, violation.accountId())
                        .setParameter(5, truncate(violation.detail(), 1000)).executeUpdate();
            }
            Reconciliation run = Reconciliation.findById(id);
            run.accountsChecked = progress.accountsChecked;
            run.lastAccountId = progress.lastAccountId;
            run.chunks = progress.chunks;
            run.violationCount = progress.violationCount;
        });
        kept.forEach(v -> LOG.warnf("Reconciliation %d: %s", id, v));
    }

    private void finish(long id, ReconciliationStatus status, String failure) {
        Reconciliation run = Reconciliation.findById(id);
        run.status = status;
        run.finishedAt = clock.now();
        run.failure = failure;
    }

    /** Newest first, keyset-paged by id. */
    @Transactional
    public Page<ReconciliationView> list(Integer limit, String cursor) {
        int size = Cursor.limit(limit);
        List<Reconciliation> rows = Reconciliation.<Reconciliation>find("id < ?1 order by id desc",
                Cursor.decode(cursor)).range(0, size).list();
        return new Page<>(rows.stream().limit(size).map(this::view).toList(),
                rows.size() > size ? Cursor.encode(rows.get(size - 1).id) : null);
    }

    @Transactional
    public ReconciliationView get(String id) {
        Reconciliation run = null;
        try {
            run = Reconciliation.findById(Long.valueOf(id));
        } catch (NumberFormatException e) {
            // not an id of ours: the same 404 as an unknown one
        }
        if (run == null) {
            throw ProblemException.notFound("Reconciliation", id);
        }
        return view(run);
    }

    @SuppressWarnings("unchecked")
    private ReconciliationView view(Reconciliation run) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT v.rule, m.external_id, v.detail FROM reconciliation_violation v
                LEFT JOIN member m ON m.id = v.account_id
                WHERE v.reconciliation_id = ?1 ORDER BY v.position""").setParameter(1, run.id).getResultList();
        List<ReconciliationView.ViolationView> violations = new ArrayList<>();
        for (Object[] r : rows) {
            violations.add(new ReconciliationView.ViolationView((String) r[0], (String) r[1], (String) r[2]));
        }
        return new ReconciliationView(String.valueOf(run.id), run.trigger, run.status, run.startedAt,
                run.finishedAt, run.accountsChecked, run.chunks, run.violationCount, violations, run.failure);
    }

    private static String truncate(String text) {
        return truncate(text, FAILURE_LENGTH);
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
