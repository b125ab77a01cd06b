package app.sarafan.ledger;

import java.util.List;

import app.sarafan.common.page.Page;
import app.sarafan.common.security.CurrentMember;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The member's own balance and history; the member is always the one named by the token. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MyAccountResource {

    private final AccountService accounts;
    private final CurrentMember me;

    MyAccountResource(AccountService accounts, CurrentMember me) {
        this.accounts = accounts;
        this.me = me;
    }

    @GET
    @Path("/balance")
    public Balance balance() {
        return accounts.balance(me.externalId());
    }

    @GET
    @Path("/transactions")
    public Page<TransactionView> transactions(@QueryParam("kind") List<String> kind, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return accounts.history(me.externalId(), HistoryFilter.parse(kind, from, to, limit, cursor));
    }
}
