package app.sarafan.member;

import java.time.Instant;
import java.time.LocalDate;
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
@Table(name = "member")
public class Member extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "external_id", nullable = false, updatable = false)
    public String externalId;

    public String email;
    public String name;
    public String phone;
    public LocalDate birthday;
    public String locale;

    @Column(name = "time_zone")
    public String timeZone;

    @Enumerated(EnumType.STRING)
    public MemberStatus status;

    @Column(name = "blocked_reason")
    public String blockedReason;

    @Column(name = "profile_completed")
    public boolean profileCompleted;

    @Column(name = "newsletter_subscribed")
    public boolean newsletterSubscribed;

    /** The member's consent to SMS, and when it was given (null while not given); see {@link SmsConsent}. */
    @Column(name = "sms_opt_in")
    public boolean smsOptIn;

    @Column(name = "sms_opt_in_at")
    public Instant smsOptInAt;

    @Column(name = "registered_at")
    public Instant registeredAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static Optional<Member> byExternalId(String externalId) {
        return find("externalId", externalId).firstResultOptional();
    }
}
