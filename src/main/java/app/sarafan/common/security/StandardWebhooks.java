package app.sarafan.common.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature scheme (standardwebhooks.com), used for events shops send us and for webhooks
 * we send: {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, the secret given as
 * {@code whsec_<base64>} (or raw), timestamps within a tolerance to refuse replays of old messages, signatures
 * compared in constant time. Several space-separated signatures may be sent (key rotation); one match is enough.
 */
public final class StandardWebhooks {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** Why a message was refused; never which byte differed. */
    public enum Verdict {
        VALID, MISSING_HEADERS, BAD_TIMESTAMP, STALE_TIMESTAMP, BAD_SIGNATURE
    }

    private StandardWebhooks() {
    }

    public static String sign(String secret, String id, long timestampSeconds, String body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), content(id, timestampSeconds, body)));
    }

    public static Verdict verify(String secret, String id, String timestamp, String signatures, String body,
            Instant now) {
        if (id == null || timestamp == null || signatures == null || id.isBlank()) {
            return Verdict.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.BAD_TIMESTAMP;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return Verdict.STALE_TIMESTAMP;
        }
        byte[] expected = hmac(key(secret), content(id, seconds, body));
        boolean matched = false;
        for (String candidate : signatures.trim().split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !"v1".equals(candidate.substring(0, comma))) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            matched |= MessageDigest.isEqual(expected, given);
        }
        return matched ? Verdict.VALID : Verdict.BAD_SIGNATURE;
    }

    private static byte[] key(String secret) {
        return secret.startsWith("whsec_")
                ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
                : secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] content(String id, long timestampSeconds, String body) {
        return (id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
