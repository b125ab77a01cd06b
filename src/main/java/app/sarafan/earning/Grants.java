package app.sarafan.earning;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.money.Money;
import app.sarafan.ledger.CreditBatch;
import app.sarafan.ledger.CreditTerms;
import app.sarafan.ledger.Ledger;
import app.sarafan.ledger.Provenance;
import app.sarafan.ledger.TransactionKind;
import app.sarafan.ledger.TransactionView;
import app.sarafan.member.MemberRef;
import app.sarafan.member.MemberService;
import app.sarafan.rule.RuleDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Turns planned rewards into credits. Under the locks of every recipient's account (taken in one order), it checks
 * what must hold at the moment of writing — granted once, the rule's limits, the recipient not blocked, the rule's
 * campaign budget ({@link CampaignBudgets}) — so that racing events cannot both pass a limit or a budget; then it credits, records the accrual and publishes BONUS_ACCRUED.
 */
@ApplicationScoped
class Grants {

    private final Ledger ledger;
    private final CreditBatch credits;
    private final MemberService members;
    private final DomainEvents events;
    private final CampaignBudgets budgets;

    Grants(Ledger ledger, CreditBatch credits, MemberService members, DomainEvents events, CampaignBudgets budgets) {
        this.ledger = ledger;
        this.credits = credits;
        this.members = members;
        this.events = events;
        this.budgets = budgets;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    EarningOutcome grant(Trigger trigger, List<Plan> plans, Instant now) {
        EarningOutcome outcome = EarningOutcome.empty();
        if (plans.isEmpty()) {
            return outcome;
        }
        List<Long> recipientIds = plans.stream().map(Plan::recipientId).distinct().toList();
        CreditBatch.Locked locked = credits.lock(recipientIds, now);
        Set<Long> oneByOne = locked.oneByOne();
        Map<Long, MemberRef> recipients = locked.members();
        Map<Long, CampaignBudgets.Usage> budgetUsage = budgets.lock(plans, now);
        Set<String> granted = new HashSet<>(Accrual.granted(plans.stream().map(Plan::grantKey).toList()));
        Accrued[] accrued = new Accrued[plans.size()];
        List<Integer> together = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Plan plan = plans.get(i);
            MemberRef recipient = recipients.get(plan.recipientId());
            String refusal = refusal(plan, recipient, trigger, now, granted);
            if (refusal == null) {
                refusal = budgets.take(plan, budgetUsage);
            }
            if (refusal != null) {
                outcome.skipped().add(new Skipped(plan.rule().id(), recipient.externalId(), plan.role(), plan.level(),
                        refusal));
                continue;
            }
            granted.add(plan.grantKey());
            // Limits count accruals, so a rule with limits credits at once, before the next plan is checked.
            if (oneByOne.contains(plan.recipientId()) || plan.rule().definition().limits() != null
                    || burnsAtOnce(plan.rule().definition(), now)) {
                accrued[i] = credit(trigger, plan, recipient, now);
            } else {
                together.add(i);
            }
        }
        creditTogether(trigger, plans, together, recipients, now, accrued);
        budgets.save(budgetUsage, now);
        for (Accrued a : accrued) {
            if (a != null) {
                outcome.accrued().add(a);
            }
        }
        return outcome;
    }

    /** Credits the plans at {@code indexes} in a handful of statements, whatever their number. */
    private void creditTogether(Trigger trigger, List<Plan> plans, List<Integer> indexes,
            Map<Long, MemberRef> recipients, Instant now, Accrued[] accrued) {
        if (indexes.isEmpty()) {
            return;
        }
        List<CreditBatch.Entry> entries = indexes.stream()
                .map(i -> new CreditBatch.Entry(plans.get(i).recipientId(), creditOf(trigger, plans.get(i), now)))
                .toList();
        List<Long> transactions = credits.post(entries, now);
        List<Accrual> accruals = new ArrayList<>();
        List<DomainEvents.Published> published = new ArrayList<>();
        for (int k = 0; k < indexes.size(); k++) {
            Plan plan = plans.get(indexes.get(k));
            String transactionId = String.valueOf(transactions.get(k));
            Ledger.Credit credit = entries.get(k).credit();
            accruals.add(accrual(trigger, plan, transactions.get(k), now));
            published.add(new DomainEvents.Published(DomainEventType.BONUS_ACCRUED, plan.recipientId(),
                    payload(trigger, plan, transactionId, credit, now)));
            accrued[indexes.get(k)] = accrued(trigger, plan, recipients.get(plan.recipientId()), transactionId, credit,
                    now);
        }
        Accrual.recordAll(accruals);
        events.publishAll(published);
    }

