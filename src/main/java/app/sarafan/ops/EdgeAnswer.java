package app.sarafan.ops;

import app.sarafan.common.error.Problem;
import app.sarafan.common.http.RequestText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** A problem answered by the HTTP layer itself, before any resource: same body as the JAX-RS mappers write. */
final class EdgeAnswer {

    private EdgeAnswer() {
    }

    static void send(RoutingContext ctx, Problem problem) {
        send(ctx, problem, false);
    }

    /**
     * {@code close}: the rest of the request is not read (a body over the limit), so the connection cannot carry
     * another request.
     */
    static void send(RoutingContext ctx, Problem problem, boolean close) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ctx.response().setStatusCode(problem.type().status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (close) {
            ctx.response().putHeader("Connection", "close");
            ctx.response().endHandler(v -> ctx.request().connection().close());
        }
        Buffer body = Buffer.buffer(Json.encode(problem.body(instance(ctx))));
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.response().putHeader("Content-Length", Integer.toString(body.length())).end();
        } else {
            ctx.response().end(body);
        }
    }

    /** The path as it was sent (still percent-encoded): a URI reference even when its decoded text is not text. */
    static String instance(RoutingContext ctx) {
        String path = ctx.request().path();
        return path == null ? null : RequestText.asUriReference(path);
    }
}
