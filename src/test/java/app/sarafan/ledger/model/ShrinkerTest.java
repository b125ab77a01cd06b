package app.sarafan.ledger.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The model test's machinery on pure models, no service: a model with a deliberately injected bug plays the
 * subject, and the check must find it, print its seed and shrink it to a short sequence.
 */
class ShrinkerTest {

    private static final LedgerModel.CashbackRule CASHBACK = new LedgerModel.CashbackRule(new BigDecimal("10.00"), 2,
            10);

    /** Spends the lots that expire latest first: the documented order turned round. */
    private static final class LatestFirst extends LedgerModel {
        LatestFirst() {
            super(CASHBACK, 24);
        }

        @Override
        protected Comparator<Lot> spendingOrder() {
            return super.spendingOrder().reversed();
        }
    }

    private static ModelCheck check(java.util.function.Supplier<LedgerModel> subjects) {
        return new ModelCheck(new Steps(5, 40), new SequenceRunner(() -> new LedgerModel(CASHBACK, 24), subjects),
                2_000);
    }

    @Test
    void sequenceLengthsSpreadOverTheWholeRange() {
        Steps steps = new Steps(3, 18);
        double mean = java.util.stream.LongStream.range(0, 400).mapToInt(seed -> steps.sequence(seed).size())
                .average().orElseThrow();
        assertTrue(mean > 9 && mean < 16, "mean length " + mean);
    }

    @Test
    void theModelAgreesWithItselfOverManySequences() {
        ModelCheck.Outcome outcome = check(() -> new LedgerModel(CASHBACK, 24)).check(20261207L, 2_000);
        assertEquals(java.util.Optional.empty(), outcome.failure());
    }

    @Test
    void anInjectedBugIsFoundAndShrunkToAShortSequenceThatNamesItsSeed() {
        ModelCheck.Outcome outcome = check(LatestFirst::new).check(42L, 500);
        String report = outcome.failure().orElseThrow(() -> new AssertionError("the injected bug went unnoticed"));
        System.out.println(report);
        assertTrue(report.contains("Seed 42, sequence " + outcome.sequences()), report);
        long sequenceSeed = 42L + outcome.sequences() - 1;
        assertTrue(report.contains("-Dsarafan.model.seed=" + sequenceSeed + " -Dsarafan.model.sequences=1"), report);
        // two lots of different expiry, a spend, and time passing the first expiry is the least that shows it
        String shrunk = report.lines().filter(l -> l.startsWith("Shrunk from")).findFirst().orElseThrow();
        int steps = Integer.parseInt(shrunk.replaceAll("Shrunk from \\d+ to (\\d+) steps.*", "$1"));
        assertTrue(steps <= 5, "shrunk to " + steps + " steps: " + report);

        // the seed replays the same failure alone
        ModelCheck.Outcome replay = check(LatestFirst::new).check(sequenceSeed, 1);
        assertTrue(replay.failure().isPresent(), "replaying seed " + sequenceSeed);
    }

    @Test
    void shrinkingKeepsOnlyTheStepsThatMatter() {
        // fails when the sequence holds a credit of at least 10.00 followed (anywhere later) by a spend
        Shrinker shrinker = new Shrinker(steps -> {
            boolean credited = false;
            for (Step step : steps) {
                if (step instanceof Step.Credit c && c.cents() >= 1_000) {
                    credited = true;
                }
                if (credited && step instanceof Step.Spend) {
                    return true;
                }
            }
            return false;
        }, 1_000);
        List<Step> shrunk = shrinker.shrink(List.of(new Step.Advance(30), new Step.Credit(45_000, 3, 12),
                new Step.Hold(700), new Step.OrderPaid(20_000), new Step.Spend(400), new Step.Sweep(),
                new Step.Spend(5)));
        assertEquals(2, shrunk.size(), shrunk.toString());
        Step.Credit credit = (Step.Credit) shrunk.get(0);
        assertEquals(List.of(0, 0), List.of(credit.delayDays(), credit.lifetimeDays()), "terms dropped: " + shrunk);
        assertTrue(credit.cents() < 2_000, "amount shrunk towards 10.00: " + shrunk);
        assertEquals(new Step.Spend(1000), shrunk.get(1));
    }
}
