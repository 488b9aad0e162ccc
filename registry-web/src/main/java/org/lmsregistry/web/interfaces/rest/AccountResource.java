package org.lmsregistry.web.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.lmsregistry.web.account.AccountService;
import org.lmsregistry.web.account.Role;
import org.lmsregistry.web.application.InvalidInputException;

/** People's accounts (administrators only). */
@Path("accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    AccountService accounts;

    @GET
    public JsonObject list() {
        return Views.list(accounts.list(), Views::account);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Dtos.AccountInput input) {
        Bodies.required(input);
        Role role;
        try {
            role = Role.valueOf(String.valueOf(input.role()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role is ADMIN, COORDINATOR or STATISTICIAN.");
        }
        return Response.status(201).entity(Views.account(accounts.create(input.username(), role, input.site(),
                input.password() == null ? null : input.password().toCharArray()))).build();
    }

    @POST
    @Path("{username}/deactivate")
    public JsonObject deactivate(@PathParam("username") String username) {
        return Views.account(accounts.setActive(username, false));
    }

    @POST
    @Path("{username}/activate")
    public JsonObject activate(@PathParam("username") String username) {
        return Views.account(accounts.setActive(username, true));
    }
}
