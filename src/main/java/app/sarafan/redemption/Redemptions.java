package app.sarafan.redemption;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.json.StoredJson;
import app.sarafan.common.money.Money;
import app.sarafan.common.time.AppClock;
import app.sarafan.common.tx.TransactionMemo;
import app.sarafan.ledger.AccountService;
import app.sarafan.ledger.Holds;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.ledger.TransactionKind;
import app.sarafan.ledger.TransactionView;
import app.sarafan.member.MemberRef;
import app.sarafan.member.MemberService;
import app.sarafan.rule.RuleView;
import app.sarafan.withdrawal.WithdrawableBonuses;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Paying part of an order with bonuses: quote, reserve (HOLD), spend when the order is paid (REDEMPTION, soonest-
 * expiring lots first), release when it is cancelled or times out. Every change locks the member's account first
 * and the redemption row second, in that order everywhere, so that the sweep, the shop's calls and its order events
 * never deadlock.
 */
@ApplicationScoped
public class Redemptions {

    private static final TypeReference<List<LineDiscount>> LINES = new TypeReference<>() {
    };
    private static final TypeReference<List<SpentLot>> SPENT_LOTS = new TypeReference<>() {
    };

    private final MemberService members;
    private final AccountService accounts;
    private final Holds holds;
    private final SpendingPolicy policy;
    private final SpentBonusReturns returns;
    private final WithdrawableBonuses withdrawable;
    private final DomainEvents events;
    private final StoredJson json;
    private final AppClock clock;
    private final RedemptionConfig config;

    /** The order's live reservation, as this transaction locked it (an order's event asks more than once). */
    private record LiveFor(String orderId) {
    }

    private final TransactionMemo memo;

    private Optional<Redemption> live(String orderId) {
        return memo.get(new LiveFor(orderId), () -> Redemption.liveForUpdate(orderId));
    }

    Redemptions(MemberService members, AccountService accounts, Holds holds, SpendingPolicy policy,
            SpentBonusReturns returns, WithdrawableBonuses withdrawable, DomainEvents events, StoredJson json,
            AppClock clock, RedemptionConfig config, TransactionMemo memo) {
        this.memo = memo;
        this.members = members;
        this.accounts = accounts;
        this.holds = holds;
        this.policy = policy;
        this.returns = returns;
        this.withdrawable = withdrawable;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /** The answer of an apply, and whether it created the reservation (201) or found it made before (200). */
    public record Applied(RedemptionView redemption, boolean created) {
    }

    @Transactional
    public Quote quote(QuoteRequest request) {
        MemberRef member = members.ref(request.externalId());
        BigDecimal available = accounts.balance(member.externalId()).available();
        return SpendingPolicy.quote(member.externalId(), request.lines(), available, member.blocked(),
                policy.ruleInForce(clock.now()));
    }

    @Transactional
    public Applied apply(RedemptionRequest request) {
        MemberRef member = members.ref(request.externalId());
        Redemption.getEntityManager().createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "redemption:" + request.orderId()).getSingleResult();
        BigDecimal available = holds.lockAvailable(member.id());
        memo.forget(new LiveFor(request.orderId()));
        Optional<Redemption> existing = Redemption.liveForUpdate(request.orderId());
        if (existing.isPresent()) {
            return new Applied(sameRequest(existing.get(), member, request), false);
        }
        if (member.blocked()) {
            throw new ProblemException(ProblemType.MEMBER_BLOCKED,
                    "Member '" + member.externalId() + "' is blocked and cannot pay with bonuses");
        }
        Instant now = clock.now();
        Optional<RuleView> rule = policy.ruleInForce(now);
        Quote quote = SpendingPolicy.quote(member.externalId(), request.lines(), available, false, rule);
        BigDecimal amount = request.amount() == null ? quote.maxApplicable() : request.amount();
        refuseBeyondQuote(amount, quote);
        Source source = new Source(SourceType.ORDER, request.orderId(), "shop");
        TransactionView hold = holds.hold(member.id(), amount, source,
                "Reserved to pay order " + request.orderId());
        Redemption redemption = new Redemption();
        redemption.memberId = member.id();
        redemption.orderId = request.orderId();
        redemption.status = RedemptionStatus.RESERVED;
        redemption.orderTotal = quote.orderTotal();
        redemption.amount = amount;
        redemption.captured = Money.ZERO;
        redemption.returned = Money.ZERO;
        redemption.lines = json.write(DiscountSplit.split(quote.lines(), amount));
        redemption.ruleVersionId = rule.map(r -> Long.valueOf(r.versionId())).orElse(null);
        redemption.holdTransactionId = Long.valueOf(hold.id());
        redemption.createdAt = now;
        redemption.updatedAt = now;
        redemption.expiresAt = now.plus(config.reservationTimeout());
        redemption.persist();
        return new Applied(view(redemption, member.externalId()), true);
    }