    private String refusal(Plan plan, MemberRef recipient, Trigger trigger, Instant now, Set<String> granted) {
        if (recipient.blocked()) {
            return "the member is blocked";
        }
        if (granted.contains(plan.grantKey())) {
            return "granted before";
        }
        RuleDefinition rule = plan.rule().definition();
        if (rule.expiresOn() != null && !CreditTerms.endOf(rule.expiresOn()).isAfter(availableFrom(rule, now))) {
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

    /** One plan on its own: through {@link Ledger#credit}, which settles the account first. */
    private Accrued credit(Trigger trigger, Plan plan, MemberRef recipient, Instant now) {
        Ledger.Credit credit = creditOf(trigger, plan, now);
        TransactionView tx = ledger.credit(plan.recipientId(), credit);
        Accrual.recordAll(List.of(accrual(trigger, plan, Long.parseLong(tx.id()), now)));
        events.publish(DomainEventType.BONUS_ACCRUED, plan.recipientId(), payload(trigger, plan, tx.id(), credit, now));
        return accrued(trigger, plan, recipient, tx.id(), credit, now);
    }

    private static Ledger.Credit creditOf(Trigger trigger, Plan plan, Instant now) {
        RuleDefinition rule = plan.rule().definition();
        Instant availableFrom = availableFrom(rule, now);
        return new Ledger.Credit(TransactionKind.ACCRUAL, plan.amount(),
                trigger.source(), plan.description(), availableFrom,
                expiresAt(rule, availableFrom), new Provenance(plan.ruleVersionId(), referralOf(trigger, plan),
                plan.level()));
    }

    private static Long referralOf(Trigger trigger, Plan plan) {
        return plan.role() == Role.REFERRER ? trigger.subjectId() : null;
    }

    private static Accrual accrual(Trigger trigger, Plan plan, long transactionId, Instant now) {
        Accrual accrual = new Accrual();
        accrual.transactionId = transactionId;
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
        return accrual;
    }

    /** What BONUS_ACCRUED tells mail and webhooks. */
    private Map<String, Object> payload(Trigger trigger, Plan plan, String transactionId, Ledger.Credit credit,
            Instant now) {
        Long referral = referralOf(trigger, plan);
        Map<String, Object> payload = new HashMap<>();
        payload.put("transactionId", transactionId);
        payload.put("amount", Money.format(plan.amount()));
        payload.put("pending", credit.availableFrom().isAfter(now));
        payload.put("availableFrom", credit.availableFrom().toString());
        payload.put("expiresAt", credit.expiresAt() == null ? null : credit.expiresAt().toString());
        payload.put("profile", trigger.profile().name());
        payload.put("ruleId", plan.rule().id());
        payload.put("reason", plan.description());
        payload.put("orderId", trigger.orderId());
        payload.put("role", plan.role().name());
        payload.put("level", plan.level());
        payload.put("referral", referral == null ? null : members.externalIdOf(referral));
        payload.put("notified", announced(plan));
        return payload;
    }

    /**
     * Whether Sarafan tells the recipient of this credit (email): the rule's switch for the recipient's role —
     * {@code referrer} for referral rewards, {@code member} otherwise — unless it says false. The member's own
     * opt-outs apply on top; the shop's webhook gets every credit, with this flag.
     */
    static boolean announced(Plan plan) {
        RuleDefinition.Notify notify = plan.rule().definition().notifications();
        Boolean on = notify == null ? null : plan.role() == Role.REFERRER ? notify.referrer() : notify.member();
        return !Boolean.FALSE.equals(on);
    }

    private static Accrued accrued(Trigger trigger, Plan plan, MemberRef recipient, String transactionId,
            Ledger.Credit credit, Instant now) {
        boolean pending = credit.availableFrom().isAfter(now);
        return new Accrued(transactionId, recipient.externalId(), plan.role(), plan.level(), trigger.profile(),
                plan.rule().id(), plan.rule().version(), plan.amount(),
                pending ? Accrued.AccrualStatus.PENDING : Accrued.AccrualStatus.AVAILABLE, credit.availableFrom(),
                credit.expiresAt(), plan.description());
    }

    private static boolean burnsAtOnce(RuleDefinition rule, Instant now) {
        Instant expiresAt = expiresAt(rule, availableFrom(rule, now));
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** Bonuses of a rule with a delay are pending for that many days; otherwise available at once. */
    static Instant availableFrom(RuleDefinition rule, Instant now) {
        Instant from = CreditTerms.availableFrom(rule.delayDays(), now);
        return from == null ? now : from;
    }

    /** When the rule's bonuses burn: {@link CreditTerms} has the one rule. */
    static Instant expiresAt(RuleDefinition rule, Instant availableFrom) {
        return CreditTerms.burnsAt(availableFrom, rule.lifetimeDays(), rule.lifetimeMonths(), rule.expiresOn());
    }
}
