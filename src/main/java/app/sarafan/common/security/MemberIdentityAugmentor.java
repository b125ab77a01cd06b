package app.sarafan.common.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified JWT that names a member (by the configured claim) makes its bearer that member: role {@code member},
 * whatever groups the shop's identity provider put in it. Any role a token claims beyond that is dropped, so a
 * token can never act as a shop or an administrator.
 */
@ApplicationScoped
public class MemberIdentityAugmentor implements SecurityIdentityAugmentor {

    public static final String MEMBER_ID_ATTRIBUTE = "sarafan.member.externalId";

    private final AuthConfig config;

    MemberIdentityAugmentor(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        Object claim = jwt.getClaim(config.memberClaim());
        String externalId = claim == null ? null : claim.toString().replaceAll("^\"|\"$", "");
        QuarkusSecurityIdentity.Builder member = QuarkusSecurityIdentity.builder()
                .setPrincipal(jwt)
                .setAnonymous(false)
                .addCredentials(identity.getCredentials());
        if (externalId != null && !externalId.isBlank()) {
            member.addRole(Roles.MEMBER).addAttribute(MEMBER_ID_ATTRIBUTE, externalId);
        }
        return Uni.createFrom().item(member.build());
    }
}
