package app.sarafan.ledger;

import java.math.BigDecimal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * How much a transaction took from a lot (negative) or gave back to it (positive). Immutable. It carries the account,
 * so the database can hold the lot and the transaction to the same one (composite foreign keys, V18).
 */
@Entity
@Immutable
@Table(name = "lot_movement")
public class LotMovement extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lot_id")
    public Long lotId;

    @Column(name = "transaction_id")
    public Long transactionId;

    @Column(name = "account_id")
    public Long accountId;

    public BigDecimal amount;

    static void record(Lot lot, LedgerTransaction transaction, BigDecimal amount) {
        LotMovement movement = new LotMovement();
        movement.lotId = lot.id;
        movement.transactionId = transaction.id;
        movement.accountId = lot.accountId;
        movement.amount = amount;
        movement.persist();
        lot.remaining = lot.remaining.add(amount);
    }
}
