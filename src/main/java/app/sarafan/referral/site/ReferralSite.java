package app.sarafan.referral.site;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "referral_site")
public class ReferralSite extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "member_id", nullable = false, updatable = false)
    public long memberId;

    @Column(nullable = false, updatable = false)
    public String domain;

    /** The domain without a leading {@code www.}: what attribution and uniqueness compare. */
    @Column(name = "match_domain", nullable = false, updatable = false)
    public String matchDomain;

    @Column(name = "verification_token", nullable = false, updatable = false)
    public String verificationToken;

    @Enumerated(EnumType.STRING)
    public SiteStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "verification_method")
    public VerificationMethod verificationMethod;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    @Column(name = "last_checked_at")
    public Instant lastCheckedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "failure_reason")
    public CheckFailure failureReason;

    @Column(name = "failure_detail")
    public String failureDetail;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** The member's own site; another member's site is as unknown as a site that does not exist. */
    static Optional<ReferralSite> ofMember(long memberId, String siteId) {
        try {
            return find("id = ?1 and memberId = ?2", Long.parseLong(siteId), memberId).firstResultOptional();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<ReferralSite> verifiedFor(String matchDomain) {
        return find("matchDomain = ?1 and status = ?2", matchDomain, SiteStatus.VERIFIED).firstResultOptional();
    }
}
