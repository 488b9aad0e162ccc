package org.lmsregistry.web.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.lmsregistry.web.infrastructure.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.lmsregistry.web.application.MalformedRequestException;
import org.lmsregistry.web.interfaces.http.ProblemJson;
import org.lmsregistry.web.interfaces.http.RequestIds;
import org.lmsregistry.web.security.Caller;
import org.lmsregistry.web.security.CurrentCaller;
import org.lmsregistry.web.security.PersonSessions;
import org.lmsregistry.web.security.RegistryAuthenticationMechanism;
import org.lmsregistry.web.security.RegistryPrincipal;
import org.lmsregistry.web.security.SessionSettings;

/**
 * The login of people ({@code POST /session}, JSON or an HTML form's fields) and their logout; and
 * {@code GET /me}, who the caller is. A login starts a new session (new id, against session
 * fixation) and returns the CSRF token that requests changing data must carry.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    RegistryAuthenticationMechanism mechanism;

    @Inject
    SessionSettings settings;

    @Inject
    PersonSessions sessions;

    @Inject
    CurrentCaller currentCaller;

    @Context
    HttpServletRequest request;

    @POST
    @Path("session")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(Dtos.LoginRequest login) {
        Bodies.required(login);
        return login(login.username(), login.password());
    }

    @POST
    @Path("session")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response loginForm(@FormParam("username") String username, @FormParam("password") String password) {
        return login(username, password);
    }

    private Response login(String username, String password) {
        if (username == null || password == null) {
            throw new MalformedRequestException("username and password are required.");
        }
        RegistryAuthenticationMechanism.LoginResult result = mechanism.login(username, password.toCharArray(),
                request.getRemoteAddr());
        String requestId = RequestIds.of(request, null);
        switch (result.outcome()) {
            case THROTTLED -> {
                long seconds = Math.max(1, (result.retryAfter().toMillis() + 999) / 1000);
                return Response.status(429).header("Retry-After", seconds).type(ProblemJson.MEDIA_TYPE)
                        .entity(ProblemJson.of(429, "Too many failed logins", "Too many failed attempts; try again in "
                                + seconds + " s.", requestId).toString()).build();
            }
            case INVALID -> {
                return Response.status(401).type(ProblemJson.MEDIA_TYPE)
                        .entity(ProblemJson.of(401, "Unauthorized", "Wrong username or password.", requestId).toString())
                        .build();
            }
            default -> {
                // fall through to the session
            }
        }
        Caller caller = ((RegistryPrincipal) result.result().getCallerPrincipal()).caller();
        String csrfToken = sessions.start(request, caller);
        JsonObject body = Jsonp.createObjectBuilder(Views.caller(caller)).add("csrfToken", csrfToken)
                .add("csrfHeader", RegistryAuthenticationMechanism.CSRF_HEADER)
                .add("idleTimeoutMinutes", settings.idleMinutes())
                .add("maxSessionHours", settings.maxSessionDuration().toHours()).build();
        return Response.ok(body).build();
    }

    @DELETE
    @Path("session")
    public Response logout() {
        sessions.end(request);
        return Response.noContent().build();
    }

    @GET
    @Path("me")
    public JsonObject me() {
        return Views.caller(currentCaller.get());
    }
}
