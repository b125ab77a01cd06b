package app.sarafan.ledger.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One member's account as the documented rules say it behaves (docs/ledger.md, the Ledger and Holds javadoc,
 * docs/shop-events-and-earning.md), in memory and exact to the cent. Time is counted in hours from the start of a
 * sequence. The rules, each in one place here:
 * <ul>
 *   <li>a credit is pending until its delay ends, then available; it burns at the end of its lifetime (counted from
 *       when it became available), at that exact instant, whatever part of it is left;</li>
 *   <li>spending consumes the lots that expire soonest first (lots without expiry last, then the oldest first);</li>
 *   <li>a hold moves an amount from available to reserved and touches no lot; reserved bonuses are backed by the
 *       soonest-expiring lots, which do not burn while reserved and burn when released after their expiry; a capture
 *       spends reserved bonuses and consumes lots;</li>
 *   <li>a reversal of a pending credit voids it; otherwise it takes what is left of the credit's own lot first, then
 *       other available bonuses soonest-expiring first, and the rest becomes a debt (negative available); bonuses of
 *       the credit that burnt are not taken back, nothing beyond the credit is;</li>
 *   <li>a debt is repaid first by what becomes available later: a credit, an activation, a release;</li>
 *   <li>an order's cashback is {@code round(total × percent)}; a refund takes it down to
 *       {@code round(cashback × share refunded)}, a cancellation takes all of it.</li>
 * </ul>
 */
public class LedgerModel implements LedgerSubject {

    private static final BigDecimal ZERO = new BigDecimal("0.00");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    /** The cashback rule the test puts in force for orders. */
    public record CashbackRule(BigDecimal percent, int delayDays, int lifetimeDays) {
    }

    public enum LotState { PENDING, ACTIVE, SPENT, EXPIRED, VOIDED }

    /** A credit's lot; {@code expiresAt} null never burns. Times are hours since the sequence began. */
    protected static final class Lot {
        final int id;
        final BigDecimal amount;
        final long availableFrom;
        final Long expiresAt;
        BigDecimal remaining;
        LotState state;
        BigDecimal burnt = ZERO;
        BigDecimal takenBack = ZERO;

        Lot(int id, BigDecimal amount, long availableFrom, Long expiresAt, LotState state) {
            this.id = id;
            this.amount = amount;
            this.availableFrom = availableFrom;
            this.expiresAt = expiresAt;
            this.remaining = amount;
            this.state = state;
        }

        Long expiresAt() {
            return expiresAt;
        }

        long availableFrom() {
            return availableFrom;
        }

        int id() {
            return id;
        }
    }

    private record HoldState(BigDecimal amount, long expiresAt) {
    }

    private static final class Order {
        final BigDecimal total;
        final Lot credit;
        BigDecimal refunded = ZERO;
        boolean cancelled;

        Order(BigDecimal total, Lot credit) {
            this.total = total;
            this.credit = credit;
        }
    }

    private final CashbackRule cashback;
    private final long holdHours;
    private long now;
    private BigDecimal available = ZERO;
    private BigDecimal pending = ZERO;
    private BigDecimal reserved = ZERO;
    private final List<Lot> lots = new ArrayList<>();
    private final Map<String, HoldState> openHolds = new LinkedHashMap<>();
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private int nextHold = 1;

    public LedgerModel(CashbackRule cashback, long holdHours) {
        this.cashback = cashback;
        this.holdHours = holdHours;
    }

    // --- what the runner asks of the model to pick the targets of steps ---

    /** The open holds, oldest first. */
    public List<String> openHolds() {
        return List.copyOf(openHolds.keySet());
    }

    public BigDecimal held(String hold) {
        return openHolds.get(hold).amount();
    }

    /** Paid orders neither cancelled nor refunded in full, oldest first. */
    public List<String> liveOrders() {
        return orders.entrySet().stream().filter(e -> !e.getValue().cancelled
                && e.getValue().refunded.compareTo(e.getValue().total) < 0).map(Map.Entry::getKey).toList();
    }

    /** What is left to refund of a paid order. */
    public BigDecimal refundable(String orderId) {
        Order order = orders.get(orderId);
        return order.total.subtract(order.refunded);
    }

    public long now() {
        return now;
    }

    // --- the subject ---

    @Override
    public String credit(BigDecimal amount, int delayDays, int lifetimeDays) {
        return String.valueOf(addCredit(amount, delayDays, lifetimeDays).id);
    }

    private Lot addCredit(BigDecimal amount, int delayDays, int lifetimeDays) {
        settle();
        long from = now + 24L * delayDays;
        boolean isPending = from > now;
        Lot lot = new Lot(lots.size() + 1, amount, from, lifetimeDays == 0 ? null : from + 24L * lifetimeDays,
                isPending ? LotState.PENDING : LotState.ACTIVE);
        lots.add(lot);
        if (isPending) {
            pending = pending.add(amount);
        } else {
            available = available.add(amount);
            repayDebt(lot);
        }
        return lot;
    }

