package app.sarafan.earning;

import java.util.ArrayList;
import java.util.List;

/** What one shop event did to the accounts: credits, reversals, and rewards the rules called for but withheld. */
public record EarningOutcome(List<Accrued> accrued, List<Reversed> reversed, List<Skipped> skipped) {

    public static EarningOutcome empty() {
        return new EarningOutcome(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    public EarningOutcome add(EarningOutcome other) {
        accrued.addAll(other.accrued);
        reversed.addAll(other.reversed);
        skipped.addAll(other.skipped);
        return this;
    }

    /** The same outcome as a dry run shows it: nothing was written, so there are no transaction ids. */
    public EarningOutcome withoutTransactions() {
        return new EarningOutcome(accrued.stream().map(Accrued::withoutTransaction).toList(),
                reversed.stream().map(Reversed::withoutTransaction).toList(), skipped);
    }
}
