package app.sarafan.notification;

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

@Path("/v1/me/notification-preferences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MyNotificationPreferencesResource {

    private final NotificationPreferences preferences;
    private final CurrentMember member;

    MyNotificationPreferencesResource(NotificationPreferences preferences, CurrentMember member) {
        this.preferences = preferences;
        this.member = member;
    }

    @GET
    public Preferences get() {
        return preferences.of(member.externalId());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Preferences update(@Valid @NotNull Preferences changes) {
        return preferences.update(member.externalId(), changes);
    }
}
