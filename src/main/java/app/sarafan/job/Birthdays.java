package app.sarafan.job;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import app.sarafan.rule.RuleAdministration;
import app.sarafan.rule.RuleProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Finds the members whose birthday is today in their own time zone (or {@code birthdayDaysAhead} days from today)
 * and who have no grant for that birthday's year yet, in chunks by member id, and grants each in its own
 * transaction ({@link BirthdayGrants}): the BIRTHDAY rules in force, through the earning engine, decide who gets
 * what, with which delay and lifetime; with no such rule the job looks for nobody. 29 February birthdays are celebrated
 * on 28 February in other years.
 */
@ApplicationScoped
class Birthdays {

    private static final Logger LOG = Logger.getLogger(Birthdays.class);

    record Candidate(long memberId, String externalId, ZoneId zone, LocalDate birthday) {
    }

    private final EntityManager em;
    private final RuleAdministration rules;
    private final BirthdayGrants grants;
    private final JobsConfig config;

    Birthdays(EntityManager em, RuleAdministration rules, BirthdayGrants grants, JobsConfig config) {
        this.em = em;
        this.rules = rules;
        this.grants = grants;
        this.config = config;
    }

    Progress run(Instant now) {
        Progress progress = new Progress();
        // Which rules apply to whom is the earning engine's to say, member by member; without any BIRTHDAY rule in
        // force there is nothing to look for.
        if (rules.inForce(now).stream().noneMatch(r -> r.definition().profile() == RuleProfile.BIRTHDAY)) {
            return progress;
        }
        long after = 0;
        List<Candidate> chunk;
        do {
            chunk = candidates(now, after, config.chunkSize());
            long granted = 0;
            for (Candidate candidate : chunk) {
                try {
                    granted += grants.grant(candidate, now) ? 1 : 0;
                } catch (RuntimeException e) {
                    // One member's failure must not stop the others; the next run tries them again.
                    LOG.errorf(e, "Birthday grant for member %s failed", candidate.externalId());
                }
                after = candidate.memberId();
            }
            if (!chunk.isEmpty()) {
                progress.chunk(chunk.size(), granted);
            }
        } while (chunk.size() == config.chunkSize());
        return progress;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<Candidate> candidates(Instant now, long afterMemberId, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, external_id, time_zone, birthday_date FROM (
                    SELECT m.id, m.external_id, m.time_zone, m.birthday,
                        (CAST(?1 AS timestamptz) AT TIME ZONE m.time_zone)::date + ?2 AS birthday_date
                    FROM member m
                    WHERE m.id > ?3 AND m.status = 'ACTIVE' AND m.birthday IS NOT NULL) x
                WHERE ((extract(month FROM birthday) = extract(month FROM birthday_date)
                        AND extract(day FROM birthday) = extract(day FROM birthday_date))
                    OR (extract(month FROM birthday) = 2 AND extract(day FROM birthday) = 29
                        AND extract(month FROM birthday_date) = 2 AND extract(day FROM birthday_date) = 28
                        AND extract(month FROM birthday_date + 1) = 3))
                  AND NOT EXISTS (SELECT 1 FROM birthday_grant g
                                  WHERE g.member_id = x.id AND g.birthday_year = extract(year FROM x.birthday_date))
                ORDER BY id LIMIT ?4""")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, config.birthdayDaysAhead())
                .setParameter(3, afterMemberId)
                .setParameter(4, limit)
                .getResultList();
        return rows.stream().map(r -> new Candidate(((Number) r[0]).longValue(), (String) r[1],
                ZoneId.of((String) r[2]), date(r[3]))).toList();
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) value;
    }
}
