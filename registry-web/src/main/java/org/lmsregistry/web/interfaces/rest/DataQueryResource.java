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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.lmsregistry.web.application.MalformedRequestException;
import org.lmsregistry.web.query.DataQueryService;
import org.lmsregistry.web.query.DataQueryStatus;

/** Data queries: list, read with the thread, answer (coordinator) or comment (admin), close (admin). */
@Path("queries")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DataQueryResource {

    @Inject
    DataQueryService queries;

    @GET
    public JsonObject list(@QueryParam("status") String status, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return Views.page(queries.list(status(status), paging.offset(), paging.limit()), q -> Views.query(q, false));
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    public JsonObject get(@PathParam("id") long id) {
        return Views.query(queries.get(id), true);
    }

    @POST
    @Path("{id: [0-9]{1,18}}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject reply(@PathParam("id") long id, Dtos.MessageInput input) {
        Bodies.required(input);
        return Views.query(queries.reply(id, input.body()), true);
    }

    @POST
    @Path("{id: [0-9]{1,18}}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject close(@PathParam("id") long id, Dtos.CloseInput input) {
        return Views.query(queries.close(id, input == null ? null : input.note()), true);
    }

    private static DataQueryStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DataQueryStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedRequestException("status is OPEN, ANSWERED or CLOSED.");
        }
    }
}
