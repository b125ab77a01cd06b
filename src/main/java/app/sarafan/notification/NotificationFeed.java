package app.sarafan.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.json.StoredJson;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.sql.Jdbc;
import app.sarafan.common.time.AppClock;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The member's feed in the cabinet. It is a view of the mail outbox, not a copy: every message to a member
 * ({@code notification} rows naming one, of a {@link NotificationKind}; operator alerts name none) is an entry,
 * written in the business transaction by the same fan-out, whatever became of its email. An entry shows while
 * it is younger than {@link FeedConfig#retention()} and the member has not turned its kind off on the
 * {@link Channel#FEED} channel (turning it on again shows its entries again). Title and text are written when the
 * feed is read, in the member's language from the current template, like an email at send time. The unread count
 * is counted from the rows every time, never kept: nothing can make it drift.
 */
@ApplicationScoped
public class NotificationFeed {

    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    /** The member's kinds, as an SQL list: enum names, so nothing of a request reaches the statement. */
    private static final String MEMBER_KINDS = Arrays.stream(NotificationKind.values())
            .map(k -> "'" + k.name() + "'").collect(Collectors.joining(", "));

    /** The entries of member ?1 that the feed shows at business time ?2 (the retention's start). */
    private static final String VISIBLE = """
            n.member_id = ? AND n.created_at >= ? AND n.kind IN (%s)
            AND NOT EXISTS (SELECT 1 FROM notification_opt_out o
                WHERE o.member_id = n.member_id AND o.kind = n.kind AND o.channel = 'FEED')""".formatted(MEMBER_KINDS);

    private final EntityManager em;
    private final Composer composer;
    private final StoredJson json;
    private final AppClock clock;
    private final FeedConfig config;

    NotificationFeed(EntityManager em, Composer composer, StoredJson json, AppClock clock, FeedConfig config) {
        this.em = em;
        this.composer = composer;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /** A page of the member's feed, newest first; only unread entries when {@code unreadOnly}. */
    @Transactional
    public FeedPage page(String externalId, boolean unreadOnly, Integer limit, String cursor) {
        int size = Cursor.limit(limit);
        long before = Cursor.decode(cursor);
        Reader reader = reader(externalId);
        List<Row> rows = Jdbc.list(em, "SELECT n.id, n.kind, n.payload, n.created_at, n.read_at FROM notification n"
                + " WHERE " + VISIBLE + " AND n.id < ?" + (unreadOnly ? " AND n.read_at IS NULL" : "")
                + " ORDER BY n.id DESC LIMIT ?", Row::of, reader.memberId, since(), before, size + 1);
        List<FeedEntry> items = rows.stream().limit(size).map(reader::entry).toList();
        String next = rows.size() > size ? Cursor.encode(rows.get(size - 1).id) : null;
        return new FeedPage(items, next, unread(reader.memberId));
    }

    /** Marks one entry read; an entry read before keeps its first {@code readAt}. 404 unless it is in the feed. */
    @Transactional
    public FeedEntry markRead(String externalId, String id) {
        Reader reader = reader(externalId);
        long entryId = entryId(id);
        Jdbc.update(em, "UPDATE notification n SET read_at = ? WHERE n.id = ? AND n.read_at IS NULL AND " + VISIBLE,
                clock.now(), entryId, reader.memberId, since());
        return Jdbc.first(em, "SELECT n.id, n.kind, n.payload, n.created_at, n.read_at FROM notification n"
                        + " WHERE n.id = ? AND " + VISIBLE, Row::of, entryId, reader.memberId, since())
                .map(reader::entry).orElseThrow(() -> ProblemException.notFound("Notification", id));
    }

    /**
     * Marks every entry of the feed read, and answers what is unread afterwards: entries whose business transaction
     * commits while this runs are not yet in the feed for it, stay unread, and are in the count answered.
     */
    @Transactional
    public UnreadCount markAllRead(String externalId) {
        long memberId = reader(externalId).memberId;
        Jdbc.update(em, "UPDATE notification n SET read_at = ? WHERE n.read_at IS NULL AND " + VISIBLE,
                clock.now(), memberId, since());
        return new UnreadCount(unread(memberId));
    }

    private long unread(long memberId) {
        return Jdbc.first(em, "SELECT count(*) FROM notification n WHERE n.read_at IS NULL AND " + VISIBLE,
                r -> r.getLong(1), memberId, since()).orElseThrow();
    }

    private Instant since() {
        return clock.now().minus(config.retention());
    }

    private static long entryId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("Notification", id);
        }
    }

    private Reader reader(String externalId) {
        return Jdbc.first(em, "SELECT id, email, name, locale, time_zone FROM member WHERE external_id = ?",
                r -> new Reader(r.getLong(1), new Recipient(r.getString(2), r.getString(3),
                        Locale.forLanguageTag(r.getString(4)), ZoneId.of(r.getString(5)))), externalId)
                .orElseThrow(() -> ProblemException.notFound("Member", externalId));
    }

    private record Row(long id, String kind, String payload, Instant createdAt, Instant readAt) {
        static Row of(ResultSet r) throws SQLException {
            OffsetDateTime read = r.getObject(5, OffsetDateTime.class);
            return new Row(r.getLong(1), r.getString(2), r.getString(3),
                    r.getObject(4, OffsetDateTime.class).toInstant(), read == null ? null : read.toInstant());
        }
    }

    /** The member reading, and who the entries are written for. */
    private final class Reader {

        private final long memberId;
        private final Recipient recipient;

        Reader(long memberId, Recipient recipient) {
            this.memberId = memberId;
            this.recipient = recipient;
        }

        FeedEntry entry(Row row) {
            NotificationKind kind = NotificationKind.valueOf(row.kind);
            Map<String, Object> payload = json.read(row.payload, PAYLOAD);
            Composer.Mail message = composer.compose(kind, payload, recipient);
            return new FeedEntry(String.valueOf(row.id), kind, row.createdAt, row.readAt, message.subject(),
                    message.body().strip(), FeedData.of(kind, payload));
        }
    }
}
