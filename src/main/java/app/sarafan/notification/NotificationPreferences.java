package app.sarafan.notification;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Members turn kinds of email off and on; an opted-out message is kept in the outbox as SKIPPED, not sent. */
@ApplicationScoped
public class NotificationPreferences {

    private final EntityManager em;
    private final AppClock clock;

    NotificationPreferences(EntityManager em, AppClock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public Preferences of(String externalId) {
        return read(memberId(externalId));
    }

    /** Changes the kinds named; the others stay as they were. */
    @Transactional
    public Preferences update(String externalId, Preferences changes) {
        long memberId = memberId(externalId);
        for (Preference p : changes.preferences()) {
            if (p.enabled()) {
                em.createNativeQuery("""
                        DELETE FROM notification_opt_out WHERE member_id = ?1 AND kind = ?2 AND channel = 'EMAIL'""")
                        .setParameter(1, memberId).setParameter(2, p.kind().name()).executeUpdate();
            } else {
                em.createNativeQuery("""
                        INSERT INTO notification_opt_out (member_id, kind, channel, created_at)
                        VALUES (?1, ?2, 'EMAIL', ?3)
                        ON CONFLICT DO NOTHING""")
                        .setParameter(1, memberId).setParameter(2, p.kind().name())
                        .setParameter(3, Timestamp.from(clock.now())).executeUpdate();
            }
        }
        return read(memberId);
    }

    @SuppressWarnings("unchecked")
    private Preferences read(long memberId) {
        Set<String> off = new HashSet<>(em.createNativeQuery(
                "SELECT kind FROM notification_opt_out WHERE member_id = ?1 AND channel = 'EMAIL'")
                .setParameter(1, memberId).getResultList());
        List<Preference> all = Arrays.stream(NotificationKind.values())
                .map(k -> new Preference(k, !off.contains(k.name()))).toList();
        return new Preferences(all);
    }

    private long memberId(String externalId) {
        List<?> ids = em.createNativeQuery("SELECT id FROM member WHERE external_id = ?1")
                .setParameter(1, externalId).getResultList();
        if (ids.isEmpty()) {
            throw ProblemException.notFound("Member", externalId);
        }
        return ((Number) ids.get(0)).longValue();
    }
}
