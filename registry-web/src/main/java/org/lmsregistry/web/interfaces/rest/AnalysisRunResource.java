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

/** Analysis runs: requested by statisticians; read and cancelled by statisticians and administrators. */
@Path("analysis-runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisRunResource {

    /**
     * The stored report runs its own (generated) inline scripts: served sandboxed, in an origin of
     * its own, so that it can read nothing of the registry's session or pages.
     */
    static final String REPORT_POLICY = "sandbox allow-scripts; default-src 'none'; script-src 'self' 'unsafe-inline'"
            + " 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src data:";

    @Inject
    AnalysisRunService runs;

    @GET
    public JsonObject list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return Views.list(runs.list(paging.offset(), paging.limit()), Views::analysisRunSummary);
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    public JsonObject get(@PathParam("id") long id) {
        return Views.analysisRun(runs.get(id), runs.files(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(Dtos.AnalysisInput input) {
        Bodies.required(input);
        var run = runs.request(input.kind(),
                input.parameters() == null ? null : input.parameters().toString(),
                input.cohort() == null ? null : input.cohort().toString());
        return Response.status(202).entity(Views.analysisRunSummary(run)).build();
    }

    @POST
    @Path("{id: [0-9]{1,18}}/cancel")
    public JsonObject cancel(@PathParam("id") long id) {
        return Views.analysisRunSummary(runs.cancel(id));
    }

    @GET
    @Path("{id: [0-9]{1,18}}/files/{name: [A-Za-z0-9][A-Za-z0-9._-]{0,127}}")
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("id") long id, @PathParam("name") String name) {
        AnalysisRunService.FileContent f = runs.file(id, name);
        Response.ResponseBuilder r = Response.ok(f.content(), f.file().mediaType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, max-age=3600");
        if (name.endsWith(".html")) {
            r.header("Content-Security-Policy", REPORT_POLICY);
        } else if (!name.endsWith(".js")) {
            r.header("Content-Disposition", "attachment; filename=\"run-" + id + "-" + name + "\"");
        }
        return r.build();
    }
}
