package app.sarafan.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import app.sarafan.common.validation.LanguageTag;
import app.sarafan.common.validation.TimeZoneName;
import app.sarafan.member.Attribution;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A shop event's body. Its id is the {@code webhook-id} header it is signed with. Which parts are required depends
 * on the type: orders for ORDER_*, a review for REVIEW_PUBLISHED, a bonus for EXTERNAL_BONUS, and for
 * MEMBER_REGISTERED the new member's details when Sarafan does not know the member yet.
 */
public record ShopEventRequest(
        @NotNull ShopEventType type,
        Instant occurredAt,
        @NotBlank @Size(max = 128) String memberId,
        @Valid NewMember member,
        @Valid Attribution attribution,
        @Valid Order order,
        @Valid Refund refund,
        @Valid Review review,
        @Valid ExternalBonus bonus) {

    public record NewMember(
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 200) String name,
            @Size(max = 20) String phone,
            @Past LocalDate birthday,
            @LanguageTag @Size(max = 35) String locale,
            @TimeZoneName @Size(max = 64) String timeZone) {
    }

    /** An order: total before bonuses (the sum of the lines when omitted), bonuses applied to it, lines. */
    public record Order(
            @NotBlank @Size(max = 128) String id,
            @PositiveOrZero BigDecimal total,
            @PositiveOrZero BigDecimal bonusesApplied,
            @Size(max = 40) String couponCode,
            @Size(max = 500) List<@Valid @NotNull Line> lines) {
    }

    public record Line(
            @NotBlank @Size(max = 100) String sku,
            @Size(max = 100) String category,
            @NotNull @PositiveOrZero BigDecimal price,
            @NotNull @Min(1) @Max(1_000_000) Integer quantity,
            @Size(max = 128) String rightsHolder) {
    }

    /** A refund: by amount (of the money paid), by lines (SKU and quantity), or — neither given — in full. */
    public record Refund(
            @Positive BigDecimal amount,
            @Size(max = 500) List<@Valid @NotNull RefundLine> lines) {
    }

    public record RefundLine(@NotBlank @Size(max = 100) String sku, @NotNull @Min(1) @Max(1_000_000) Integer quantity) {
    }

    public record Review(@NotBlank @Size(max = 128) String id, @Size(max = 100) String sku) {
    }

    public record ExternalBonus(@NotNull @Positive BigDecimal amount, @Size(max = 300) String reason,
            @Size(max = 100) String source) {
    }
}
