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
}
