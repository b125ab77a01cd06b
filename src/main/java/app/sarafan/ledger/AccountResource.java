package app.sarafan.ledger;

import java.util.List;

import app.sarafan.common.page.Page;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A member's balance and history, for the shop backend and administrators. */
@Path("/v1/members/{externalId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SHOP, Roles.ADMIN})
public class AccountResource {

    private final AccountService accounts;

    AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @GET
    @Path("/balance")
    public Balance balance(@PathParam("externalId") String externalId) {
        return accounts.balance(externalId);
    }

    @GET
    @Path("/transactions")
    public Page<TransactionView> transactions(@PathParam("externalId") String externalId,
            @QueryParam("kind") List<String> kind, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return accounts.history(externalId, HistoryFilter.parse(kind, from, to, limit, cursor));
    }
}
