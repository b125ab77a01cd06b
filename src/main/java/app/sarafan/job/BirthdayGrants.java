package app.sarafan.job;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.money.Money;
import app.sarafan.ledger.CreditTerms;
import app.sarafan.ledger.Ledger;
import app.sarafan.ledger.Provenance;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.ledger.TransactionKind;
import app.sarafan.ledger.TransactionView;
import app.sarafan.rule.RuleDefinition;
import app.sarafan.rule.RuleView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * One member's birthday bonus, in one transaction: first the birthday_grant row (its primary key, member and
 * year, is what makes the grant once a year: a racing run's insert waits for this one and then inserts nothing),
 * then the credit and its BONUS_ACCRUED event (profile BIRTHDAY), which the mail outbox turns into the birthday
 * email and webhooks into a delivery.
 */
@ApplicationScoped
class BirthdayGrants {

    private final EntityManager em;
    private final Ledger ledger;
    private final DomainEvents events;

    BirthdayGrants(EntityManager em, Ledger ledger, DomainEvents events) {
        this.em = em;
        this.ledger = ledger;
        this.events = events;
    }

    static Optional<RuleDefinition.Reward> memberReward(RuleDefinition rule) {
        return rule.rewards() == null ? Optional.empty() : rule.rewards().stream()
                .filter(r -> r.recipient() == RuleDefinition.Recipient.MEMBER
                        && r.type() == RuleDefinition.AmountType.FIXED && r.value() != null && r.value().signum() > 0)
                .findFirst();
    }

    @Transactional
    boolean grant(Birthdays.Candidate member, RuleView rule, Instant now) {
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
        RuleDefinition definition = rule.definition();
        BigDecimal amount = Money.exact(memberReward(definition).orElseThrow().value());
        Instant availableFrom = CreditTerms.availableFrom(definition.delayDays(), now);
        Instant expiresAt = CreditTerms.burnsAt(availableFrom == null ? now : availableFrom,
                definition.lifetimeDays(), definition.lifetimeMonths(), definition.expiresOn());
        TransactionView tx = ledger.credit(member.memberId(), new Ledger.Credit(TransactionKind.ACCRUAL, amount,
                new Source(SourceType.JOB, "birthday:" + year + ":" + member.externalId(), "job:birthday"),
                "Birthday bonus", availableFrom, expiresAt,
                new Provenance(Long.valueOf(rule.versionId()), null, null)));
        em.createNativeQuery("UPDATE birthday_grant SET transaction_id = ?1 WHERE member_id = ?2 AND birthday_year = ?3")
                .setParameter(1, Long.valueOf(tx.id()))
                .setParameter(2, member.memberId())
                .setParameter(3, year)
                .executeUpdate();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("transactionId", tx.id());
        payload.put("amount", Money.format(amount));
        payload.put("pending", availableFrom != null);
        payload.put("availableFrom", tx.availableFrom().toString());
        payload.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        payload.put("profile", "BIRTHDAY");
        payload.put("ruleId", rule.id());
        payload.put("reason", "Birthday bonus");
        payload.put("notified", definition.notifications() == null
                || !Boolean.FALSE.equals(definition.notifications().member()));
        events.publish(DomainEventType.BONUS_ACCRUED, member.memberId(), payload);
        return true;
    }
}
