package app.sarafan.member;

import app.sarafan.common.security.CurrentMember;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A member's own profile, for the shop's SPA and mobile apps. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MeResource {

    private final MemberService members;
    private final CurrentMember me;

    MeResource(MemberService members, CurrentMember me) {
        this.members = members;
        this.me = me;
    }

    @GET
    public MemberView profile() {
        return members.get(me.externalId());
    }

    @GET
    @Path("/sms-consent")
    public SmsConsent smsConsent() {
        return members.smsConsent(me.externalId());
    }

    /** The member turns SMS on (needs the phone the shop recorded) or off; idempotent by nature (a PUT). */
    @PUT
    @Path("/sms-consent")
    @Consumes(MediaType.APPLICATION_JSON)
    public SmsConsent changeSmsConsent(@Valid @NotNull SmsConsentChange change) {
        return members.changeSmsConsent(me.externalId(), change.smsOptIn());
    }
}
