package app.sarafan.ops;

import java.util.Locale;
import java.util.Set;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads every request body before the resources do, counting bytes as they arrive: past the limit the request is
 * answered 413 at once and the rest is not read (the connection is closed), whether the size was declared in
 * Content-Length or the body comes chunked. A JSON request may have {@code sarafan.http.max-body-size}; the
 * upload paths (imports, mass operations) {@code quarkus.http.limits.max-body-size}. What is read within the limit
 * is handed to RESTEasy as the body, which then reads nothing from the connection itself.
 */
final class BodyLimits implements Handler<RoutingContext> {

    private final Set<String> uploadPaths;
    private final long maxBody;
    private final long maxUpload;

    BodyLimits(Set<String> uploadPaths, long maxBody, long maxUpload) {
        this.uploadPaths = uploadPaths;
        this.maxBody = maxBody;
        this.maxUpload = maxUpload;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long limit = uploadPaths.contains(request.path()) ? maxUpload : maxBody;
        String length = request.getHeader("Content-Length");
        String encoding = request.getHeader("Transfer-Encoding");
        boolean chunked = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
        long declared = declaredLength(length);
        if (declared > limit) {
            tooLarge(ctx, limit);
            return;
        }
        if (!chunked && declared <= 0 || request.isEnded()) {
            ctx.next();
            return;
        }
        Buffer body = Buffer.buffer((int) Math.min(Math.max(declared, 1024), limit));
        long[] received = {0};
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            received[0] += chunk.length();
            if (received[0] > limit) {
                refused[0] = true;
                request.pause();
                tooLarge(ctx, limit);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (!refused[0]) {
                ctx.setBody(body);
                ctx.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            ctx.response().writeContinue();
        }
        request.resume();
    }

    /** The declared Content-Length, -1 if none; a length too big to be a number is over every limit. */
    private static long declaredLength(String length) {
        if (length == null || length.isEmpty() || !length.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return length.length() >= 19 ? Long.MAX_VALUE : Long.parseLong(length);
    }

    private static void tooLarge(RoutingContext ctx, long limit) {
        EdgeAnswer.send(ctx, Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + limit + " bytes"), true);
    }
}
