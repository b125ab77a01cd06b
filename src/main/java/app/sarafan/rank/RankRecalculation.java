package app.sarafan.rank;

import java.util.List;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/**
 * The nightly catch-up: every member's rank recalculated (demotions happen here when the setting says NIGHTLY),
 * in chunks of members by id, each member in its own transaction under its rank row lock — so it is safe beside
 * events and on several instances (a second instance only repeats what changes nothing), and a crash loses
 * nothing: the next run recalculates everyone again.
 */
@ApplicationScoped
public class RankRecalculation {

    private static final Logger LOG = Logger.getLogger(RankRecalculation.class);
    private static final int CHUNK = 500;

    /** What a run did. */
    public record Run(int members, int changed) {
    }

    private final MemberStanding standing;
    private final EntityManager em;
    private final AuditLog audit;

    RankRecalculation(MemberStanding standing, EntityManager em, AuditLog audit) {
        this.standing = standing;
        this.em = em;
        this.audit = audit;
    }

    @Scheduled(cron = "${sarafan.ranks.recalculate-cron}", identity = "rank-recalculation",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        run(MemberStanding.Cause.NIGHTLY);
    }

    /**
     * A run an administrator asked for. It spans many transactions, so its audit entry is written in one of its own
     * once the run is over, with the counts.
     */
    public Run runManually(String administrator) {
        Run run = run(MemberStanding.Cause.MANUAL);
        QuarkusTransaction.requiringNew().run(() -> audit.record(administrator, AuditAction.RANK_RECALCULATION_RUN,
                AuditEntityType.RANK_RECALCULATION, "ALL_MEMBERS", null, run));
        return run;
    }

    public Run run(MemberStanding.Cause cause) {
        long after = 0;
        int members = 0;
        int changed = 0;
        while (true) {
            long from = after;
            List<Long> ids = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                            "select m.id from Member m where m.id > ?1 order by m.id", Long.class)
                    .setParameter(1, from).setMaxResults(CHUNK).getResultList());
            if (ids.isEmpty()) {
                break;
            }
            for (long id : ids) {
                changed += standing.recalculate(id, cause) ? 1 : 0;
            }
            members += ids.size();
            after = ids.get(ids.size() - 1);
        }
        LOG.infof("Rank recalculation (%s): %d members, %d ranks changed", cause, members, changed);
        return new Run(members, changed);
    }
}
