package app.sarafan.earning;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import app.sarafan.common.sql.Jdbc;
import app.sarafan.common.sql.SqlArrays;
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
                insert.setArray(++i, column(connection, "bigint", accruals, a -> a.transactionId));
                insert.setArray(++i, column(connection, "bigint", accruals, a -> a.memberId));
                insert.setArray(++i, column(connection, "bigint", accruals, a -> a.ruleId));
                insert.setArray(++i, column(connection, "bigint", accruals, a -> a.ruleVersionId));
                insert.setArray(++i, column(connection, "text", accruals, a -> a.profile.name()));
                insert.setArray(++i, column(connection, "text", accruals, a -> a.role.name()));
                insert.setArray(++i, column(connection, "int4", accruals, a -> a.level));
                insert.setArray(++i, column(connection, "bigint", accruals, a -> a.subjectId));
                insert.setArray(++i, column(connection, "text", accruals, a -> a.eventId));
                insert.setArray(++i, column(connection, "text", accruals, a -> a.orderId));
                insert.setArray(++i, column(connection, "text", accruals, a -> a.grantKey));
                insert.setArray(++i, column(connection, "timestamptz", accruals, a -> a.createdAt.toString()));
                insert.executeUpdate();
            }
        });
    }

    private static Array column(Connection connection, String type, List<Accrual> accruals,
            Function<Accrual, Object> value) throws SQLException {
        return connection.createArrayOf(type, accruals.stream().map(value).toArray());
    }

    /** Which of these grant keys were granted before. */
    static Set<String> granted(Collection<String> grantKeys) {
        if (grantKeys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(Jdbc.list(getEntityManager(),
                "SELECT grant_key FROM accrual WHERE grant_key = ANY (CAST(? AS TEXT[]))", row -> row.getString(1),
                SqlArrays.texts(grantKeys)));
    }
}
