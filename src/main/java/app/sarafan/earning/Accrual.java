package app.sarafan.earning;

import java.time.Instant;

import app.sarafan.rule.RuleProfile;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** A credit produced by a rule, with everything limits and reversals look up (append-only). */
@Entity
@Immutable
@Table(name = "accrual")
public class Accrual extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "transaction_id")
    public long transactionId;

    @Column(name = "member_id")
    public long memberId;

    @Column(name = "rule_id")
    public long ruleId;

    @Column(name = "rule_version_id")
    public long ruleVersionId;

    @Enumerated(EnumType.STRING)
    public RuleProfile profile;

    @Enumerated(EnumType.STRING)
    public Role role;

    public Integer level;

    @Column(name = "subject_id")
    public long subjectId;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "order_id")
    public String orderId;

    @Column(name = "grant_key")
    public String grantKey;

    @Column(name = "created_at")
    public Instant createdAt;
}
