package app.sarafan.rewards;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Units an administrator adds to a reward's stock (a delivery of gifts arrived). */
public record StockAddition(@NotNull @Positive @Max(1_000_000) Integer quantity) {
}
