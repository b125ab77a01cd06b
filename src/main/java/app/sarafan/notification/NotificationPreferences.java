package app.sarafan.notification;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Members turn kinds of message off and on, per channel ({@link Channel}): an opt-out is a row of
 * {@code notification_opt_out} for the kind and channel. An opted-out email is kept in the outbox as SKIPPED, not
 * sent (MailDelivery); an opted-out kind leaves the member's feed ({@link NotificationFeed}); the SMS sender reads the
 * SMS rows the same way.
 */
@ApplicationScoped
public class NotificationPreferences {

    private final EntityManager em;
    private final AppClock clock;

    NotificationPreferences(EntityManager em, AppClock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public Preferences of(String externalId) {
        return read(memberId(externalId));
    }

    /** Changes the channels named, kind by kind; the kinds and channels not named stay as they were. */
    @Transactional
    public Preferences update(String externalId, Preferences changes) {
        long memberId = memberId(externalId);
        for (int i = 0; i < changes.preferences().size(); i++) {
            Preference p = changes.preferences().get(i);
            channels(p, "preferences[" + i + "]").forEach((channel, on) -> set(memberId, p.kind(), channel, on));
        }
        return read(memberId);
    }

    /** The channels a change names, with {@code enabled} read as the email channel. */
    private static Map<Channel, Boolean> channels(Preference p, String field) {
        PreferenceChannels channels = p.channels();
        if (p.enabled() == null && channels == null) {
            throw ProblemException.invalid(field, "names no channel: give enabled (email) or channels");
        }
        if (channels != null && channels.namesNone()) {
            throw ProblemException.invalid(field + ".channels", "names no channel: give email, feed or sms");
        }
        if (p.enabled() != null && channels != null && channels.email() != null
                && !p.enabled().equals(channels.email())) {
            throw ProblemException.invalid(field + ".channels.email",
                    "contradicts enabled, which is the email channel too; give one of them");
        }
        Map<Channel, Boolean> named = new EnumMap<>(Channel.class);
        if (p.enabled() != null) {
            named.put(Channel.EMAIL, p.enabled());
        }
        if (channels != null) {
            if (channels.email() != null) {
                named.put(Channel.EMAIL, channels.email());
            }
            if (channels.feed() != null) {
                named.put(Channel.FEED, channels.feed());
            }
            if (channels.sms() != null) {
                named.put(Channel.SMS, channels.sms());
            }
        }
        return named;
    }

    private void set(long memberId, NotificationKind kind, Channel channel, boolean on) {
        if (on) {
            em.createNativeQuery("""
                    DELETE FROM notification_opt_out WHERE member_id = ?1 AND kind = ?2 AND channel = ?3""")
                    .setParameter(1, memberId).setParameter(2, kind.name()).setParameter(3, channel.name())
                    .executeUpdate();
        } else {
            em.createNativeQuery("""
                    INSERT INTO notification_opt_out (member_id, kind, channel, created_at)
                    VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT DO NOTHING""")
                    .setParameter(1, memberId).setParameter(2, kind.name()).setParameter(3, channel.name())
                    .setParameter(4, Timestamp.from(clock.now())).executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    private Preferences read(long memberId) {
        Set<String> off = new HashSet<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery(
                "SELECT kind, channel FROM notification_opt_out WHERE member_id = ?1")
                .setParameter(1, memberId).getResultList()) {
            off.add(row[0] + " " + row[1]);
        }
        List<Preference> all = Arrays.stream(NotificationKind.values()).map(k -> {
            boolean email = !off.contains(k.name() + " " + Channel.EMAIL);
            return new Preference(k, email, new PreferenceChannels(email,
                    !off.contains(k.name() + " " + Channel.FEED), !off.contains(k.name() + " " + Channel.SMS)));
        }).toList();
        return new Preferences(all);
    }

    private long memberId(String externalId) {
        List<?> ids = em.createNativeQuery("SELECT id FROM member WHERE external_id = ?1")
                .setParameter(1, externalId).getResultList();
        if (ids.isEmpty()) {
            throw ProblemException.notFound("Member", externalId);
        }
        return ((Number) ids.get(0)).longValue();
    }
}
