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
import jakarta.ws.rs.core.Response;
import org.lmsregistry.web.analysis.AnalysisRunService;

/** Analysis runs: requested by statisticians, read by statisticians and administrators. */
@Path("analysis-runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisRunResource {

    @Inject
    AnalysisRunService runs;

    @GET
    public JsonObject list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return Views.list(runs.list(paging.offset(), paging.limit()), Views::analysisRun);
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    public JsonObject get(@PathParam("id") long id) {
        return Views.analysisRun(runs.get(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(Dtos.AnalysisInput input) {
        Bodies.required(input);
        return Response.status(202).entity(Views.analysisRun(runs.request(input.kind(),
                input.parameters() == null ? null : input.parameters().toString(),
                input.cohort() == null ? null : input.cohort().toString()))).build();
    }
}
