package app.sarafan.withdrawal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.money.Money;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.KeysetFilter;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import app.sarafan.ledger.Holds;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.ledger.TransactionKind;
import app.sarafan.member.MemberRef;
import app.sarafan.member.MemberService;
import app.sarafan.rule.BonusOrigin;
import app.sarafan.rule.RuleAdministration;
import app.sarafan.rule.RuleDefinition.WithdrawalTerms;
import app.sarafan.rule.RuleProfile;
import app.sarafan.rule.RuleView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Withdrawal requests (SPEC §7). The WITHDRAWAL rule in force decides (highest priority, newest on a tie): minimum
 * amount, limits per calendar day and month (UTC; requests not rejected count), which origins of bonuses may be
 * withdrawn, and the fee, which is taken from the amount. The amount is held at once (HOLD) under the member's
 * account lock, so concurrent requests can never exceed what is withdrawable; rejecting releases it, paying turns
 * it into a WITHDRAWAL transaction that consumes the withdrawable lots first. Every status change is a domain event.
 */
@ApplicationScoped
public class Withdrawals {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final MemberService members;
    private final Holds holds;
    private final RuleAdministration rules;
    private final WithdrawableBonuses withdrawable;
    private final PayoutDetailsCipher cipher;
    private final DomainEvents events;
    private final AppClock clock;
    private final AuditLog audit;

