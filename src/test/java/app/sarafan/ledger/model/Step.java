package app.sarafan.ledger.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of a generated sequence, as generated: amounts in cents, and the targets of confirmations, cancellations
 * and refunds as a pick among what is open when the step runs (so a step still means something after the shrinker
 * removed the steps before it; with nothing open it does nothing). {@link #simpler()} lists the smaller steps the
 * shrinker tries in its place.
 */
public sealed interface Step {

    /** Steps that are smaller than this one (less money, less time, fewer terms), most radical first. */
    List<Step> simpler();

    private static List<Integer> smaller(int value, int least) {
        List<Integer> values = new ArrayList<>();
        if (value > least) {
            values.add(least);
            if (value / 2 > least) {
                values.add(value / 2);
            }
        }
        return values;
    }

    record Credit(int cents, int delayDays, int lifetimeDays) implements Step {
        @Override
        public List<Step> simpler() {
            List<Step> steps = new ArrayList<>();
            if (delayDays > 0) {
                steps.add(new Credit(cents, 0, lifetimeDays));
            }
            if (lifetimeDays > 0) {
                steps.add(new Credit(cents, delayDays, 0));
            }
            smaller(cents, 100).forEach(c -> steps.add(new Credit(c, delayDays, lifetimeDays)));
            smaller(delayDays, 1).forEach(d -> steps.add(new Credit(cents, d, lifetimeDays)));
            smaller(lifetimeDays, 1).forEach(d -> steps.add(new Credit(cents, delayDays, d)));
            return steps;
        }
    }

    /**
     * Spends {@code permille}‰ of what is available when the step runs (above 1000: more than there is, refused);
     * with nothing available, 1.00 (refused).
     */
    record Spend(int permille) implements Step {
        @Override
        public List<Step> simpler() {
            return permille == 1000 ? List.of() : List.of(new Spend(1000));
        }
    }

    /** Holds {@code permille}‰ of what is available when the step runs, as {@link Spend} takes it. */
    record Hold(int permille) implements Step {
        @Override
        public List<Step> simpler() {
            return permille == 1000 ? List.of() : List.of(new Hold(1000));
        }
    }

    /** Confirms the {@code pick}-th open hold (modulo how many are open), capturing {@code percent} of it. */
    record Confirm(int pick, int percent) implements Step {
        @Override
        public List<Step> simpler() {
            List<Step> steps = new ArrayList<>();
            if (pick > 0) {
                steps.add(new Confirm(0, percent));
            }
            if (percent < 100) {
                steps.add(new Confirm(pick, 100));
            }
            return steps;
        }
    }

    record CancelHold(int pick) implements Step {
        @Override
        public List<Step> simpler() {
            return pick > 0 ? List.of(new CancelHold(0)) : List.of();
        }
    }

    /** Runs the reservation sweep (holds older than the timeout go back). */
    record Sweep() implements Step {
        @Override
        public List<Step> simpler() {
            return List.of();
        }
    }

    record OrderPaid(int cents) implements Step {
        @Override
        public List<Step> simpler() {
            return smaller(cents, 1000).stream().<Step>map(OrderPaid::new).toList();
        }
    }

    /** Refunds {@code percent} of what is left to refund of the {@code pick}-th live order. */
    record Refund(int pick, int percent) implements Step {
        @Override
        public List<Step> simpler() {
            List<Step> steps = new ArrayList<>();
            if (pick > 0) {
                steps.add(new Refund(0, percent));
            }
            if (percent < 100) {
                steps.add(new Refund(pick, 100));
            }
            return steps;
        }
    }

    record CancelOrder(int pick) implements Step {
        @Override
        public List<Step> simpler() {
            return pick > 0 ? List.of(new CancelOrder(0)) : List.of();
        }
    }

    record Advance(int hours) implements Step {
        @Override
        public List<Step> simpler() {
            return smaller(hours, 1).stream().<Step>map(Advance::new).toList();
        }
    }

    /** Runs a job over every account: "activation" or "expiry". */
    record Job(String name) implements Step {
        @Override
        public List<Step> simpler() {
            return List.of();
        }
    }
}
