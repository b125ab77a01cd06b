package app.sarafan.ledger.model;

import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import app.sarafan.redemption.ReservationSweep;
import app.sarafan.support.ApiTest;
import app.sarafan.support.TestRules;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seeded model test: a few hundred random sequences of credits (delayed, with lifetimes), spends, holds
 * (confirmed, cancelled, timed out), paid orders with refunds and cancellations, clock moves and job runs, each run
 * on a fresh member through the HTTP API and on {@link LedgerModel}; after every step the balance parts must equal
 * the model's and the ledger invariant must hold. A failure is shrunk and reported with its seed.
 *
 * <p>{@code -Dsarafan.model.seed=S} replays a run (default: a new seed, printed), {@code -Dsarafan.model.sequences=N}
 * and {@code -Dsarafan.model.max-steps=M} size it. docs/ledger.md, "The model test".
 */
@QuarkusTest
class LedgerModelServiceTest extends ApiTest {

    /** The cashback rule the sequences' orders earn by: 10 %, pending a day, then 5 days to live. */
    static final LedgerModel.CashbackRule CASHBACK = new LedgerModel.CashbackRule(new BigDecimal("10.00"), 1, 5);
    /** sarafan.redemptions.reservation-timeout (PT24H). */
    static final long HOLD_HOURS = 24;

    private final TestRules rules = new TestRules();

    @Inject
    ReservationSweep sweep;

    @AfterEach
    void takeRulesOutOfForce() {
        rules.deactivateAll();
    }

    @Test
    void theLedgerBehavesAsItsModelOverSeededRandomSequences() {
        rules.activate(Map.of("name", "Model cashback", "profile", "ORDER_PAID",
                "delayDays", CASHBACK.delayDays(), "lifetimeDays", CASHBACK.lifetimeDays(),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT",
                        "value", CASHBACK.percent().toPlainString()))));
        rules.activate(Map.of("name", "Model pay with bonuses", "profile", "PAY_WITH_BONUSES",
                "spending", Map.of("maxPercent", "100.00")));

        long seed = Long.getLong("sarafan.model.seed", System.nanoTime());
        int sequences = Integer.getInteger("sarafan.model.sequences", 200);
        int maxSteps = Integer.getInteger("sarafan.model.max-steps", 16);
        System.out.println("Ledger model test: seed " + seed + ", " + sequences + " sequences of up to " + maxSteps
                + " steps (replay with -Dsarafan.model.seed=" + seed + ")");
        SequenceRunner runner = new SequenceRunner(() -> new LedgerModel(CASHBACK, HOLD_HOURS), () -> {
            clock.reset();
            return new HttpLedger(sweep, invariant);
        });
        long started = System.nanoTime();
        ModelCheck.Outcome outcome = new ModelCheck(new Steps(3, maxSteps), runner, 300).check(seed, sequences);
        System.out.printf("Ledger model test: %d sequences in %.1f s%n", outcome.sequences(),
                (System.nanoTime() - started) / 1e9);
        System.out.println("Ledger model test exercised: " + runner.coverage());
        outcome.failure().ifPresent(report -> {
            System.out.println(report);
            fail(report);
        });
    }
}
