package app.sarafan.notification;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import app.sarafan.common.json.StoredJson;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Emails for whoever runs Sarafan (sarafan.notifications.operator-email): written to the mail outbox in the
 * caller's transaction, so an alert is never lost when the business change commits, never sent when it rolls back,
 * never waits for SMTP, and is retried like any mail. Nothing is written when no operator address is configured.
 * Features call this; the notification package imports none of them.
 */
@ApplicationScoped
public class OperatorAlerts {

    private static final Logger LOG = Logger.getLogger(OperatorAlerts.class);
    /** One plain address (no display name, no list): what the SMTP envelope takes as is. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+\\.[^@\\s<>,;\"]+");

    private final EntityManager em;
    private final StoredJson json;
    private final NotificationConfig config;

    OperatorAlerts(EntityManager em, StoredJson json, NotificationConfig config) {
        this.em = em;
        this.json = json;
        this.config = config;
    }

    /** A wrong address or language stops the start instead of losing every alert later. */
    void checkAtStart(@Observes StartupEvent start) {
        config.operatorEmail().ifPresent(address -> {
            if (!isAddress(address)) {
                throw new IllegalStateException("sarafan.notifications.operator-email is not an email address: "
                        + address);
            }
        });
        String language = Locale.forLanguageTag(config.operatorLocale()).getLanguage();
        if (!language.equals("en") && !language.equals("ru")) {
            throw new IllegalStateException("sarafan.notifications.operator-locale must be en or ru, not "
                    + config.operatorLocale());
        }
        LOG.infof("Operator alerts: %s", config.operatorEmail().map(a -> "to " + a).orElse("off (no address)"));
    }

    static boolean isAddress(String address) {
        return address.length() <= 254 && ADDRESS.matcher(address).matches();
    }

    /** Queues the alert for the operator address in the current transaction; does nothing without an address. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void alert(OperatorAlertKind kind, Map<String, Object> payload) {
        config.operatorEmail().ifPresent(address -> em.createNativeQuery("""
                        INSERT INTO notification (member_id, kind, payload, recipient, created_at)
                        VALUES (NULL, ?1, ?2, ?3, now())""")
                .setParameter(1, kind.name()).setParameter(2, json.write(payload)).setParameter(3, address)
                .executeUpdate());
    }
}
