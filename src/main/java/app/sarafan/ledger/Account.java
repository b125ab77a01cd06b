package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/** The parts of one member's balance, as sums of their transactions kept current by {@link Journal}. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    @Column(name = "member_id")
    public Long memberId;

    public BigDecimal available;
    public BigDecimal pending;
    public BigDecimal reserved;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Every change of a balance starts here: the row lock serializes writers of one account. */
    static Account lock(long memberId) {
        Account account = findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw new IllegalStateException("Member " + memberId + " has no account");
        }
        return account;
    }
}
