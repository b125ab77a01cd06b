package app.sarafan.earning;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.money.Money;
import app.sarafan.ledger.Ledger;
import app.sarafan.ledger.Provenance;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.ledger.TransactionKind;
import app.sarafan.ledger.TransactionView;
import app.sarafan.member.MemberRef;
import app.sarafan.member.MemberService;
import app.sarafan.rule.RuleDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Turns planned rewards into credits. Under the locks of every recipient's account (taken in one order), it checks
 * what must hold at the moment of writing — granted once, the rule's limits, the recipient not blocked — so that
 * racing events cannot both pass a limit; then it credits, records the accrual and publishes BONUS_ACCRUED.
 */
@ApplicationScoped
class Grants {

    private final Ledger ledger;
    private final MemberService members;
    private final DomainEvents events;

    Grants(Ledger ledger, MemberService members, DomainEvents events) {
        this.ledger = ledger;
        this.members = members;
        this.events = events;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    EarningOutcome grant(Trigger trigger, List<Plan> plans, Instant now) {
        EarningOutcome outcome = EarningOutcome.empty();
        ledger.lock(plans.stream().map(Plan::recipientId).toList());
        for (Plan plan : plans) {
            MemberRef recipient = members.refById(plan.recipientId());
            String refusal = refusal(plan, recipient, trigger, now);
            if (refusal != null) {
                outcome.skipped().add(new Skipped(plan.rule().id(), recipient.externalId(), plan.role(), plan.level(),
                        refusal));
                continue;
            }
            outcome.accrued().add(credit(trigger, plan, recipient, now));
        }
        return outcome;
    }

    private String refusal(Plan plan, MemberRef recipient, Trigger trigger, Instant now) {
        if (recipient.blocked()) {
            return "the member is blocked";
        }
        if (Accrual.count("grantKey", plan.grantKey()) > 0) {
            return "granted before";
        }
        RuleDefinition rule = plan.rule().definition();
        if (rule.expiresOn() != null && !rule.expiresOn().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                .isAfter(availableFrom(rule, now))) {
            return "the rule's expiry date has passed";
        }
        RuleDefinition.Limits limits = rule.limits();
        if (limits == null) {
            return null;
        }
        if (limits.perMember() != null && Accrual.count("ruleId = ?1 and memberId = ?2", plan.ruleId(),
                plan.recipientId()) >= limits.perMember()) {
            return "limit of " + limits.perMember() + " per member reached";
        }
        if (limits.perPeriod() != null && Accrual.count("ruleId = ?1 and memberId = ?2 and createdAt > ?3",
                plan.ruleId(), plan.recipientId(), now.minus(Duration.ofDays(limits.periodDays())))
                >= limits.perPeriod()) {
            return "limit of " + limits.perPeriod() + " per " + limits.periodDays() + " days reached";
        }
        if (limits.rewardedReferrals() != null && plan.role() == Role.REFERRER) {
            Long others = Accrual.getEntityManager().createQuery("""
                            select count(distinct a.subjectId) from Accrual a
                            where a.ruleId = ?1 and a.memberId = ?2 and a.role = ?3 and a.subjectId <> ?4""",
                            Long.class)
                    .setParameter(1, plan.ruleId()).setParameter(2, plan.recipientId())
                    .setParameter(3, Role.REFERRER).setParameter(4, trigger.subjectId()).getSingleResult();
            boolean rewardedBefore = Accrual.count("ruleId = ?1 and memberId = ?2 and role = ?3 and subjectId = ?4",
                    plan.ruleId(), plan.recipientId(), Role.REFERRER, trigger.subjectId()) > 0;
            if (!rewardedBefore && others >= limits.rewardedReferrals()) {
                return "limit of " + limits.rewardedReferrals() + " rewarded referrals reached";
            }
        }
        return null;
    }

    private Accrued credit(Trigger trigger, Plan plan, MemberRef recipient, Instant now) {
        RuleDefinition rule = plan.rule().definition();
        Instant availableFrom = availableFrom(rule, now);
        Instant expiresAt = expiresAt(rule, availableFrom);
        Long referral = plan.role() == Role.REFERRER ? trigger.subjectId() : null;
        TransactionView tx = ledger.credit(plan.recipientId(), new Ledger.Credit(TransactionKind.ACCRUAL,
                plan.amount(), new Source(SourceType.EVENT, trigger.eventId(), trigger.actor()), plan.description(),
                availableFrom, expiresAt, new Provenance(plan.ruleVersionId(), referral, plan.level())));
        Accrual accrual = new Accrual();
        accrual.transactionId = Long.parseLong(tx.id());
        accrual.memberId = plan.recipientId();
        accrual.ruleId = plan.ruleId();
        accrual.ruleVersionId = plan.ruleVersionId();
        accrual.profile = trigger.profile();
        accrual.role = plan.role();
        accrual.level = plan.level();
        accrual.subjectId = trigger.subjectId();
        accrual.eventId = trigger.eventId();
        accrual.orderId = trigger.orderId();
        accrual.grantKey = plan.grantKey();
        accrual.createdAt = now;
        accrual.persist();
        boolean pending = availableFrom.isAfter(now);
        Map<String, Object> payload = new HashMap<>();
        payload.put("transactionId", tx.id());
        payload.put("amount", Money.format(plan.amount()));
        payload.put("pending", pending);
        payload.put("availableFrom", availableFrom.toString());
        payload.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        payload.put("profile", trigger.profile().name());
        payload.put("ruleId", plan.rule().id());
        payload.put("reason", plan.description());
        payload.put("orderId", trigger.orderId());
        payload.put("role", plan.role().name());
        payload.put("level", plan.level());
        payload.put("referral", referral == null ? null : members.externalIdOf(referral));
        events.publish(DomainEventType.BONUS_ACCRUED, plan.recipientId(), payload);
        return new Accrued(tx.id(), recipient.externalId(), plan.role(), plan.level(), trigger.profile(),
                plan.rule().id(), plan.rule().version(), plan.amount(),
                pending ? Accrued.AccrualStatus.PENDING : Accrued.AccrualStatus.AVAILABLE, availableFrom, expiresAt,
                plan.description());
    }

    /** Bonuses of a rule with a delay are pending for that many days; otherwise available at once. */
    static Instant availableFrom(RuleDefinition rule, Instant now) {
        return rule.delayDays() == null || rule.delayDays() == 0 ? now : now.plus(Duration.ofDays(rule.delayDays()));
    }

    /** A lifetime counts from when the bonuses become available; an expiry date burns them at its end (UTC). */
    static Instant expiresAt(RuleDefinition rule, Instant availableFrom) {
        if (rule.lifetimeDays() != null) {
            return availableFrom.plus(Duration.ofDays(rule.lifetimeDays()));
        }
        if (rule.expiresOn() != null) {
            return rule.expiresOn().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return null;
    }
}
