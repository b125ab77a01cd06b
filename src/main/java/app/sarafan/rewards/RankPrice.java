package app.sarafan.rewards;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The price of a reward for members holding one rank (by its code), instead of the reward's own price. */
public record RankPrice(@NotBlank @Size(max = 32) String rankCode, @NotNull @Positive BigDecimal price) {
}