    @Transactional
    public RedemptionView get(String id) {
        Redemption redemption = Redemption.<Redemption>findByIdOptional(parseId(id))
                .orElseThrow(() -> ProblemException.notFound("Redemption", id));
        return view(redemption, members.externalIdOf(redemption.memberId));
    }

    /** The shop says the order is paid with {@code amount} bonuses (all reserved when null); the rest is released. */
    @Transactional
    public RedemptionView confirm(String id, BigDecimal amount) {
        Redemption redemption = locked(id);
        if (redemption.status == RedemptionStatus.CAPTURED
                && (amount == null || amount.compareTo(redemption.captured) == 0)) {
            return view(redemption, members.externalIdOf(redemption.memberId));
        }
        requireReserved(redemption, "confirmed");
        if (amount != null && amount.compareTo(redemption.amount) > 0) {
            // Spending only what is reserved would answer success for bonuses that were never taken.
            throw notReserved("amount is " + Money.format(amount) + " but redemption " + redemption.id + " reserves "
                    + Money.format(redemption.amount), redemption.amount);
        }
        capture(redemption, amount == null ? redemption.amount : amount);
        return view(redemption, members.externalIdOf(redemption.memberId));
    }

    @Transactional
    public RedemptionView cancel(String id) {
        Redemption redemption = locked(id);
        if (redemption.status == RedemptionStatus.RELEASED) {
            return view(redemption, members.externalIdOf(redemption.memberId));
        }
        requireReserved(redemption, "cancelled");
        release(redemption, ReleaseReason.CANCELLED);
        return view(redemption, members.externalIdOf(redemption.memberId));
    }

    /**
     * The order was paid: what the shop says bonuses paid is spent (at most what is reserved), the rest released.
     * An event that does not say ({@code bonusesApplied} null) spends the whole reservation.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void orderPaid(long memberId, String orderId, BigDecimal bonusesApplied) {
        // The order's event holds the buyer's account lock already (it is taken before the order is paid), so the
        // reservation can be looked at first and the account settled only when there is something to capture.
        Optional<Redemption> live = live(orderId).filter(r -> r.memberId == memberId);
        requireCovered(orderId, bonusesApplied, live);
        live.filter(r -> r.status == RedemptionStatus.RESERVED)
                .ifPresent(r -> capture(r, bonusesApplied == null ? r.amount : bonusesApplied));
    }

    /**
     * Bonuses the shop says paid the order must be what its reservation holds: the shop took them as payment, so
     * answering success without spending them would leave the member able to spend them again. A reservation
     * holding at least that much (or a redemption already confirmed with exactly that much) covers them;
     * anything else is refused and the event leaves nothing.
     */
    private static void requireCovered(String orderId, BigDecimal bonusesApplied, Optional<Redemption> live) {
        if (bonusesApplied == null || bonusesApplied.signum() == 0) {
            return;
        }
        String stated = "order.bonusesApplied is " + Money.format(bonusesApplied);
        Redemption r = live.orElseThrow(() -> notReserved(stated + " but no bonuses are reserved for order " + orderId
                + ": reserve them with POST /v1/redemptions before the order is paid", Money.ZERO));
        if (r.status == RedemptionStatus.RESERVED && r.amount.compareTo(bonusesApplied) < 0) {
            throw notReserved(stated + " but only " + Money.format(r.amount) + " are reserved for order " + orderId,
                    r.amount);
        }
        if (r.status == RedemptionStatus.CAPTURED && r.captured.compareTo(bonusesApplied) != 0) {
            throw notReserved(stated + " but the redemption of order " + orderId + " was confirmed with "
                    + Money.format(r.captured), r.captured);
        }
    }

    private static ProblemException notReserved(String detail, BigDecimal reserved) {
        return new ProblemException(ProblemType.BONUSES_NOT_RESERVED, detail)
                .withMember("reserved", Money.format(reserved));
    }

