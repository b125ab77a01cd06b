package app.sarafan.ratelimit;

import java.util.Optional;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemType;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Draws every API request from its caller's bucket as soon as the caller is known, before the resource reads the
 * body or touches the database: over the limit it is answered 429 {@code rate-limited} with {@code Retry-After}.
 * Every answer to an authenticated caller carries the draft-ietf-httpapi-ratelimit-headers-11 fields
 * {@code RateLimit-Policy} and {@code RateLimit}, so a well-behaved client can slow down before it is refused.
 * Authentication is lazy here ({@code quarkus.http.auth.proactive=false}): this is the first point where the
 * caller is known without authenticating requests that need no identity. A request whose credentials fail is left
 * alone and answered 401 as before. Paths outside the REST resources ({@code /q/health}, {@code /q/metrics},
 * {@code /q/openapi}, Swagger UI) never come here and are not limited.
 */
public class RateLimitFilter {

    static final String RETRY_AFTER = "Retry-After";
    static final String RATE_LIMIT = "RateLimit";
    static final String RATE_LIMIT_POLICY = "RateLimit-Policy";
    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    private final RateLimits limits;
    private final CurrentIdentityAssociation identities;

    RateLimitFilter(RateLimits limits, CurrentIdentityAssociation identities) {
        this.limits = limits;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request) {
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .map(identity -> {
                    Optional<RateDecision> taken = limits.take(identity);
                    if (taken.isEmpty()) {
                        return null;
                    }
                    RateDecision decision = taken.get();
                    request.setProperty(DECISION, decision);
                    return decision.allowed() ? null : refusal(decision, request);
                });
    }

    @ServerResponseFilter
    public void advertise(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateDecision decision) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle(RATE_LIMIT_POLICY, decision.policyField());
            headers.putSingle(RATE_LIMIT, decision.limitField());
        }
    }

    private static Response refusal(RateDecision decision, ContainerRequestContext request) {
        RatePolicy policy = decision.policy();
        long retryAfter = decision.retryAfterSeconds();
        String detail = "Too many requests for this " + caller(policy) + ": at most " + policy.burst()
                + " at once and " + rate(policy.perSecond()) + " a second; retry in " + retryAfter
                + (retryAfter == 1 ? " second" : " seconds");
        Response problem = Problem.of(ProblemType.RATE_LIMITED, detail)
                .toResponse(request.getUriInfo().getRequestUri().getRawPath());
        return Response.fromResponse(problem)
                .header(RETRY_AFTER, Long.toString(retryAfter))
                .header(RATE_LIMIT_POLICY, decision.policyField())
                .header(RATE_LIMIT, decision.limitField())
                .build();
    }

    private static String caller(RatePolicy policy) {
        return switch (policy.name()) {
            case "member" -> "member";
            case "admin" -> "admin API key";
            default -> "shop API key";
        };
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }
}
