package app.sarafan.ops;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * From the moment shutdown is requested (the start of {@code quarkus.shutdown.delay}, while readiness says DOWN and
 * requests are still served), every HTTP/1.1 answer says {@code Connection: close} and its connection is closed
 * after it. Clients thus leave this instance's keep-alive connections one answered request at a time, instead of
 * sending a request down one just as the server stops listening and getting no answer. Quarkus does the same once
 * the delay is over; this covers the delay itself.
 */
@ApplicationScoped
class DrainingConnections {

    /** Among the first routes: before the edge checks pass requests on to the API. */
    static final int ORDER = Integer.MIN_VALUE + 100;

    private volatile boolean draining;

    void shutdownRequested(@Observes ShutdownDelayInitiatedEvent requested) {
        draining = true;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(ctx -> {
            if (draining && ctx.request().version() != HttpVersion.HTTP_2) {
                ctx.response().putHeader(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.addEndHandler(ended -> ctx.request().connection().close());
            }
            ctx.next();
        });
    }
}
