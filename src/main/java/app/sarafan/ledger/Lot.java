package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What one accrual left to spend, with its own expiry. {@code remaining} caches amount + its movements. */
@Entity
@Table(name = "lot")
public class Lot extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id")
    public Long accountId;

    @Column(name = "transaction_id")
    public Long transactionId;

    public BigDecimal amount;
    public BigDecimal remaining;

    @Enumerated(EnumType.STRING)
    public LotState state;

    @Column(name = "available_from")
    public Instant availableFrom;

    @Column(name = "expires_at")
    public Instant expiresAt;

    OpenLot open() {
        return new OpenLot(id, accountId, transactionId, remaining, state, availableFrom, expiresAt);
    }

    /**
     * An account's active lots in the order spending takes them: soonest expiry first, lots without expiry last,
     * then the oldest first.
     */
    static List<Lot> inSpendOrder(long accountId) {
        return find("accountId = ?1 and state = ?2 order by expiresAt asc nulls last, availableFrom, id", accountId,
                LotState.ACTIVE).list();
    }
}
