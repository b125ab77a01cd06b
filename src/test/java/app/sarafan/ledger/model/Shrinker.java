package app.sarafan.ledger.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing sequence to a short one that still fails: first it removes steps (halves, then quarters, ...,
 * then single steps, as delta debugging does), then it joins clock moves in a row, then it replaces steps by simpler ones ({@link Step#simpler()}: less
 * money, less time, no delay or lifetime), and repeats while any makes progress. Every candidate is run
 * again (against the service, in the model test), so the budget bounds how many runs a failure may cost.
 */
public final class Shrinker {

    private final Predicate<List<Step>> fails;
    private final int budget;
    private int runs;

    public Shrinker(Predicate<List<Step>> fails, int budget) {
        this.fails = fails;
        this.budget = budget;
    }

    /** How many candidates were run. */
    public int runs() {
        return runs;
    }

    public List<Step> shrink(List<Step> failing) {
        List<Step> current = List.copyOf(failing);
        boolean progress = true;
        while (progress && runs < budget) {
            progress = false;
            List<Step> shorter = removeSteps(current);
            if (shorter.size() < current.size()) {
                current = shorter;
                progress = true;
            }
            List<Step> joined = joinClockMoves(current);
            if (joined.size() < current.size()) {
                current = joined;
                progress = true;
            }
            List<Step> simpler = simplifySteps(current);
            if (!simpler.equals(current)) {
                current = simpler;
                progress = true;
            }
        }
        return current;
    }

    private List<Step> removeSteps(List<Step> sequence) {
        List<Step> current = sequence;
        for (int chunk = Math.max(1, current.size() / 2); chunk >= 1; chunk /= 2) {
            int start = 0;
            while (start < current.size() && runs < budget) {
                List<Step> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                if (!candidate.isEmpty() && stillFails(candidate)) {
                    current = candidate;
                } else {
                    start += chunk;
                }
            }
        }
        return current;
    }

    /** Two clock moves in a row become one. */
    private List<Step> joinClockMoves(List<Step> sequence) {
        List<Step> current = sequence;
        for (int i = 0; i + 1 < current.size() && runs < budget; i++) {
            if (current.get(i) instanceof Step.Advance a && current.get(i + 1) instanceof Step.Advance b) {
                List<Step> candidate = new ArrayList<>(current.subList(0, i));
                candidate.add(new Step.Advance(a.hours() + b.hours()));
                candidate.addAll(current.subList(i + 2, current.size()));
                if (stillFails(candidate)) {
                    current = candidate;
                    i--;
                }
            }
        }
        return current;
    }

    private List<Step> simplifySteps(List<Step> sequence) {
        List<Step> current = new ArrayList<>(sequence);
        for (int i = 0; i < current.size() && runs < budget; i++) {
            boolean replaced = true;
            while (replaced && runs < budget) {
                replaced = false;
                for (Step simpler : current.get(i).simpler()) {
                    List<Step> candidate = new ArrayList<>(current);
                    candidate.set(i, simpler);
                    if (stillFails(candidate)) {
                        current = candidate;
                        replaced = true;
                        break;
                    }
                }
            }
        }
        return List.copyOf(current);
    }

    private boolean stillFails(List<Step> candidate) {
        runs++;
        return fails.test(candidate);
    }
}
