package app.sarafan.webhook;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Outbound webhooks: the sender's pace, retries, when an endpoint is disabled, and where it may send. */
@ConfigMapping(prefix = "sarafan.webhooks")
public interface WebhookConfig {

    @WithDefault("5s")
    String sendEvery();

    @WithDefault("100")
    int batchSize();

    /** The first retry after a failed delivery; doubled at each failure up to retry-max. */
    @WithDefault("PT30S")
    Duration retryBase();

    @WithDefault("PT1H")
    Duration retryMax();

    /**
     * An endpoint is disabled (until an administrator enables it again) once its deliveries have failed without a
     * success for {@link #disableAfterFailingFor} and at least this many attempts in a row: a burst of failures
     * within minutes never disables it.
     */
    @WithDefault("10")
    int disableAfterFailures();

    /** How long deliveries must have failed without a success before the endpoint is disabled (Stripe: days). */
    @WithDefault("P3D")
    Duration disableAfterFailingFor();

    @WithDefault("PT5S")
    Duration connectTimeout();

    @WithDefault("PT10S")
    Duration requestTimeout();

    /** URL schemes an endpoint may use. */
    @WithDefault("https")
    List<String> schemes();

    /** For tests only: endpoints on loopback and private addresses. Refused in production unless the next is set. */
    @WithDefault("false")
    boolean allowInternalAddresses();

    @WithDefault("false")
    boolean internalAddressesInProduction();
}
