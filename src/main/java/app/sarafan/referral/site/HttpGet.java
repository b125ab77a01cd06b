package app.sarafan.referral.site;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 GET over a socket that is already connected to a checked address. Written by hand because
 * java.net.http cannot connect to a given address while naming the host in Host and TLS. Every read is bounded
 * by the deadline and the body by a byte limit: reading stops past it.
 */
final class HttpGet {

    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final String USER_AGENT = "Sarafan-Site-Verification/1.0";

    private HttpGet() {
    }

    static SiteResponse exchange(Socket socket, String hostHeader, String target, Deadline deadline, int maxBody)
            throws IOException, FetchFailed {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + target + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Accept: text/html, text/plain;q=0.9, */*;q=0.1\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = new BufferedInputStream(new DeadlineBound(socket, deadline));
        Head head = new Head(in);
        while (head.status >= 100 && head.status < 200) {
            head = new Head(in);
        }
        String location = head.headers.get("location");
        if (head.status >= 300 && head.status < 400 && location != null) {
            return new SiteResponse(head.status, location, new byte[0], false);
        }
        if (head.status == 204 || head.status == 304) {
            return new SiteResponse(head.status, null, new byte[0], false);
        }
        Body body = new Body(maxBody);
        String transferEncoding = head.headers.getOrDefault("transfer-encoding", "");
        if (transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body.readChunked(in);
        } else if (head.headers.containsKey("content-length")) {
            body.readLength(in, parseLength(head.headers.get("content-length")));
        } else {
            body.readToEnd(in);
        }
        return new SiteResponse(head.status, null, body.bytes(), body.truncated);
    }

    private static long parseLength(String value) throws FetchFailed {
        try {
            long length = Long.parseLong(value.strip());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw new FetchFailed(CheckFailure.UNREACHABLE, "the site answered an invalid Content-Length");
    }

    /** A line of the head or of chunk framing, without its CRLF; a refusal when it runs past the head limit. */
    private static String readLine(InputStream in, int[] budget) throws IOException, FetchFailed {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new FetchFailed(CheckFailure.UNREACHABLE, "the site closed the connection mid-answer");
            }
            if (--budget[0] < 0) {
                throw new FetchFailed(CheckFailure.TOO_LARGE, "the site answered headers larger than "
                        + MAX_HEAD_BYTES + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** The status line and headers (names lower-cased; a repeated header keeps its last value). */
    private static final class Head {
        final int status;
        final Map<String, String> headers = new HashMap<>();

        Head(InputStream in) throws IOException, FetchFailed {
            int[] budget = {MAX_HEAD_BYTES};
            String statusLine = readLine(in, budget);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
                throw new FetchFailed(CheckFailure.UNREACHABLE, "the site did not answer HTTP");
            }
            status = Integer.parseInt(parts[1]);
            for (String line = readLine(in, budget); !line.isEmpty(); line = readLine(in, budget)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).strip());
                }
            }
        }
    }

    /** At most {@code limit} bytes of a body; {@code truncated} once a byte past it has been seen. */
    private static final class Body {
        final int limit;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean truncated;

        Body(int limit) {
            this.limit = limit;
        }

        byte[] bytes() {
            byte[] all = bytes.toByteArray();
            return all.length > limit ? Arrays.copyOf(all, limit) : all;
        }

        void readLength(InputStream in, long length) throws IOException {
            copy(in, length);
        }

        void readToEnd(InputStream in) throws IOException {
            copy(in, Long.MAX_VALUE);
        }

        void readChunked(InputStream in) throws IOException, FetchFailed {
            int[] framingBudget = {MAX_HEAD_BYTES};
            while (!truncated) {
                String sizeLine = readLine(in, framingBudget).split(";", 2)[0].strip();
                long size;
                try {
                    size = Long.parseLong(sizeLine, 16);
                } catch (NumberFormatException e) {
                    throw new FetchFailed(CheckFailure.UNREACHABLE, "the site answered invalid chunked encoding");
                }
                if (size <= 0) {
                    return;
                }
                copy(in, size);
                if (!truncated) {
                    readLine(in, framingBudget);
                }
            }
        }

        /** Copies up to {@code length} bytes, but never more than one byte past the limit. */
        private void copy(InputStream in, long length) throws IOException {
            byte[] buffer = new byte[8192];
            long left = length;
            while (left > 0 && !truncated) {
                int room = limit + 1 - bytes.size();
                int n = in.read(buffer, 0, (int) Math.min(Math.min(buffer.length, left), room));
                if (n < 0) {
                    return;
                }
                bytes.write(buffer, 0, n);
                left -= n;
                if (bytes.size() > limit) {
                    truncated = true;
                }
            }
        }
    }

    /** Gives every read only the time left until the deadline, so a slow site cannot stretch a request. */
    private static final class DeadlineBound extends FilterInputStream {
        private final Socket socket;
        private final Deadline deadline;

        DeadlineBound(Socket socket, Deadline deadline) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(deadline.remainingMillis());
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(deadline.remainingMillis());
            return super.read(b, off, len);
        }
    }
}
