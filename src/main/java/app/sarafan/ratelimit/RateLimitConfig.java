package app.sarafan.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code sarafan.rate-limits.*}: how many requests each caller may send. Every shop API key, every admin API key
 * and every member (by the member named in the token) has a bucket of its own, so one runaway caller is refused
 * while the others go on. The limits are per instance: each replica counts on its own (docs/operations.md).
 */
@ConfigMapping(prefix = "sarafan.rate-limits")
public interface RateLimitConfig {

    /** Off: no request is ever refused for its rate and no RateLimit header is sent. */
    @WithDefault("true")
    boolean enabled();

    /** Each shop API key. */
    Limit shop();

    /** Each admin API key. */
    Limit admin();

    /** Each member, whatever token of theirs is presented. */
    Limit member();

    /** A sustained rate and the burst allowed on top of it (a token bucket of {@code burst} refilled at the rate). */
    interface Limit {
        /** Requests a second, sustained; may be fractional (0.5 is one request every 2 seconds). */
        double perSecond();

        /** Requests that may be sent at once after a quiet moment: the bucket's size. */
        int burst();
    }
}
