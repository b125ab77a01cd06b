package app.sarafan.massop;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * Lists the members of a new operation as its items, in one statement whatever their number: an explicit list is
 * resolved by externalId (one that names nobody is FAILED at once, a repeated one counts once), a filter is
 * evaluated against the members registered at this moment, in member order.
 */
@ApplicationScoped
class MemberSelection {

    private final EntityManager em;

    MemberSelection(EntityManager em) {
        this.em = em;
    }

    /** Answers how many members the operation has. */
    @Transactional(Transactional.TxType.MANDATORY)
    int listed(long operationId, List<String> externalIds) {
        String[] distinct = new LinkedHashSet<>(externalIds).toArray(String[]::new);
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO mass_operation_item (operation_id, seq, external_id, member_id, status, reason)
                    SELECT ?, u.seq, u.external_id, m.id,
                           CASE WHEN m.id IS NULL THEN 'FAILED' ELSE 'PENDING' END,
                           CASE WHEN m.id IS NULL THEN 'UNKNOWN_MEMBER' END
                    FROM unnest(?::text[]) WITH ORDINALITY AS u(external_id, seq)
                    LEFT JOIN member m ON m.external_id = u.external_id""")) {
                insert.setLong(1, operationId);
                insert.setArray(2, connection.createArrayOf("text", distinct));
                return insert.executeUpdate();
            }
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    int filtered(long operationId, MemberFilter filter) {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (filter.registeredFrom() != null) {
            conditions.add("m.registered_at >= ?");
            values.add(Timestamp.from(filter.registeredFrom()));
        }
        if (filter.registeredTo() != null) {
            conditions.add("m.registered_at < ?");
            values.add(Timestamp.from(filter.registeredTo()));
        }
        if (filter.birthdayMonth() != null) {
            conditions.add("EXTRACT(MONTH FROM m.birthday) = ?");
            values.add(filter.birthdayMonth());
        }
        if (filter.blocked() != null) {
            conditions.add("m.status = ?");
            values.add(filter.blocked() ? "BLOCKED" : "ACTIVE");
        }
        if (filter.hasReferrer() != null) {
            conditions.add((filter.hasReferrer() ? "" : "NOT ") + """
                    EXISTS (SELECT 1 FROM referral_profile p WHERE p.member_id = m.id AND p.referrer_id IS NOT NULL)""");
        }
        if (filter.minBalance() != null) {
            conditions.add("EXISTS (SELECT 1 FROM account a WHERE a.member_id = m.id AND a.available >= ?)");
            values.add(filter.minBalance());
        }
        if (filter.ranks() != null && !filter.ranks().isEmpty()) {
            conditions.add("EXISTS (SELECT 1 FROM member_rank r WHERE r.member_id = m.id AND r.rank_code = ANY (?))");
            values.add(filter.ranks());
        }
        String sql = """
                INSERT INTO mass_operation_item (operation_id, seq, external_id, member_id, status)
                SELECT ?, row_number() OVER (ORDER BY m.id), m.external_id, m.id, 'PENDING' FROM member m
                """ + (conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions));
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setLong(1, operationId);
                for (int i = 0; i < values.size(); i++) {
                    Object value = values.get(i);
                    insert.setObject(i + 2, value instanceof List<?> list
                            ? connection.createArrayOf("text", list.toArray()) : value);
                }
                return insert.executeUpdate();
            }
        });
    }
}
