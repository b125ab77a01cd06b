package app.sarafan.sms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.common.sql.SqlArrays;
import app.sarafan.common.time.SqlInstants;
import app.sarafan.member.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** A member's SMS, newest first, with their parts' receipts. */
@ApplicationScoped
class SmsLog {

    private final EntityManager em;
    private final MemberService members;

    SmsLog(EntityManager em, MemberService members) {
        this.em = em;
        this.members = members;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    Page<SmsView> of(String externalId, Integer limit, String cursor) {
        long memberId = members.idOf(externalId);
        int size = Cursor.limit(limit);
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, kind, status, skip_reason, phone, text, attempts, last_error, next_attempt_at, sent_at,
                    finished_at, created_at
                FROM sms_message WHERE member_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3""")
                .setParameter(1, memberId).setParameter(2, Cursor.decode(cursor)).setParameter(3, size + 1)
                .getResultList();
        List<Object[]> shown = rows.stream().limit(size).toList();
        Map<Long, List<SmsView.Part>> parts = parts(shown.stream().map(r -> ((Number) r[0]).longValue()).toList());
        List<SmsView> items = shown.stream().map(r -> {
            long id = ((Number) r[0]).longValue();
            return new SmsView(String.valueOf(id), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], ((Number) r[6]).intValue(), (String) r[7],
                    "PENDING".equals(r[2]) ? SqlInstants.of(r[8]) : null, SqlInstants.of(r[9]),
                    SqlInstants.of(r[10]), SqlInstants.of(r[11]), parts.getOrDefault(id, List.of()));
        }).toList();
        return new Page<>(items, rows.size() > size ? Cursor.encode(Long.parseLong(items.get(size - 1).id())) : null);
    }

    @SuppressWarnings("unchecked")
    private Map<Long, List<SmsView.Part>> parts(List<Long> ids) {
        Map<Long, List<SmsView.Part>> parts = new HashMap<>();
        if (ids.isEmpty()) {
            return parts;
        }
        List<Object[]> rows = em.createNativeQuery("""
                SELECT sms_id, seq, message_id, receipt_state, receipt_error, receipt_at FROM sms_part
                WHERE sms_id = ANY (CAST(?1 AS BIGINT[])) ORDER BY sms_id, seq""")
                .setParameter(1, SqlArrays.bigints(ids)).getResultList();
        for (Object[] r : rows) {
            parts.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add(new SmsView.Part(
                    ((Number) r[1]).intValue(), (String) r[2], (String) r[3], (String) r[4], SqlInstants.of(r[5])));
        }
        return parts;
    }
}