    @Override
    public boolean spend(BigDecimal amount) {
        settle();
        if (available.compareTo(amount) < 0) {
            return false;
        }
        available = available.subtract(amount);
        consume(amount);
        return true;
    }

    @Override
    public Optional<String> hold(BigDecimal amount) {
        settle();
        if (available.compareTo(amount) < 0) {
            return Optional.empty();
        }
        available = available.subtract(amount);
        reserved = reserved.add(amount);
        String id = "h" + nextHold++;
        openHolds.put(id, new HoldState(amount, now + holdHours));
        return Optional.of(id);
    }

    @Override
    public void confirm(String hold, BigDecimal captured) {
        HoldState state = openHolds.remove(hold);
        BigDecimal spent = captured.min(state.amount());
        settle();
        reserved = reserved.subtract(spent);
        consume(spent);
        BigDecimal rest = state.amount().subtract(spent);
        if (rest.signum() > 0) {
            release(rest);
        }
    }

    @Override
    public void cancel(String hold) {
        release(openHolds.remove(hold).amount());
    }

    @Override
    public void sweep() {
        for (String hold : openHolds()) {
            if (openHolds.get(hold).expiresAt() <= now) {
                cancel(hold);
            }
        }
    }

    private void release(BigDecimal amount) {
        settle();
        BigDecimal debt = available.negate().max(ZERO);
        available = available.add(amount);
        reserved = reserved.subtract(amount);
        BigDecimal repay = debt.min(amount);
        if (repay.signum() > 0) {
            consume(repay);
        }
        // what expired while it was reserved burns now
        settle();
    }

    @Override
    public Accrual orderPaid(String orderId, BigDecimal total) {
        BigDecimal amount = total.multiply(cashback.percent()).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        Lot lot = addCredit(amount, cashback.delayDays(), cashback.lifetimeDays());
        orders.put(orderId, new Order(total, lot));
        return new Accrual(amount, lot.state == LotState.PENDING);
    }

    @Override
    public List<Reversed> orderCancelled(String orderId) {
        Order order = orders.get(orderId);
        order.cancelled = true;
        return reverseTo(order, order.credit.amount);
    }

    @Override
    public List<Reversed> orderRefunded(String orderId, BigDecimal amount) {
        Order order = orders.get(orderId);
        order.refunded = order.refunded.add(amount);
        BigDecimal share = order.refunded.divide(order.total, MathContext.DECIMAL128);
        BigDecimal target = share.compareTo(BigDecimal.ONE) >= 0 ? order.credit.amount
                : order.credit.amount.multiply(share, MathContext.DECIMAL128).setScale(2, RoundingMode.HALF_UP);
        return reverseTo(order, target);
    }

    private List<Reversed> reverseTo(Order order, BigDecimal target) {
        BigDecimal due = target.subtract(order.credit.takenBack);
        if (due.signum() <= 0) {
            return List.of();
        }
        return reverse(order.credit, due).map(List::of).orElse(List.of());
    }

    /** Takes back up to {@code requested} of a credit (the ledger's one reversal rule). */
    private Optional<Reversed> reverse(Lot lot, BigDecimal requested) {
        settle();
        BigDecimal amount = requested.min(lot.amount.subtract(lot.takenBack).subtract(lot.burnt));
        if (amount.signum() <= 0) {
            return Optional.empty();
        }
        lot.takenBack = lot.takenBack.add(amount);
        if (lot.state == LotState.PENDING) {
            pending = pending.subtract(amount);
            lot.remaining = lot.remaining.subtract(amount);
            if (lot.remaining.signum() == 0) {
                lot.state = LotState.VOIDED;
            }
            return Optional.of(new Reversed("VOID", amount));
        }
        available = available.subtract(amount);
        // lots backing reserved bonuses stay with the reservation: only the unreserved part is taken
        BigDecimal unreserved = activeRemaining().subtract(reserved);
        BigDecimal fromLot = lot.state == LotState.ACTIVE ? lot.remaining.min(amount).min(unreserved) : ZERO;
        if (fromLot.signum() > 0) {
            take(lot, fromLot);
        }
        BigDecimal fromOthers = amount.subtract(fromLot).min(unreserved.subtract(fromLot));
        if (fromOthers.signum() > 0) {
            consume(fromOthers);
        }
        return Optional.of(new Reversed("REVERSAL", amount));
    }

    @Override
    public void advance(int hours) {
        now += hours;
    }

    @Override
    public void runJob(String job) {
        // The jobs settle accounts nobody touches; the model settles on every read, so a job changes nothing here.
        settle();
    }

