package app.sarafan.leaderboard;

import app.sarafan.common.sql.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Moves the queued leaderboard changes into the scores (leaderboard_fold(), migration V16): before every read of
 * the leaderboard, so it shows every committed change, and on a schedule, so the queue stays short when nobody
 * reads it. Any number of instances may fold at once: the database lets one fold at a time.
 */
@ApplicationScoped
class LeaderboardFold {

    private final EntityManager em;

    LeaderboardFold(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void fold() {
        Jdbc.list(em, "SELECT leaderboard_fold()", row -> true);
    }

    @Scheduled(identity = "leaderboard-fold", every = "${sarafan.leaderboard.fold-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void scheduled() {
        fold();
    }
}
