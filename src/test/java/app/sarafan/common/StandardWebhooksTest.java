package app.sarafan.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import app.sarafan.common.security.StandardWebhooks;
import app.sarafan.common.security.StandardWebhooks.Verdict;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    /** The example of the Standard Webhooks specification's reference libraries. */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TS = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsLikeTheReferenceImplementation() {
        assertEquals(SIGNATURE, StandardWebhooks.sign(SECRET, ID, TS, BODY));
    }

    @Test
    void acceptsAValidSignatureAmongSeveralWithinTheTolerance() {
        Instant now = Instant.ofEpochSecond(TS + 299);
        assertEquals(Verdict.VALID, StandardWebhooks.verify(SECRET, ID, String.valueOf(TS),
                "v1,bm90LXRoaXM= " + SIGNATURE, BODY, now));
    }

    @Test
    void refusesStaleTamperedOrUnsignedMessages() {
        Instant now = Instant.ofEpochSecond(TS);
        assertEquals(Verdict.STALE_TIMESTAMP, StandardWebhooks.verify(SECRET, ID, String.valueOf(TS - 301), SIGNATURE, BODY, now));
        assertEquals(Verdict.STALE_TIMESTAMP, StandardWebhooks.verify(SECRET, ID, String.valueOf(TS + 301), SIGNATURE, BODY, now));
        assertEquals(Verdict.BAD_SIGNATURE, StandardWebhooks.verify(SECRET, ID, String.valueOf(TS), SIGNATURE, BODY + " ", now));
        assertEquals(Verdict.BAD_SIGNATURE, StandardWebhooks.verify(SECRET, "msg_other", String.valueOf(TS), SIGNATURE, BODY, now));
        assertEquals(Verdict.BAD_SIGNATURE, StandardWebhooks.verify(SECRET, ID, String.valueOf(TS), "v1,not base64!", BODY, now));
        assertEquals(Verdict.MISSING_HEADERS, StandardWebhooks.verify(SECRET, ID, null, SIGNATURE, BODY, now));
        assertEquals(Verdict.BAD_TIMESTAMP, StandardWebhooks.verify(SECRET, ID, "yesterday", SIGNATURE, BODY, now));
    }
}
