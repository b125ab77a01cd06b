package app.sarafan.referral;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/** A member's place in the referral program: their code and, once bound, their referrer. */
@Entity
@Table(name = "referral_profile")
public class ReferralProfile extends PanacheEntityBase {

    private static final String REASON_SEPARATOR = "; ";

    @Id
    @Column(name = "member_id")
    public Long memberId;

    public String code;

    @Column(name = "referrer_id")
    public Long referrerId;

    @Column(name = "bound_at")
    public Instant boundAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "bound_via")
    public BindingChannel boundVia;

    @Column(name = "bound_source")
    public String boundSource;

    @Enumerated(EnumType.STRING)
    @Column(name = "review_status")
    public ReviewStatus reviewStatus;

    @Column(name = "review_reasons")
    public String reviewReasons;

    @Column(name = "registration_ip")
    public String registrationIp;

    @Column(name = "registration_device")
    public String registrationDevice;

    @Column(name = "registration_visitor")
    public String registrationVisitor;

    @Column(name = "first_paid_at")
    public Instant firstPaidAt;

    /** The reasons a binding was flagged for review, stored as one text. */
    List<String> reasons() {
        return reviewReasons == null ? List.of() : List.of(reviewReasons.split(REASON_SEPARATOR));
    }

    void flag(List<String> reasons) {
        reviewStatus = reasons.isEmpty() ? ReviewStatus.NONE : ReviewStatus.FLAGGED;
        reviewReasons = reasons.isEmpty() ? null : String.join(REASON_SEPARATOR, reasons);
    }

    static Optional<ReferralProfile> byCode(String code) {
        return find("code", ReferralCodes.normalize(code)).firstResultOptional();
    }

    static ReferralProfile lock(long memberId) {
        return findById(memberId, LockModeType.PESSIMISTIC_WRITE);
    }
}
