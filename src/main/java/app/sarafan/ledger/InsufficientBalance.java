package app.sarafan.ledger;

import java.math.BigDecimal;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.money.Money;

/** Refusal to spend more than is available: says how much is, so the caller can offer that instead. */
public final class InsufficientBalance extends ProblemException {

    InsufficientBalance(BigDecimal requested, BigDecimal available) {
        super(Problem.of(ProblemType.INSUFFICIENT_BALANCE,
                        "Requested " + Money.format(requested) + " but only " + Money.format(available.max(Money.ZERO))
                                + " is available")
                .with("requested", Money.format(requested))
                .with("available", Money.format(available.max(Money.ZERO))));
    }
}
