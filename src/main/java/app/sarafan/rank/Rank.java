package app.sarafan.rank;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tier and the lifetime figures a member must reach for it (every threshold given). */
@Entity
@Table(name = "rank")
public class Rank extends PanacheEntityBase {

    @Id
    public String code;

    public String name;
    public int position;

    @Column(name = "min_total_paid")
    public BigDecimal minTotalPaid;

    @Column(name = "min_paying_referrals")
    public Integer minPayingReferrals;

    @Column(name = "min_bonuses_earned")
    public BigDecimal minBonusesEarned;

    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
