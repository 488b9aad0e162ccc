package org.lmsregistry.web.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.lmsregistry.web.site.Site;
import org.lmsregistry.web.site.SiteService;

/** Sites: listed for every caller, created and changed by administrators. */
@Path("sites")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SiteResource {

    @Inject
    SiteService sites;

    @Context
    UriInfo uri;

    @GET
    public JsonObject list() {
        return Views.list(sites.list(), Views::site);
    }

    @GET
    @Path("{code}")
    public JsonObject get(@PathParam("code") String code) {
        return Views.site(sites.get(code));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Dtos.SiteInput input) {
        Bodies.required(input);
        Site site = sites.create(input.code(), input.name(), input.country());
        return Response.created(uri.getAbsolutePathBuilder().path(site.code()).build()).entity(Views.site(site)).build();
    }

    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject update(@PathParam("code") String code, Dtos.SiteInput input) {
        Bodies.required(input);
        return Views.site(sites.update(code, input.name(), input.country(), input.active()));
    }
}
