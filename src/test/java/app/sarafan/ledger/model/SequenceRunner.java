package app.sarafan.ledger.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one sequence on a fresh {@link LedgerModel} and a fresh subject side by side: each step is resolved against
 * the model (which hold, which order, how much), done on both, and then the answers, the balance parts and the
 * subject's ledger invariant are compared (after a clock move, at the next step). The first difference ends the
 * run.
 */
public final class SequenceRunner {

    private static final BigDecimal CENT = new BigDecimal("0.01");

    /** Where a sequence went wrong: the step (0-based), what was done up to it, and what differed. */
    public record Divergence(int step, List<String> transcript, String difference) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < transcript.size(); i++) {
                text.append(String.format("  %2d. %s%n", i + 1, transcript.get(i)));
            }
            return text.append("  -> step ").append(step + 1).append(": ").append(difference).toString();
        }
    }

    /** What the runs exercised (refusals, voids, reversals, debts, ...), to print: a check that tests little shows. */
    private final Map<String, Integer> coverage = new java.util.TreeMap<>();
    private final Supplier<LedgerModel> models;
    private final Supplier<? extends LedgerSubject> subjects;

    public SequenceRunner(Supplier<LedgerModel> models, Supplier<? extends LedgerSubject> subjects) {
        this.models = models;
        this.subjects = subjects;
    }

    public Map<String, Integer> coverage() {
        return coverage;
    }

    private void count(String what) {
        coverage.merge(what, 1, Integer::sum);
    }

    public Optional<Divergence> run(List<Step> steps) {
        LedgerModel model = models.get();
        LedgerSubject subject = subjects.get();
        Map<String, String> holds = new HashMap<>();
        List<String> transcript = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String difference;
            try {
                difference = apply(step, model, subject, holds, transcript);
                // Reading the balance settles the account; after a clock move the next step reads, so that what
                // became due is settled by that step's own path (a credit, an order, a hold, a job's chunk).
                boolean read = !(step instanceof Step.Advance) || i == steps.size() - 1;
                if (difference == null && read) {
                    difference = compare(model, subject);
                }
            } catch (RuntimeException | AssertionError e) {
                difference = "the subject failed: " + e;
            }
            if (difference != null) {
                return Optional.of(new Divergence(i, transcript, difference));
            }
        }
        return Optional.empty();
    }

    private String apply(Step step, LedgerModel model, LedgerSubject subject, Map<String, String> holds,
            List<String> transcript) {
        switch (step) {
            case Step.Credit c -> {
                BigDecimal amount = money(c.cents());
                transcript.add("credit " + amount + (c.delayDays() > 0 ? ", pending " + c.delayDays() + " days" : "")
                        + (c.lifetimeDays() > 0 ? ", lifetime " + c.lifetimeDays() + " days" : ""));
                model.credit(amount, c.delayDays(), c.lifetimeDays());
                subject.credit(amount, c.delayDays(), c.lifetimeDays());
            }
            case Step.Spend s -> {
                BigDecimal amount = shareOfAvailable(model, s.permille());
                transcript.add("spend " + amount);
                boolean expected = model.spend(amount);
                count(expected ? "spent" : "spending refused");
                boolean actual = subject.spend(amount);
                if (expected != actual) {
                    return "spending " + amount + (expected ? " should have been done" : " should have been refused");
                }
            }
            case Step.Hold h -> {
                BigDecimal amount = shareOfAvailable(model, h.permille());
                Optional<String> expected = model.hold(amount);
                count(expected.isPresent() ? "held" : "hold refused");
                transcript.add("hold " + amount + expected.map(id -> " (" + id + ")").orElse(""));
                Optional<String> actual = subject.hold(amount);
                if (expected.isPresent() != actual.isPresent()) {
                    return "holding " + amount + (expected.isPresent() ? " should have been done"
                            : " should have been refused");
                }
                expected.ifPresent(id -> holds.put(id, actual.orElseThrow()));
            }
            case Step.Confirm c -> {
                List<String> open = model.openHolds();
                if (open.isEmpty()) {
                    transcript.add("confirm (no hold open: nothing)");
                    return null;
                }
                String hold = open.get(c.pick() % open.size());
                BigDecimal captured = percentOf(model.held(hold), c.percent());
                count("confirmed");
                transcript.add("confirm " + hold + " capturing " + captured + " of " + model.held(hold));
                model.confirm(hold, captured);
                subject.confirm(holds.get(hold), captured);
            }
            case Step.CancelHold c -> {
                List<String> open = model.openHolds();
                if (open.isEmpty()) {
                    transcript.add("cancel a hold (no hold open: nothing)");
                    return null;
                }
                String hold = open.get(c.pick() % open.size());
                count("hold cancelled");
                transcript.add("cancel " + hold);
                model.cancel(hold);
                subject.cancel(holds.get(hold));
            }
            case Step.Sweep s -> {
                transcript.add("reservation sweep");
                int open = model.openHolds().size();
                model.sweep();
                subject.sweep();
                coverage.merge("timed out", open - model.openHolds().size(), Integer::sum);
            }
            case Step.OrderPaid o -> {
                BigDecimal total = money(o.cents());
                String orderId = "o" + (transcript.size() + 1);
                transcript.add("order " + orderId + " paid, total " + total);
                LedgerSubject.Accrual expected = model.orderPaid(orderId, total);
                LedgerSubject.Accrual actual = subject.orderPaid(orderId, total);
                if (!same(expected.amount(), actual.amount()) || expected.pending() != actual.pending()) {
                    return "accrual " + actual + ", expected " + expected;
                }
            }
            case Step.Refund r -> {
                List<String> live = model.liveOrders();
                if (live.isEmpty()) {
                    transcript.add("refund (no order to refund: nothing)");
                    return null;
                }
                String orderId = live.get(r.pick() % live.size());
                BigDecimal amount = percentOf(model.refundable(orderId), r.percent());
                transcript.add("order " + orderId + " refunded " + amount);
                List<LedgerSubject.Reversed> expected = model.orderRefunded(orderId, amount);
                expected.forEach(x -> count("refund " + x.kind()));
                return sameReversals(expected, subject.orderRefunded(orderId, amount));
            }
            case Step.CancelOrder c -> {
                List<String> live = model.liveOrders();
                if (live.isEmpty()) {
                    transcript.add("cancel an order (no order to cancel: nothing)");
                    return null;
                }
                String orderId = live.get(c.pick() % live.size());
                transcript.add("order " + orderId + " cancelled");
                List<LedgerSubject.Reversed> expected = model.orderCancelled(orderId);
                expected.forEach(r -> count("cancellation " + r.kind()));
                return sameReversals(expected, subject.orderCancelled(orderId));
            }
            case Step.Advance a -> {
                transcript.add("clock +" + a.hours() + "h (to " + (model.now() + a.hours()) + "h)");
                model.advance(a.hours());
                subject.advance(a.hours());
            }
            case Step.Job j -> {
                transcript.add(j.name() + " job");
                model.runJob(j.name());
                subject.runJob(j.name());
            }
        }
        return null;
    }

    private String compare(LedgerModel model, LedgerSubject subject) {
        LedgerSubject.Parts expected = model.parts();
        if (expected.available().signum() < 0) {
            count(expected.reserved().signum() > 0 ? "debt while reserved" : "debt");
        }
        LedgerSubject.Parts actual = subject.parts();
        if (!same(expected.available(), actual.available()) || !same(expected.pending(), actual.pending())
                || !same(expected.reserved(), actual.reserved()) || !same(expected.total(), actual.total())) {
            return "balance " + actual + "; the model expects " + expected;
        }
        List<String> own = model.violations();
        if (!own.isEmpty()) {
            return "the model broke its own invariant (the model is wrong): " + own;
        }
        List<String> violations = subject.violations();
        return violations.isEmpty() ? null : "ledger invariant: " + violations;
    }

    private static String sameReversals(List<LedgerSubject.Reversed> expected, List<LedgerSubject.Reversed> actual) {
        boolean same = expected.size() == actual.size();
        for (int i = 0; same && i < expected.size(); i++) {
            same = expected.get(i).kind().equals(actual.get(i).kind())
                    && same(expected.get(i).amount(), actual.get(i).amount());
        }
        return same ? null : "reversals " + actual + ", expected " + expected;
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) == 0;
    }

    private static BigDecimal money(int cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    /** {@code permille}‰ of what the model has available (at least a cent), or 1.00 when nothing is. */
    private static BigDecimal shareOfAvailable(LedgerModel model, int permille) {
        BigDecimal available = model.parts().available();
        if (available.signum() <= 0) {
            return new BigDecimal("1.00");
        }
        return available.multiply(BigDecimal.valueOf(permille)).divide(BigDecimal.valueOf(1000), 2,
                RoundingMode.DOWN).max(CENT);
    }

    /** {@code percent} of {@code amount}, rounded down to the cent but at least a cent. */
    private static BigDecimal percentOf(BigDecimal amount, int percent) {
        BigDecimal part = amount.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 2,
                RoundingMode.DOWN);
        return part.max(CENT).min(amount);
    }
}
