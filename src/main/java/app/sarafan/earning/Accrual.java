package app.sarafan.earning;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
import org.hibernate.Session;
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

    private static final String INSERT_ALL = """
            INSERT INTO accrual (transaction_id, member_id, rule_id, rule_version_id, profile, role, level, subject_id,
                                 event_id, order_id, grant_key, created_at)
            SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::int[],
                                 ?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])""";

    /** Records several accruals in one statement (nothing of them stays in the persistence context). */
    static void recordAll(List<Accrual> accruals) {
        if (accruals.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
                int i = 0;
                insert.setArray(++i, connection.createArrayOf("bigint", accruals.stream().map(a -> a.transactionId).toArray()));
                insert.setArray(++i, connection.createArrayOf("bigint", accruals.stream().map(a -> a.memberId).toArray()));
                insert.setArray(++i, connection.createArrayOf("bigint", accruals.stream().map(a -> a.ruleId).toArray()));
                insert.setArray(++i, connection.createArrayOf("bigint",
                        accruals.stream().map(a -> a.ruleVersionId).toArray()));
                insert.setArray(++i, connection.createArrayOf("text", accruals.stream().map(a -> a.profile.name()).toArray()));
                insert.setArray(++i, connection.createArrayOf("text", accruals.stream().map(a -> a.role.name()).toArray()));
                insert.setArray(++i, connection.createArrayOf("int4", accruals.stream().map(a -> a.level).toArray()));
                insert.setArray(++i, connection.createArrayOf("bigint", accruals.stream().map(a -> a.subjectId).toArray()));
                insert.setArray(++i, connection.createArrayOf("text", accruals.stream().map(a -> a.eventId).toArray()));
                insert.setArray(++i, connection.createArrayOf("text", accruals.stream().map(a -> a.orderId).toArray()));
                insert.setArray(++i, connection.createArrayOf("text", accruals.stream().map(a -> a.grantKey).toArray()));
                insert.setArray(++i, connection.createArrayOf("timestamptz",
                        accruals.stream().map(a -> a.createdAt.toString()).toArray()));
                insert.executeUpdate();
            }
        });
    }

    /** Which of these grant keys were granted before. */
    static Set<String> granted(Collection<String> grantKeys) {
        if (grantKeys.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> found = getEntityManager()
                .createNativeQuery("SELECT grant_key FROM accrual WHERE grant_key = ANY (CAST(?1 AS TEXT[]))")
                .setParameter(1, app.sarafan.common.sql.SqlArrays.texts(grantKeys)).getResultList();
        return new HashSet<>(found);
    }
}
