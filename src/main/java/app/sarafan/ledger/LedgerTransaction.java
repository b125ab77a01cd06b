package app.sarafan.ledger;

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
import org.hibernate.annotations.Immutable;

/** One immutable journal entry; the database refuses to update or delete it. */
@Entity
@Immutable
@Table(name = "ledger_transaction")
public class LedgerTransaction extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id")
    public Long accountId;

    @Enumerated(EnumType.STRING)
    public TransactionKind kind;

    /** The change of the total balance. */
    public BigDecimal amount;

    @Column(name = "pending_change")
    public BigDecimal pendingChange;

    @Column(name = "reserved_change")
    public BigDecimal reservedChange;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_type")
    public SourceType sourceType;

    @Column(name = "source_id")
    public String sourceId;

    public String reason;
    public String actor;

    @Column(name = "related_transaction_id")
    public Long relatedTransactionId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "available_from")
    public Instant availableFrom;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "rule_version_id")
    public Long ruleVersionId;

    @Column(name = "referral_member_id")
    public Long referralMemberId;

    @Column(name = "referral_level")
    public Integer referralLevel;

    /** The change of the available part: what is neither pending nor reserved. */
    public BigDecimal availableChange() {
        return amount.subtract(pendingChange).subtract(reservedChange);
    }
}