    Withdrawals(MemberService members, Holds holds, RuleAdministration rules, WithdrawableBonuses withdrawable,
            PayoutDetailsCipher cipher, DomainEvents events, AppClock clock, AuditLog audit) {
        this.audit = audit;
        this.members = members;
        this.holds = holds;
        this.rules = rules;
        this.withdrawable = withdrawable;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public WithdrawalView request(String externalId, WithdrawalRequest request) {
        MemberRef member = members.ref(externalId);
        String details = PayoutDetails.normalized(request.payoutMethod(), request.payoutDetails());
        if (member.blocked()) {
            throw new ProblemException(ProblemType.MEMBER_BLOCKED, "A blocked member cannot withdraw bonuses");
        }
        Instant now = clock.now();
        RuleView rule = rules.deciding(RuleProfile.WITHDRAWAL, now).orElseThrow(() -> new ProblemException(
                ProblemType.WRONG_STATE, "Withdrawals are not offered: no withdrawal rule is in force"));
        WithdrawalTerms terms = rule.definition().withdrawal();
        BigDecimal amount = request.amount();
        if (terms.minAmount() != null && amount.compareTo(terms.minAmount()) < 0) {
            throw ProblemException.invalid("amount", "must be at least " + Money.format(terms.minAmount()));
        }
        BigDecimal fee = fee(terms, amount);
        if (fee.compareTo(amount) >= 0) {
            throw ProblemException.invalid("amount", "must be more than the fee of " + Money.format(fee));
        }
        BigDecimal available = holds.lockAvailable(member.id());
        Allowance allowance = allowance(member.id(), terms, available, now);
        refuseBeyond(amount, allowance, terms);

        Withdrawal withdrawal = new Withdrawal();
        withdrawal.memberId = member.id();
        withdrawal.status = WithdrawalStatus.REQUESTED;
        withdrawal.amount = amount;
        withdrawal.fee = fee;
        withdrawal.payoutMethod = request.payoutMethod();
        PayoutDetailsCipher.Sealed sealed = cipher.encrypt(details, member.id());
        withdrawal.payoutDetails = sealed.stored();
        withdrawal.payoutKeyId = sealed.keyId();
        withdrawal.payoutDetailsMasked = PayoutDetails.mask(details);
        withdrawal.withdrawableOrigins = terms.withdrawableKinds() == null ? null
                : terms.withdrawableKinds().stream().map(Enum::name).distinct().collect(Collectors.joining(","));
        withdrawal.ruleVersionId = Long.valueOf(rule.versionId());
        withdrawal.createdAt = now;
        withdrawal.updatedAt = now;
        withdrawal.persistAndFlush();
        withdrawal.holdTransactionId = Long.valueOf(holds.hold(member.id(), amount, source(withdrawal, externalId),
                "Held for withdrawal request " + withdrawal.id).id());
        changed(withdrawal, null);
        return view(withdrawal, member.externalId());
    }

    /** What the member may withdraw now, under the rule in force. */
    @Transactional
    public WithdrawalTermsView terms(String externalId) {
        MemberRef member = members.ref(externalId);
        Instant now = clock.now();
        BigDecimal available = holds.lockAvailable(member.id());
        Optional<RuleView> rule = rules.deciding(RuleProfile.WITHDRAWAL, now);
        if (rule.isEmpty()) {
            return new WithdrawalTermsView(false, available.max(Money.ZERO), Money.ZERO, null, null, null, null,
                    null, null, null, null);
        }
        WithdrawalTerms terms = rule.get().definition().withdrawal();
        Allowance allowance = allowance(member.id(), terms, available, now);
        BigDecimal withdrawableNow = allowance.withdrawable();
        if (allowance.remainingToday() != null) {
            withdrawableNow = withdrawableNow.min(allowance.remainingToday());
        }
        if (allowance.remainingThisMonth() != null) {
            withdrawableNow = withdrawableNow.min(allowance.remainingThisMonth());
        }
        return new WithdrawalTermsView(!member.blocked(), available.max(Money.ZERO), member.blocked() ? Money.ZERO
                : withdrawableNow, terms.minAmount(), terms.maxPerDay(), allowance.remainingToday(), terms.maxPerMonth(),
                allowance.remainingThisMonth(), terms.withdrawableKinds(), terms.feePercent(), terms.feeFixed());
    }

    @Transactional
    public Page<WithdrawalView> mine(String externalId, WithdrawalStatus status, Integer limit, String cursor) {
        MemberRef member = members.ref(externalId);
        return page(member.id(), status, limit, cursor);
    }

    @Transactional
    public WithdrawalView mine(String externalId, String id) {
        MemberRef member = members.ref(externalId);
        Withdrawal withdrawal = find(id).filter(w -> w.memberId == member.id())
                .orElseThrow(() -> ProblemException.notFound("Withdrawal", id));
        return view(withdrawal, member.externalId());
    }

    @Transactional
    public Page<WithdrawalView> list(WithdrawalStatus status, String externalId, Integer limit, String cursor) {
        Long memberId = null;
        if (externalId != null && !externalId.isBlank()) {
            Optional<MemberRef> member = members.find(externalId.trim());
            if (member.isEmpty()) {
                Cursor.limit(limit);
                Cursor.decode(cursor);
                return new Page<>(List.of(), null);
            }
            memberId = member.get().id();
        }
        return page(memberId, status, limit, cursor);
    }

    @Transactional
    public WithdrawalView get(String id) {
        Withdrawal withdrawal = find(id).orElseThrow(() -> ProblemException.notFound("Withdrawal", id));
        return view(withdrawal, members.externalIdOf(withdrawal.memberId));
    }

    /**
     * The full payout details, for the administrator paying the withdrawal out; the read is written to the audit
     * log (who, when, which withdrawal; the details masked) in the same transaction, so no read goes unrecorded.
     */
    @Transactional
    public PayoutDetailsView payoutDetails(String id, String administrator) {
        Withdrawal withdrawal = find(id).orElseThrow(() -> ProblemException.notFound("Withdrawal", id));
        String details = cipher.decrypt(withdrawal.payoutDetails, withdrawal.memberId);
        audit.record(administrator, AuditAction.WITHDRAWAL_PAYOUT_DETAILS_READ, AuditEntityType.WITHDRAWAL,
                withdrawal.id, null, new PayoutDetailsView(String.valueOf(withdrawal.id), withdrawal.payoutMethod,
                        withdrawal.payoutDetailsMasked));
        return new PayoutDetailsView(String.valueOf(withdrawal.id), withdrawal.payoutMethod, details);
    }

    @Transactional
    public WithdrawalView approve(String id, String administrator) {
        Withdrawal withdrawal = locked(id);
        requireStatus(withdrawal, "approved", WithdrawalStatus.REQUESTED);
        WithdrawalView before = view(withdrawal, members.externalIdOf(withdrawal.memberId));
        withdrawal.status = WithdrawalStatus.APPROVED;
        decided(withdrawal, administrator, null);
        return audited(administrator, AuditAction.WITHDRAWAL_APPROVED, before, withdrawal);
    }

    @Transactional
    public WithdrawalView reject(String id, String reason, String administrator) {
        Withdrawal withdrawal = locked(id);
        requireStatus(withdrawal, "rejected", WithdrawalStatus.REQUESTED, WithdrawalStatus.APPROVED);
        String externalId = members.externalIdOf(withdrawal.memberId);
        WithdrawalView before = view(withdrawal, externalId);
        withdrawal.finalTransactionId = Long.valueOf(holds.release(withdrawal.holdTransactionId, withdrawal.amount,
                source(withdrawal, administrator), "Withdrawal request " + withdrawal.id + " rejected: "
                        + reason.trim()).id());
        withdrawal.status = WithdrawalStatus.REJECTED;
        withdrawal.rejectReason = reason.trim();
        decided(withdrawal, administrator, withdrawal.rejectReason);
        return audited(administrator, AuditAction.WITHDRAWAL_REJECTED, before, withdrawal);
    }

    @Transactional
    public WithdrawalView markPaid(String id, String administrator) {
        Withdrawal withdrawal = locked(id);
        requireStatus(withdrawal, "marked paid", WithdrawalStatus.REQUESTED, WithdrawalStatus.APPROVED);
        WithdrawalView before = view(withdrawal, members.externalIdOf(withdrawal.memberId));
        Set<Long> withdrawableLots = withdrawable.lotIds(withdrawal.memberId,
                WithdrawableBonuses.origins(withdrawal.withdrawableOrigins));
        Holds.Captured paid = holds.capture(withdrawal.holdTransactionId, TransactionKind.WITHDRAWAL,
                withdrawal.amount, source(withdrawal, administrator), "Withdrawal " + withdrawal.id + " paid out: "
                        + Money.format(withdrawal.amount.subtract(withdrawal.fee)) + " after a fee of "
                        + Money.format(withdrawal.fee),
                new Holds.LotChoice(withdrawableLots, Set.of(), Money.ZERO));
        withdrawal.finalTransactionId = Long.valueOf(paid.transaction().id());
        withdrawal.status = WithdrawalStatus.PAID;
        decided(withdrawal, administrator, null);
        return audited(administrator, AuditAction.WITHDRAWAL_MARKED_PAID, before, withdrawal);
    }

    /** The view after a decision, written to the audit log with the one before (payout details are masked in both). */
    private WithdrawalView audited(String administrator, AuditAction action, WithdrawalView before,
            Withdrawal withdrawal) {
        WithdrawalView after = view(withdrawal, before.externalId());
        audit.record(administrator, action, AuditEntityType.WITHDRAWAL, after.id(), before, after);
        return after;
    }

    /** The fee: fixed plus a percent of the amount (rounded HALF_UP), taken from the amount. */
    static BigDecimal fee(WithdrawalTerms terms, BigDecimal amount) {
        BigDecimal percent = terms.feePercent() == null ? Money.ZERO
                : Money.rounded(amount.multiply(terms.feePercent()).divide(HUNDRED));
        return percent.add(terms.feeFixed() == null ? Money.ZERO : terms.feeFixed());
    }

    private record Allowance(BigDecimal withdrawable, BigDecimal remainingToday, BigDecimal remainingThisMonth) {
    }

    /** Under the account lock: withdrawable = min(available, unheld lots of the allowed origins); the limits left. */
    private Allowance allowance(long memberId, WithdrawalTerms terms, BigDecimal available, Instant now) {
        Set<BonusOrigin> origins = terms.withdrawableKinds() == null ? EnumSet.allOf(BonusOrigin.class)
                : EnumSet.copyOf(terms.withdrawableKinds());
        BigDecimal amount = available.min(withdrawable.unheld(memberId, origins)).max(Money.ZERO);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant dayStart = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant monthStart = today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        BigDecimal remainingToday = terms.maxPerDay() == null ? null
                : terms.maxPerDay().subtract(requestedSince(memberId, dayStart)).max(Money.ZERO);
        BigDecimal remainingThisMonth = terms.maxPerMonth() == null ? null
                : terms.maxPerMonth().subtract(requestedSince(memberId, monthStart)).max(Money.ZERO);
        return new Allowance(amount, remainingToday, remainingThisMonth);
    }

    private static BigDecimal requestedSince(long memberId, Instant since) {
        return Withdrawal.getEntityManager().createQuery("""
                        select coalesce(sum(w.amount), 0) from Withdrawal w
                        where w.memberId = ?1 and w.status <> ?2 and w.createdAt >= ?3""", BigDecimal.class)
                .setParameter(1, memberId).setParameter(2, WithdrawalStatus.REJECTED).setParameter(3, since)
                .getSingleResult();
    }

    private static void refuseBeyond(BigDecimal amount, Allowance allowance, WithdrawalTerms terms) {
        refuseOverLimit(amount, allowance.remainingToday(), terms.maxPerDay(), "maxPerDay", "day", "today");
        refuseOverLimit(amount, allowance.remainingThisMonth(), terms.maxPerMonth(), "maxPerMonth", "month",
                "this month");
        if (amount.compareTo(allowance.withdrawable()) > 0) {
            throw new ProblemException(Problem.of(ProblemType.INSUFFICIENT_BALANCE, "Requested "
                            + Money.format(amount) + " but only " + Money.format(allowance.withdrawable())
                            + " may be withdrawn")
                    .with("requested", Money.format(amount))
                    .with("available", Money.format(allowance.withdrawable()))
                    .with("withdrawable", Money.format(allowance.withdrawable())));
        }
    }

    private static void refuseOverLimit(BigDecimal amount, BigDecimal remaining, BigDecimal limit, String name,
            String per, String left) {
        if (remaining != null && amount.compareTo(remaining) > 0) {
            throw new ProblemException(Problem.of(ProblemType.LIMIT_REACHED, "At most " + Money.format(limit)
                            + " may be withdrawn per " + per + "; " + Money.format(remaining) + " is left " + left)
                    .with(name, Money.format(limit)).with("remaining", Money.format(remaining)));
        }
    }

    private Page<WithdrawalView> page(Long memberId, WithdrawalStatus status, Integer limit, String cursor) {
        int size = Cursor.limit(limit);
        KeysetFilter where = KeysetFilter.below("id", cursor).and("memberId = ?", memberId)
                .and("status = ?", status);
        List<Withdrawal> rows = Withdrawal.<Withdrawal>find(where.where() + " order by id desc", where.params())
                .page(0, size + 1).list();
        Map<Long, String> externalIds = new LinkedHashMap<>();
        List<WithdrawalView> items = rows.stream().limit(size).map(w -> view(w,
                externalIds.computeIfAbsent(w.memberId, members::externalIdOf))).toList();
        return new Page<>(items, rows.size() > size ? Cursor.encode(rows.get(size - 1).id) : null);
    }

    private void decided(Withdrawal withdrawal, String administrator, String reason) {
        withdrawal.decidedBy = administrator;
        withdrawal.updatedAt = clock.now();
        changed(withdrawal, reason);
    }

    private void changed(Withdrawal withdrawal, String reason) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("withdrawalId", String.valueOf(withdrawal.id));
        payload.put("status", withdrawal.status.name());
        payload.put("amount", Money.format(withdrawal.amount));
        if (reason != null) {
            payload.put("reason", reason);
        }
        events.publish(DomainEventType.WITHDRAWAL_STATUS_CHANGED, withdrawal.memberId, payload);
    }

