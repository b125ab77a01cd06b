package app.sarafan.notification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.sarafan.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The saved versions of the templates (table {@code notification_template_version}, V28): immutable rows, the
 * highest version of a template its current state. Every message reads it afresh (one lookup on the unique index),
 * so a save on any instance applies to the next message everywhere, with nothing to invalidate.
 */
@ApplicationScoped
class TemplateVersions {

    /** A saved state: its own text, or ({@code isDefault}) a reset to the shipped one. */
    record Saved(long id, int version, boolean isDefault, TemplateText text, Instant createdAt, String createdBy) {
    }

    private final EntityManager em;

    TemplateVersions(EntityManager em) {
        this.em = em;
    }

    /** The newest saved version, none when the template was never edited (the shipped default, version 0). */
    @Transactional
    Optional<Saved> current(TemplateKey key) {
        return Jdbc.first(em, """
                SELECT id, version, is_default, subject, text_body, html_body, created_at, created_by
                FROM notification_template_version WHERE channel = ? AND kind = ? AND locale = ?
                ORDER BY version DESC LIMIT 1""",
                TemplateVersions::saved, key.channel().name(), key.kind(), key.locale());
    }

    private static Saved saved(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Saved(row.getLong(1), row.getInt(2), row.getBoolean(3),
                row.getBoolean(3) ? null : new TemplateText(row.getString(4), row.getString(5), row.getString(6)),
                row.getObject(7, OffsetDateTime.class).toInstant(), row.getString(8));
    }

    /** Up to {@code limit} saved versions below {@code below}, newest first. */
    @Transactional
    List<Saved> history(TemplateKey key, long below, int limit) {
        return Jdbc.list(em, """
                SELECT id, version, is_default, subject, text_body, html_body, created_at, created_by
                FROM notification_template_version WHERE channel = ? AND kind = ? AND locale = ? AND version < ?
                ORDER BY version DESC LIMIT ?""",
                TemplateVersions::saved, key.channel().name(), key.kind(), key.locale(),
                (int) Math.min(below, Integer.MAX_VALUE), limit);
    }

    /** The current version of every template that has one. */
    @Transactional
    Map<TemplateKey, Saved> currentOfAll() {
        Map<TemplateKey, Saved> current = new HashMap<>();
        Jdbc.list(em, """
                SELECT DISTINCT ON (channel, kind, locale) channel, kind, locale, id, version, is_default,
                    created_at, created_by
                FROM notification_template_version ORDER BY channel, kind, locale, version DESC""",
                row -> current.put(new TemplateKey(Channel.valueOf(row.getString(1)), row.getString(2),
                        row.getString(3)), new Saved(row.getLong(4), row.getInt(5), row.getBoolean(6), null,
                        row.getObject(7, OffsetDateTime.class).toInstant(), row.getString(8))));
        return current;
    }

    /**
     * Writes {@code version} ({@code text} null: a reset); answers false when that version exists already, written
     * by somebody who saved on the same version first (the insert waits for their commit, then yields).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean write(TemplateKey key, int version, TemplateText text, Instant at, String by) {
        return Jdbc.update(em, """
                INSERT INTO notification_template_version
                    (channel, kind, locale, version, is_default, subject, text_body, html_body, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (channel, kind, locale, version) DO NOTHING""",
                key.channel().name(), key.kind(), key.locale(), version, text == null,
                text == null ? null : text.subject(), text == null ? null : text.text(),
                text == null ? null : text.html(), at, by) == 1;
    }
}
