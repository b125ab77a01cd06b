package app.sarafan.redemption;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import app.sarafan.common.sql.Jdbc;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Bonuses reserved for one order, then spent on it or released; {@code lines} and {@code spentLots} are JSON. */
@Entity
@Table(name = "redemption")
public class Redemption extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "member_id")
    public Long memberId;

    @Column(name = "order_id")
    public String orderId;

    @Enumerated(EnumType.STRING)
    public RedemptionStatus status;

    @Column(name = "order_total")
    public BigDecimal orderTotal;

    public BigDecimal amount;
    public BigDecimal captured;
    public BigDecimal returned;
    public String lines;

    @Column(name = "spent_lots")
    public String spentLots;

    @Column(name = "rule_version_id")
    public Long ruleVersionId;

    @Column(name = "hold_transaction_id")
    public Long holdTransactionId;

    @Column(name = "capture_transaction_id")
    public Long captureTransactionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "release_reason")
    public ReleaseReason releaseReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The order's reservation or redemption that is not released, locked for the caller's transaction. */
    static Optional<Redemption> liveForUpdate(String orderId) {
        // Most paid orders have none: a locking index probe tells, and the entity is read only when there is one
        // (after the lock, so as it stands). An entity query with a lock cost the event path several times more.
        return Jdbc.first(getEntityManager(),
                        "SELECT id FROM redemption WHERE order_id = ? AND status <> 'RELEASED' FOR UPDATE",
                        row -> row.getLong(1), orderId)
                .map(id -> findById(id));
    }
}