    /** Locks the member's account, then the withdrawal: the order every writer keeps. */
    private Withdrawal locked(String id) {
        Withdrawal found = find(id).orElseThrow(() -> ProblemException.notFound("Withdrawal", id));
        holds.lockAvailable(found.memberId);
        Withdrawal.getEntityManager().refresh(found, LockModeType.PESSIMISTIC_WRITE);
        return found;
    }

    private static Optional<Withdrawal> find(String id) {
        try {
            return Withdrawal.findByIdOptional(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void requireStatus(Withdrawal withdrawal, String what, WithdrawalStatus... allowed) {
        if (!List.of(allowed).contains(withdrawal.status)) {
            throw new ProblemException(Problem.of(ProblemType.WRONG_STATE, "Withdrawal " + withdrawal.id + " is "
                    + withdrawal.status + " and cannot be " + what).with("currentStatus", withdrawal.status.name()));
        }
    }

    private static Source source(Withdrawal withdrawal, String actor) {
        return new Source(SourceType.WITHDRAWAL, String.valueOf(withdrawal.id), actor);
    }

    private static WithdrawalView view(Withdrawal w, String externalId) {
        return new WithdrawalView(String.valueOf(w.id), externalId, w.status, w.amount, w.fee,
                w.amount.subtract(w.fee), w.payoutMethod, w.payoutDetailsMasked, w.rejectReason, w.decidedBy,
                w.createdAt, w.updatedAt, w.holdTransactionId == null ? null : String.valueOf(w.holdTransactionId),
                w.finalTransactionId == null ? null : String.valueOf(w.finalTransactionId));
    }
}
