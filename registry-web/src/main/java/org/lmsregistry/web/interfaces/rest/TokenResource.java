package org.lmsregistry.web.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.lmsregistry.web.infrastructure.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.lmsregistry.web.token.TokenService;

/** API tokens (administrators only). The token itself is in the creation answer and nowhere else, ever. */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    TokenService tokens;

    @GET
    public JsonObject list(@QueryParam("site") String site) {
        return Views.list(tokens.list(site), Views::token);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Dtos.TokenInput input) {
        Bodies.required(input);
        TokenService.NewToken created = tokens.create(input.site(), input.label(), input.expiresAt());
        JsonObject body = Jsonp.createObjectBuilder(Views.token(created.token())).add("token", created.secret())
                .add("note", "This is the only time the token is shown; store it in the site's secret store.").build();
        return Response.status(201).entity(body).build();
    }

    @DELETE
    @Path("{id: [0-9]{1,18}}")
    public JsonObject revoke(@PathParam("id") long id) {
        return Views.token(tokens.revoke(id));
    }
}
