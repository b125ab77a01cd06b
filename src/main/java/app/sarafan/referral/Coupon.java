package app.sarafan.referral;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "coupon")
public class Coupon extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "member_id")
    public Long memberId;

    public String code;

    @Column(name = "discount_text")
    public String discountText;

    public boolean active;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "deactivated_at")
    public Instant deactivatedAt;

    static Optional<Coupon> byCode(String code) {
        return find("code", ReferralCodes.normalize(code)).firstResultOptional();
    }
}
