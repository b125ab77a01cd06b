package app.sarafan.common.json;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * A body that is the JSON literal {@code null}, or only whitespace, is refused: Jackson reads either as "no
 * body", which an action whose body is optional (confirming a redemption, say) would take as if nothing had been
 * sent, while every body the contract declares is an object or an array. An empty body stays an empty body.
 */
@Provider
public class NullBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        ContentSeen body = new ContentSeen(context.getInputStream());
        context.setInputStream(body);
        Object value = context.proceed();
        if (value == null && body.sent) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object, not null or blank");
        }
        return value;
    }

    /** Notes whether any byte went through. */
    private static final class ContentSeen extends FilterInputStream {

        private boolean sent;

        ContentSeen(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            sent |= b >= 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            sent |= n > 0;
            return n;
        }
    }
}
