package app.sarafan.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import app.sarafan.common.security.MemberIdentityAugmentor;
import app.sarafan.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.junit.jupiter.api.Test;

/** Which bucket each kind of caller draws from. */
class RateLimitsTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimits limits = new RateLimits(config(true), now::get);

    @Test
    void eachApiKeyHasItsOwnBucketAndItsRolesPolicy() {
        RateDecision shop = limits.take(key(Roles.SHOP, "shop:aaaaaaaaaaaa")).orElseThrow();
        assertEquals("shop", shop.policy().name());
        assertEquals(2, shop.remaining());
        assertEquals(2, limits.take(key(Roles.SHOP, "shop:bbbbbbbbbbbb")).orElseThrow().remaining());
        RateDecision admin = limits.take(key(Roles.ADMIN, "admin:cccccccccccc")).orElseThrow();
        assertEquals("admin", admin.policy().name());
        assertEquals(4, admin.remaining());
    }

    @Test
    void aMembersTokensShareOneBucketAndMembersDoNotShare() {
        for (int i = 0; i < 2; i++) {
            assertTrue(limits.take(member("cust-1")).orElseThrow().allowed());
        }
        // Another token of the same member (another principal) draws from the same bucket.
        assertFalse(limits.take(member("cust-1")).orElseThrow().allowed());
        assertTrue(limits.take(member("cust-2")).orElseThrow().allowed());
    }

    @Test
    void anonymousCallersAndSwitchedOffLimitsDrawNothing() {
        assertTrue(limits.take(QuarkusSecurityIdentity.builder().setAnonymous(true).build()).isEmpty());
        assertTrue(limits.take(null).isEmpty());
        RateLimits off = new RateLimits(config(false), now::get);
        assertTrue(off.take(key(Roles.SHOP, "shop:aaaaaaaaaaaa")).isEmpty());
        assertEquals(0, off.tracked());
    }

    private static SecurityIdentity key(String role, String name) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRole(role).build();
    }

    private static SecurityIdentity member(String externalId) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("token-" + Math.random()))
                .addRole(Roles.MEMBER).addAttribute(MemberIdentityAugmentor.MEMBER_ID_ATTRIBUTE, externalId).build();
    }

    private static RateLimitConfig config(boolean enabled) {
        return new RateLimitConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Limit shop() {
                return limit(1, 3);
            }

            @Override
            public Limit admin() {
                return limit(1, 5);
            }

            @Override
            public Limit member() {
                return limit(0.001, 2);
            }
        };
    }

    private static RateLimitConfig.Limit limit(double perSecond, int burst) {
        return new RateLimitConfig.Limit() {
            @Override
            public double perSecond() {
                return perSecond;
            }

            @Override
            public int burst() {
                return burst;
            }
        };
    }
}
