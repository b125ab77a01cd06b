package app.sarafan.ledger.model;

import java.util.List;
import java.util.Optional;

/**
 * The property: for every seeded sequence, the subject answers what the model does. Sequence {@code i} of a run
 * with seed {@code S} is drawn with seed {@code S + i}, so a failing sequence is replayed alone with
 * {@code -Dsarafan.model.seed=<S + i> -Dsarafan.model.sequences=1}. A failure is shrunk before it is reported, and
 * the report names the seed, the shrunk sequence and what differed.
 */
public final class ModelCheck {

    /** What one run found: empty when every sequence agreed with the model. */
    public record Outcome(long seed, int sequences, Optional<String> failure) {
    }

    private final Steps steps;
    private final SequenceRunner runner;
    private final int shrinkBudget;

    public ModelCheck(Steps steps, SequenceRunner runner, int shrinkBudget) {
        this.steps = steps;
        this.runner = runner;
        this.shrinkBudget = shrinkBudget;
    }

    public Outcome check(long seed, int sequences) {
        for (int i = 0; i < sequences; i++) {
            long sequenceSeed = seed + i;
            List<Step> sequence = steps.sequence(sequenceSeed);
            Optional<SequenceRunner.Divergence> divergence = runner.run(sequence);
            if (divergence.isPresent()) {
                return new Outcome(seed, i + 1, Optional.of(report(seed, i, sequenceSeed, sequence, divergence.get())));
            }
        }
        return new Outcome(seed, sequences, Optional.empty());
    }

    private String report(long seed, int index, long sequenceSeed, List<Step> sequence,
            SequenceRunner.Divergence original) {
        Shrinker shrinker = new Shrinker(candidate -> runner.run(candidate).isPresent(), shrinkBudget);
        List<Step> shrunk = shrinker.shrink(sequence);
        SequenceRunner.Divergence divergence = runner.run(shrunk).orElse(original);
        return "The ledger differs from its model. Seed " + seed + ", sequence " + (index + 1) + " (its own seed "
                + sequenceSeed + "; replay it alone with -Dsarafan.model.seed=" + sequenceSeed
                + " -Dsarafan.model.sequences=1).\n"
                + "Shrunk from " + sequence.size() + " to " + shrunk.size() + " steps in " + shrinker.runs()
                + " runs: " + shrunk + "\n" + divergence + "\n"
                + "The sequence as generated failed at step " + (original.step() + 1) + ": " + original.difference();
    }
}
