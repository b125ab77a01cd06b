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

/**
 * One member's redemption of a reward: what they paid and got, as of then. The id is taken from the sequence before
 * the row is written, so that the ledger transaction and the code can name it in the same database transaction.
 */
@Entity
@Table(name = "reward_redemption")
public class RewardRedemption extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "member_id")
    public long memberId;

    @Column(name = "reward_code")
    public String rewardCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "reward_type")
    public RewardType rewardType;

    @Column(name = "reward_name")
    public String rewardName;

    public BigDecimal price;

    @Enumerated(EnumType.STRING)
    public RewardRedemptionStatus status;

    public String code;

    @Column(name = "discount_amount")
    public BigDecimal discountAmount;

    @Column(name = "transaction_id")
    public long transactionId;

    /** JSON list of {@code SpentLot}: what the spend took from each lot, to give it back as it was. */
    @Column(name = "spent_lots")
    public String spentLots;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
