package app.sarafan.job;

import java.time.Instant;

import app.sarafan.earning.Earning;
import app.sarafan.earning.EarningOutcome;
import app.sarafan.earning.Trigger;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.rule.RuleProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * One member's birthday, in one transaction: first the birthday_grant row (its primary key, member and year, is
 * what makes the birthday once a year: a racing run's insert waits for this one and then inserts nothing), then the
 * earning engine, exactly as for a shop event: every BIRTHDAY rule in force whose conditions the member meets
 * (ranks, validity, limits, ...) applies, each once per birthday year (its grant key), with its delay, lifetime,
 * notification switches and BONUS_ACCRUED events (profile BIRTHDAY), which the mail outbox turns into the birthday
 * email and webhooks into a delivery.
 */
@ApplicationScoped
class BirthdayGrants {

    private static final String ACTOR = "job:birthday";

    private final EntityManager em;
    private final Earning earning;

    BirthdayGrants(EntityManager em, Earning earning) {
        this.em = em;
        this.earning = earning;
    }

    /** Grants the member's birthday; answers whether anything was credited. */
    @Transactional
    boolean grant(Birthdays.Candidate member, Instant now) {
        int year = member.birthday().getYear();
        int claimed = em.createNativeQuery("""
                INSERT INTO birthday_grant (member_id, birthday_year, granted_at) VALUES (?1, ?2, ?3)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, member.memberId())
                .setParameter(2, year)
                .setParameter(3, java.sql.Timestamp.from(now))
                .executeUpdate();
        if (claimed == 0) {
            return false;
        }
        Source source = new Source(SourceType.JOB, "birthday:" + year + ":" + member.externalId(), ACTOR);
        EarningOutcome outcome = earning.earn(Trigger.ofJob(RuleProfile.BIRTHDAY, member.memberId(),
                "birthday:" + year + ":" + member.memberId(), "birthday:" + year, source));
        if (outcome.accrued().isEmpty()) {
            // No rule applies to this member today: no claim either, so a rule put in force later today still does.
            em.createNativeQuery("DELETE FROM birthday_grant WHERE member_id = ?1 AND birthday_year = ?2")
                    .setParameter(1, member.memberId()).setParameter(2, year).executeUpdate();
            return false;
        }
        em.createNativeQuery("UPDATE birthday_grant SET transaction_id = ?1 WHERE member_id = ?2 AND birthday_year = ?3")
                .setParameter(1, Long.valueOf(outcome.accrued().getFirst().transactionId()))
                .setParameter(2, member.memberId())
                .setParameter(3, year)
                .executeUpdate();
        return true;
    }
}