    /** What bonuses paid of an order (captured, before any return): the cashback base is net of it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public BigDecimal spentOn(long memberId, String orderId) {
        return live(orderId).filter(r -> r.memberId == memberId)
                .filter(r -> r.status == RedemptionStatus.CAPTURED).map(r -> r.captured).orElse(Money.ZERO);
    }

    /** The order was cancelled: a reservation is released, bonuses spent on it come back in full. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void orderCancelled(long memberId, String orderId) {
        holds.lockAvailable(memberId);
        live(orderId).filter(r -> r.memberId == memberId).ifPresent(r -> {
            if (r.status == RedemptionStatus.RESERVED) {
                release(r, ReleaseReason.ORDER_CANCELLED);
            } else {
                giveBack(r, r.captured.subtract(r.returned), "Order " + orderId + " was cancelled");
            }
        });
    }

    /**
     * Part of the order (cumulatively {@code refundedShare}) was refunded: that share of the spent bonuses comes back,
     * rounded once, minus what came back before, so partial refunds never drift.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void orderRefunded(long memberId, String orderId, BigDecimal refundedShare) {
        holds.lockAvailable(memberId);
        live(orderId).filter(r -> r.memberId == memberId)
                .filter(r -> r.status == RedemptionStatus.CAPTURED).ifPresent(r -> {
                    BigDecimal share = refundedShare.min(BigDecimal.ONE).max(BigDecimal.ZERO);
                    BigDecimal target = Money.rounded(r.captured.multiply(share));
                    giveBack(r, target.subtract(r.returned), "Order " + orderId + " was refunded in part");
                });
    }

    /**
     * Releases reservations past their timeout, at most {@code chunk} of them. Safe on several instances at once:
     * rows another instance (or a shop call) holds are skipped, and so are accounts locked at the moment — the next
     * sweep takes them. Answers how many it released.
     */
    @Transactional
    public int releaseTimedOut(int chunk) {
        @SuppressWarnings("unchecked")
        List<Number> ids = Redemption.getEntityManager().createNativeQuery("""
                        SELECT id FROM redemption WHERE status = 'RESERVED' AND expires_at <= ?1
                        ORDER BY expires_at LIMIT ?2 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, java.sql.Timestamp.from(clock.now())).setParameter(2, chunk).getResultList();
        int released = 0;
        for (Number id : ids) {
            Redemption redemption = Redemption.findById(id.longValue());
            List<?> account = Redemption.getEntityManager().createNativeQuery(
                            "SELECT member_id FROM account WHERE member_id = ?1 FOR UPDATE SKIP LOCKED")
                    .setParameter(1, redemption.memberId).getResultList();
            if (!account.isEmpty() && redemption.status == RedemptionStatus.RESERVED) {
                release(redemption, ReleaseReason.TIMED_OUT);
                released++;
            }
        }
        return released;
    }

    private void capture(Redemption redemption, BigDecimal requested) {
        BigDecimal spend = Money.exact(requested).min(redemption.amount);
        Source source = new Source(SourceType.ORDER, redemption.orderId, "shop");
        if (spend.signum() > 0) {
            Holds.Captured captured = holds.capture(redemption.holdTransactionId, TransactionKind.REDEMPTION, spend,
                    source, "Paid part of order " + redemption.orderId,
                    withdrawable.keepForWithdrawals(redemption.memberId));
            redemption.captured = spend;
            redemption.captureTransactionId = Long.valueOf(captured.transaction().id());
            redemption.spentLots = json.write(captured.portions().stream()
                    .map(p -> new SpentLot(p.creditTransactionId(), p.amount(), p.expiresAt())).toList());
            redemption.lines = json.write(DiscountSplit.split(json.read(redemption.lines, LINES), spend));
            redemption.status = RedemptionStatus.CAPTURED;
            events.publish(DomainEventType.BONUS_REDEEMED, redemption.memberId, payload(redemption, spend));
        }
        BigDecimal rest = redemption.amount.subtract(spend);
        if (rest.signum() > 0) {
            holds.release(redemption.holdTransactionId, rest, source, "Reserved for order " + redemption.orderId
                    + " and not spent");
        }
        if (spend.signum() == 0) {
            redemption.status = RedemptionStatus.RELEASED;
            redemption.releaseReason = ReleaseReason.PAID_WITHOUT_BONUSES;
        }
        redemption.updatedAt = clock.now();
    }

    private void release(Redemption redemption, ReleaseReason reason) {
        holds.release(redemption.holdTransactionId, redemption.amount,
                new Source(SourceType.ORDER, redemption.orderId, reason == ReleaseReason.TIMED_OUT ? "system" : "shop"),
                switch (reason) {
                    case TIMED_OUT -> "Reservation for order " + redemption.orderId + " timed out";
                    case ORDER_CANCELLED -> "Order " + redemption.orderId + " was cancelled";
                    default -> "Reservation for order " + redemption.orderId + " cancelled";
                });
        redemption.status = RedemptionStatus.RELEASED;
        redemption.releaseReason = reason;
        redemption.updatedAt = clock.now();
    }

    private void giveBack(Redemption redemption, BigDecimal amount, String reason) {
        BigDecimal back = amount.min(redemption.captured.subtract(redemption.returned));
        if (back.signum() <= 0) {
            return;
        }
        returns.giveBack(redemption.memberId, redemption.orderId, json.read(redemption.spentLots, SPENT_LOTS),
                redemption.returned, back, reason);
        redemption.returned = redemption.returned.add(back);
        redemption.updatedAt = clock.now();
        events.publish(DomainEventType.BONUS_RETURNED, redemption.memberId, payload(redemption, back));
    }

    private static Map<String, Object> payload(Redemption redemption, BigDecimal amount) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("amount", Money.format(amount));
        payload.put("orderId", redemption.orderId);
        payload.put("redemptionId", String.valueOf(redemption.id));
        return payload;
    }

    /** Locks the account, then the redemption (the order every writer keeps). */
    private Redemption locked(String id) {
        long redemptionId = parseId(id);
        List<Long> member = Redemption.getEntityManager()
                .createQuery("select r.memberId from Redemption r where r.id = ?1", Long.class)
                .setParameter(1, redemptionId).getResultList();
        if (member.isEmpty()) {
            throw ProblemException.notFound("Redemption", id);
        }
        holds.lockAvailable(member.get(0));
        return Redemption.findById(redemptionId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static void requireReserved(Redemption redemption, String what) {
        if (redemption.status != RedemptionStatus.RESERVED) {
            throw new ProblemException(Problem.of(ProblemType.WRONG_STATE, "Redemption " + redemption.id
                    + " is " + redemption.status + " and cannot be " + what).with("currentStatus", redemption.status));
        }
    }

    private RedemptionView sameRequest(Redemption existing, MemberRef member, RedemptionRequest request) {
        List<LineDiscount> lines = json.read(existing.lines, LINES);
        boolean same = existing.memberId == member.id() && existing.status == RedemptionStatus.RESERVED
                && (request.amount() == null || request.amount().compareTo(existing.amount) == 0)
                && lines.size() == request.lines().size();
        for (int i = 0; same && i < lines.size(); i++) {
            CartLine line = request.lines().get(i);
            LineDiscount kept = lines.get(i);
            same = kept.sku().equals(line.sku()) && java.util.Objects.equals(kept.category(), line.category())
                    && kept.unitPrice().compareTo(line.unitPrice()) == 0 && kept.quantity() == line.quantity();
        }
        if (!same) {
            throw new ProblemException(Problem.of(ProblemType.DUPLICATE, "Order '" + request.orderId()
                            + "' already has redemption " + existing.id + " (" + existing.status
                            + "); cancel it before reserving bonuses for the order again")
                    .with("redemptionId", String.valueOf(existing.id)));
        }
        return view(existing, member.externalId());
    }

    private static void refuseBeyondQuote(BigDecimal amount, Quote quote) {
        if (amount.compareTo(quote.maxApplicable()) <= 0 && amount.signum() > 0) {
            return;
        }
        boolean byBalance = quote.reason() == QuoteReason.NO_BALANCE || (quote.reason() == null
                && quote.ruleCap().compareTo(amount) >= 0);
        Problem problem = byBalance
                ? Problem.of(ProblemType.INSUFFICIENT_BALANCE, "Requested " + Money.format(amount) + " but only "
                        + Money.format(quote.available()) + " is available")
                        .with("requested", Money.format(amount)).with("available", Money.format(quote.available()))
                : Problem.of(ProblemType.LIMIT_REACHED, quote.reason() == null
                        ? "At most " + Money.format(quote.maxApplicable()) + " bonuses may pay this order"
                        : "Bonuses cannot pay this order: " + quote.reason())
                        .with("requested", Money.format(amount));
        problem = problem.with("maxApplicable", Money.format(quote.maxApplicable()));
        if (quote.reason() != null) {
            problem = problem.with("reason", quote.reason().name());
        }
        throw new ProblemException(problem);
    }

    private RedemptionView view(Redemption r, String externalId) {
        return new RedemptionView(String.valueOf(r.id), externalId, r.orderId, r.status, r.orderTotal, r.amount,
                r.captured, r.returned, r.releaseReason, r.createdAt, r.expiresAt, r.updatedAt,
                r.ruleVersionId == null ? null : String.valueOf(r.ruleVersionId), json.read(r.lines, LINES));
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("Redemption", id);
        }
    }
}