    @Override
    public Parts parts() {
        settle();
        return new Parts(available, pending, reserved, available.add(pending).add(reserved));
    }

    /** The ledger invariant over the model itself (a model that breaks it is wrong). */
    @Override
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        BigDecimal pendingLots = sum(LotState.PENDING);
        BigDecimal activeLots = sum(LotState.ACTIVE);
        if (pendingLots.compareTo(pending) != 0) {
            violations.add("pending lots " + pendingLots + " are not pending " + pending);
        }
        if (activeLots.compareTo(available.max(ZERO).add(reserved)) != 0) {
            violations.add("active lots " + activeLots + " are not available " + available + " + reserved " + reserved);
        }
        BigDecimal holds = openHolds.values().stream().map(HoldState::amount).reduce(ZERO, BigDecimal::add);
        if (holds.compareTo(reserved) != 0) {
            violations.add("open holds " + holds + " are not reserved " + reserved);
        }
        for (Lot lot : lots) {
            if (lot.remaining.signum() < 0 || (lot.state != LotState.ACTIVE && lot.state != LotState.PENDING
                    && lot.remaining.signum() != 0)) {
                violations.add("lot " + lot.id + " " + lot.state + " has " + lot.remaining + " left");
            }
        }
        return violations;
    }

    // --- settlement and lots ---

    /** Brings the account up to date: activations (repaying a debt first), then expiries soonest first. */
    protected void settle() {
        List<Lot> due = lots.stream().filter(l -> (l.state == LotState.PENDING && l.availableFrom <= now)
                        || (l.state == LotState.ACTIVE && l.expiresAt != null && l.expiresAt <= now))
                .sorted(Comparator.comparingLong(Lot::availableFrom).thenComparingInt(Lot::id)).toList();
        for (Lot lot : due) {
            if (lot.state == LotState.PENDING) {
                pending = pending.subtract(lot.remaining);
                available = available.add(lot.remaining);
                lot.state = LotState.ACTIVE;
                repayDebt(lot);
            }
        }
        due.stream().filter(l -> l.state == LotState.ACTIVE && l.expiresAt != null && l.expiresAt <= now)
                .sorted(Comparator.comparing(Lot::expiresAt).thenComparingInt(Lot::id))
                .forEach(this::expire);
    }

    private void expire(Lot lot) {
        if (lot.state != LotState.ACTIVE) {
            return;
        }
        BigDecimal left = lot.remaining.subtract(reservedPart(lot));
        if (left.signum() <= 0) {
            return;
        }
        available = available.subtract(left);
        lot.remaining = lot.remaining.subtract(left);
        lot.burnt = lot.burnt.add(left);
        if (lot.remaining.signum() == 0) {
            lot.state = LotState.EXPIRED;
        }
    }

    /** How much of an active lot backs the reserved part: reservations take the soonest-expiring lots first. */
    private BigDecimal reservedPart(Lot lot) {
        BigDecimal left = reserved;
        for (Lot active : activeLots()) {
            BigDecimal part = active.remaining.min(left);
            if (active == lot) {
                return part;
            }
            left = left.subtract(part);
        }
        return ZERO;
    }

    /** A debt (negative available) is repaid first from a lot that just became available. */
    private void repayDebt(Lot lot) {
        BigDecimal debtBefore = available.subtract(lot.remaining).negate();
        if (debtBefore.signum() <= 0) {
            return;
        }
        take(lot, debtBefore.min(lot.remaining));
    }

    /** Consumes {@code amount} from the active lots in spending order. */
    private void consume(BigDecimal amount) {
        BigDecimal left = amount;
        for (Lot lot : activeLots()) {
            if (left.signum() == 0) {
                break;
            }
            BigDecimal take = lot.remaining.min(left);
            take(lot, take);
            left = left.subtract(take);
        }
        if (left.signum() != 0) {
            throw new IllegalStateException("the model's lots do not cover " + amount);
        }
    }

    private void take(Lot lot, BigDecimal amount) {
        lot.remaining = lot.remaining.subtract(amount);
        if (lot.remaining.signum() == 0) {
            lot.state = LotState.SPENT;
        }
    }

    private List<Lot> activeLots() {
        return lots.stream().filter(l -> l.state == LotState.ACTIVE).sorted(spendingOrder()).toList();
    }

    /** Soonest-expiring first, lots that never expire last, then the oldest first. */
    protected Comparator<Lot> spendingOrder() {
        return Comparator.comparing(Lot::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(Lot::availableFrom).thenComparingInt(Lot::id);
    }

    private BigDecimal activeRemaining() {
        return sum(LotState.ACTIVE);
    }

    private BigDecimal sum(LotState state) {
        return lots.stream().filter(l -> l.state == state).map(l -> l.remaining).reduce(ZERO, BigDecimal::add);
    }
}
