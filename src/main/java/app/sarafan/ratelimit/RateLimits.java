package app.sarafan.ratelimit;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import app.sarafan.common.security.MemberIdentityAugmentor;
import app.sarafan.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Which bucket a caller draws from, and the draw: each shop API key and each admin API key by its fingerprint,
 * each member by the member the token names (so a member's several tokens share one bucket). Anonymous callers are
 * not limited here: they are refused with 401 before any work is done.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    private final boolean enabled;
    private final RatePolicy shop;
    private final RatePolicy admin;
    private final RatePolicy member;
    private final RateBuckets buckets;
    private final LongSupplier ticker;
    private final AtomicLong lastLogged;
    private final AtomicLong refused = new AtomicLong();

    @Inject
    RateLimits(RateLimitConfig config) {
        this(config, System::nanoTime);
    }

    RateLimits(RateLimitConfig config, LongSupplier ticker) {
        this.enabled = config.enabled();
        this.shop = RatePolicy.of(Roles.SHOP, config.shop());
        this.admin = RatePolicy.of(Roles.ADMIN, config.admin());
        this.member = RatePolicy.of(Roles.MEMBER, config.member());
        this.buckets = new RateBuckets(ticker);
        this.ticker = ticker;
        this.lastLogged = new AtomicLong(ticker.getAsLong() - LOG_EVERY_NANOS);
    }

    /** The draw for this caller's request; empty when limits are off or the caller is not authenticated. */
    public Optional<RateDecision> take(SecurityIdentity identity) {
        if (!enabled || identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        RateDecision decision;
        if (identity.hasRole(Roles.ADMIN)) {
            decision = take(identity.getPrincipal().getName(), admin);
        } else if (identity.hasRole(Roles.SHOP)) {
            decision = take(identity.getPrincipal().getName(), shop);
        } else if (identity.hasRole(Roles.MEMBER)) {
            String externalId = identity.getAttribute(MemberIdentityAugmentor.MEMBER_ID_ATTRIBUTE);
            decision = take(Roles.MEMBER + ":" + externalId, member);
        } else {
            return Optional.empty();
        }
        return Optional.of(decision);
    }

    RateDecision take(String caller, RatePolicy policy) {
        RateDecision decision = buckets.take(caller, policy);
        if (!decision.allowed()) {
            noteRefusal(policy);
        }
        return decision;
    }

    /** Callers tracked now. */
    int tracked() {
        return buckets.size();
    }

    /**
     * One line a minute at most while callers are refused, with how many were: enough for an operator to see a
     * runaway integration, never a line per request. Names the kind of caller only (a member's id is theirs).
     */
    private void noteRefusal(RatePolicy policy) {
        long count = refused.incrementAndGet();
        long now = ticker.getAsLong();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            refused.set(0);
            LOG.warnf("Rate limit reached: answering 429 (%d requests refused since the last such line, the latest"
                    + " from a %s caller, limit %s a second, burst %d)", count, policy.name(), policy.perSecond(),
                    policy.burst());
        }
    }
}
