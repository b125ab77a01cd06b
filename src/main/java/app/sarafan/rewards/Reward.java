package app.sarafan.rewards;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A reward of the catalogue. {@code remainingStock} is changed only by conditional SQL updates (a redemption takes
 * one while it is above zero, a cancellation gives one back), never through this entity outside an administrator's
 * change (which holds the row FOR UPDATE), so concurrent redemptions on any number of instances cannot oversell it.
 * Updates write only the columns changed, and a redemption reads the row read-only, so a stale count is never
 * written back.
 */
@Entity
@Table(name = "reward")
@DynamicUpdate
public class Reward extends PanacheEntityBase {

    @Id
    public String code;

    public String name;
    public String description;

    @Enumerated(EnumType.STRING)
    public RewardType type;

    public BigDecimal price;

    /** JSON list of {@link RankPrice}. */
    @Column(name = "rank_prices")
    public String rankPrices;

    @Column(name = "code_pattern")
    public String codePattern;

    @Column(name = "discount_amount")
    public BigDecimal discountAmount;

    @Column(name = "available_from")
    public Instant availableFrom;

    @Column(name = "available_until")
    public Instant availableUntil;

    @Column(name = "per_member_limit")
    public Integer perMemberLimit;

    @Column(name = "total_stock")
    public Integer totalStock;

    @Column(name = "remaining_stock")
    public Integer remainingStock;

    @Enumerated(EnumType.STRING)
    public RewardStatus status;

    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Offered at {@code now}: active, and within its availability period (from inclusive, until exclusive). */
    boolean offeredAt(Instant now) {
        return status == RewardStatus.ACTIVE && (availableFrom == null || !now.isBefore(availableFrom))
                && (availableUntil == null || now.isBefore(availableUntil));
    }
}
