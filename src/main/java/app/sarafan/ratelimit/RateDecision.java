package app.sarafan.ratelimit;

/**
 * What one request got from its caller's bucket.
 *
 * @param allowed whether the request may proceed
 * @param remaining requests the caller may still send at once (0 when refused)
 * @param resetSeconds seconds until the bucket is full again
 * @param retryAfterSeconds when refused: seconds until one more request fits (at least 1); 0 when allowed
 */
public record RateDecision(RatePolicy policy, boolean allowed, long remaining, long resetSeconds,
        long retryAfterSeconds) {

    /** The {@code RateLimit} item (draft-ietf-httpapi-ratelimit-headers-11, section 4), e.g. {@code "shop";r=2999;t=1}. */
    public String limitField() {
        return "\"" + policy.name() + "\";r=" + remaining + ";t=" + (allowed ? resetSeconds : retryAfterSeconds);
    }

    public String policyField() {
        return policy.policyField();
    }
}
