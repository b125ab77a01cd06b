package app.sarafan.promo;

import java.time.Instant;

import app.sarafan.common.validation.LanguageTag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A banner or text as the administrator writes it. {@code title} and {@code body} may hold the placeholders
 * {link}, {code} and {name}, filled in for each member; it is shown to members whose locale matches, between
 * {@code activeFrom} and {@code activeTo} (either open).
 */
public record PromoMaterialRequest(
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 5000) String body,
        @Size(max = 2000) String imageUrl,
        @NotBlank @LanguageTag @Size(max = 35) String locale,
        Instant activeFrom,
        Instant activeTo) {
}
