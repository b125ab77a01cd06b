package app.sarafan.ledger.model;

import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;

/**
 * The generator of step sequences, built from jqwik's arbitraries and drawn with a seeded {@link Random}, so a
 * seed gives the same sequence on every run (jqwik's own engine does not run inside a @QuarkusTest).
 */
public final class Steps {

    private static final int GEN_SIZE = 1000;

    private final Arbitrary<List<Step>> sequences;

    /** Sequences of {@code minSteps} to {@code maxSteps} steps. */
    public Steps(int minSteps, int maxSteps) {
        // Lengths uniform over the range (a plain list arbitrary favours short lists), and a first step that brings
        // money, so that fewer steps are spent on an empty account.
        Arbitrary<Step> steps = step();
        this.sequences = Arbitraries.integers().between(minSteps, maxSteps)
                .withDistribution(RandomDistribution.uniform()).flatMap(size -> Combinators.combine(
                funding(), steps.list().ofSize(size - 1)).as((first, rest) -> {
                    List<Step> sequence = new java.util.ArrayList<>(List.of(first));
                    sequence.addAll(rest);
                    return sequence;
                }));
    }

    /** The sequence the seed stands for. */
    public List<Step> sequence(long seed) {
        // Arbitraries need a jqwik session outside jqwik's own engine.
        JqwikSession.start();
        try {
            return sequences.generator(GEN_SIZE).next(new Random(seed)).value();
        } finally {
            JqwikSession.finish();
        }
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Step> funding() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(1_000, 50_000).map(cents -> new Step.Credit(cents, 0, 0))),
                Tuple.of(1, Arbitraries.integers().between(10_000, 300_000).map(Step.OrderPaid::new)));
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Step> step() {
        Arbitrary<Integer> cents = Arbitraries.integers().between(1, 50_000);
        Arbitrary<Integer> delay = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.integers().between(1, 5)));
        Arbitrary<Integer> lifetime = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.integers().between(1, 20)));
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 5);
        Arbitrary<Integer> percent = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(100)),
                Tuple.of(2, Arbitraries.integers().between(1, 99)));
        // mostly a part of what is available, sometimes all of it, sometimes more (refused)
        Arbitrary<Integer> share = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(1, 999)),
                Tuple.of(2, Arbitraries.just(1000)), Tuple.of(1, Arbitraries.integers().between(1001, 1500)));
        Arbitrary<Integer> hours = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.integers().between(1, 72)),
                Tuple.of(1, Arbitraries.integers().between(1, 12).map(days -> days * 24)));
        return Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(cents, delay, lifetime).as(Step.Credit::new)),
                Tuple.of(3, share.map(Step.Spend::new)),
                Tuple.of(3, share.map(Step.Hold::new)),
                Tuple.of(2, Combinators.combine(pick, percent).as(Step.Confirm::new)),
                Tuple.of(1, pick.map(Step.CancelHold::new)),
                Tuple.of(1, Arbitraries.just(new Step.Sweep())),
                Tuple.of(3, Arbitraries.integers().between(1_000, 300_000).map(Step.OrderPaid::new)),
                Tuple.of(3, Combinators.combine(pick, percent).as(Step.Refund::new)),
                Tuple.of(2, pick.map(Step.CancelOrder::new)),
                Tuple.of(6, hours.map(Step.Advance::new)),
                Tuple.of(2, Arbitraries.of("activation", "expiry").map(Step.Job::new)));
    }
}
