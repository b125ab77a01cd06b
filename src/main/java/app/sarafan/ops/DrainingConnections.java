package app.sarafan.ops;

import java.time.Duration;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemType;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How an instance lets its clients go once shutdown is requested (the start of {@code quarkus.shutdown.delay},
 * while readiness says DOWN):
 * <ol>
 * <li>At first every request is still served, and every HTTP/1.1 answer says {@code Connection: close} and closes
 * its connection: clients leave this instance one answered request at a time instead of sending a request down a
 * keep-alive connection just as the server drops it.</li>
 * <li>During the last {@link #REFUSING_BEFORE_THE_END} of the delay, and from then on, a new request is answered
 * {@code 503 service-unavailable} with {@code Retry-After} before anything reads or writes the database. Quarkus
 * waits, after the delay, only for the requests in flight at that moment: one that came in after it would be
 * served while the server closes its connections, and could commit with its answer lost. Refusing shortly before
 * the delay ends leaves no request that Quarkus does not wait for.</li>
 * </ol>
 */
@ApplicationScoped
class DrainingConnections {

    /** Among the first routes: before the edge checks pass requests on to the API. */
    static final int ORDER = Integer.MIN_VALUE + 100;

    /** Ample for the timers of one JVM to fire in order, short beside any delay a load balancer needs. */
    static final Duration REFUSING_BEFORE_THE_END = Duration.ofMillis(500);

    static final long RETRY_AFTER_SECONDS = 1;

    private final Vertx vertx;
    private final Duration delay;
    private volatile boolean draining;
    private volatile boolean refusing;

    DrainingConnections(Vertx vertx,
            @ConfigProperty(name = "quarkus.shutdown.delay-enabled", defaultValue = "false") boolean delayEnabled,
            @ConfigProperty(name = "quarkus.shutdown.delay", defaultValue = "0s") Duration delay) {
        this.vertx = vertx;
        this.delay = delayEnabled ? delay : Duration.ZERO;
    }

    void shutdownRequested(@Observes ShutdownDelayInitiatedEvent requested) {
        draining = true;
        long servingFor = servingFor(delay).toMillis();
        if (servingFor <= 0) {
            refusing = true;
        } else {
            vertx.setTimer(servingFor, id -> refusing = true);
        }
    }

    /** How long into the delay new requests are still served: all but its last part (half of a short one). */
    static Duration servingFor(Duration delay) {
        Duration refusingFor = delay.dividedBy(2).compareTo(REFUSING_BEFORE_THE_END) < 0 ? delay.dividedBy(2)
                : REFUSING_BEFORE_THE_END;
        return delay.minus(refusingFor);
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(ctx -> {
            if (!draining) {
                ctx.next();
                return;
            }
            boolean http1 = ctx.request().version() != HttpVersion.HTTP_2;
            if (http1) {
                ctx.response().putHeader(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.addEndHandler(ended -> ctx.request().connection().close());
            }
            if (refusing) {
                ctx.response().putHeader(HttpHeaderNames.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
                EdgeAnswer.send(ctx, Problem.of(ProblemType.SERVICE_UNAVAILABLE, "This instance is shutting down;"
                        + " send the request again (with the same Idempotency-Key) and another instance takes it"));
                return;
            }
            ctx.next();
        });
    }
}
