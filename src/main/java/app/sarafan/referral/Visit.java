package app.sarafan.referral;

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

@Entity
@Table(name = "visit")
public class Visit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "visitor_id")
    public String visitorId;

    @Column(name = "referrer_id")
    public Long referrerId;

    @Enumerated(EnumType.STRING)
    public BindingChannel via;

    public String source;

    @Column(name = "referer_url")
    public String refererUrl;

    @Column(name = "landing_url")
    public String landingUrl;

    @Column(name = "user_agent")
    public String userAgent;

    public String ip;

    @Column(name = "created_at")
    public Instant createdAt;
}
