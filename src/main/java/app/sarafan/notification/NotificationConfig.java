package app.sarafan.notification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The mail outbox worker. */
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
}
