package app.sarafan.withdrawal;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A member's request to be paid bonuses. {@code payoutDetails} holds the encrypted details only;
 * {@code withdrawableOrigins} the origins the rule allowed at request time (comma-separated; null: all).
 */
@Entity
@Table(name = "withdrawal")
public class Withdrawal extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "member_id")
    public Long memberId;

    @Enumerated(EnumType.STRING)
    public WithdrawalStatus status;

    public BigDecimal amount;
    public BigDecimal fee;

    @Enumerated(EnumType.STRING)
    @Column(name = "payout_method")
    public PayoutMethod payoutMethod;

    @Column(name = "payout_details")
    public String payoutDetails;

    /** The id of the key that sealed payoutDetails (also inside the value), for the start-up check. */
    @Column(name = "payout_key_id")
    public String payoutKeyId;

    @Column(name = "payout_details_masked")
    public String payoutDetailsMasked;

    @Column(name = "withdrawable_origins")
    public String withdrawableOrigins;

    @Column(name = "rule_version_id")
    public Long ruleVersionId;

    @Column(name = "hold_transaction_id")
    public Long holdTransactionId;

    @Column(name = "final_transaction_id")
    public Long finalTransactionId;

    @Column(name = "reject_reason")
    public String rejectReason;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Override
    public String toString() {
        return "Withdrawal[" + id + ", " + status + ", " + amount + "]";
    }
}
