package app.sarafan.notification;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The mail outbox worker, and where operator alerts go. */
@ConfigMapping(prefix = "sarafan.notifications")
public interface NotificationConfig {

    /** How often the worker looks for mail to send ("off" stops sending; messages wait in the outbox). */
    @WithDefault("5s")
    String sendEvery();

    /** At most this many messages per look (each is its own transaction). */
    @WithDefault("100")
    int batchSize();

    /** The first retry after a failed send; doubled at each failure up to retry-max. Never given up. */
    @WithDefault("PT30S")
    Duration retryBase();

    @WithDefault("PT1H")
    Duration retryMax();

    /** How long one message may take to send before the attempt counts as failed (and is retried). */
    @WithDefault("PT30S")
    Duration sendTimeout();

    /**
     * The address operator alerts ({@link OperatorAlertKind}) are sent to; absent (or empty) sends none and writes
     * nothing to the outbox. Checked at start.
     */
    Optional<String> operatorEmail();

    /** The language of operator alerts: en or ru. */
    @WithDefault("en")
    String operatorLocale();
}
