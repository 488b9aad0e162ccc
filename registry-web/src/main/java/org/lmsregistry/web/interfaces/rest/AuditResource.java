package org.lmsregistry.web.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.lmsregistry.web.audit.AuditService;

/** The audit trail (administrators only): search, and verify the hash chain. */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditService audit;

    @GET
    public JsonObject find(@QueryParam("site") String site, @QueryParam("recordType") String recordType,
            @QueryParam("recordKey") String recordKey, @QueryParam("requestId") String requestId,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return Views.page(audit.find(site, recordType, recordKey, requestId, paging.offset(), paging.limit()),
                Views::auditEvent);
    }

    /** Recomputes the whole chain; names the first broken link. 200 either way; see {@code intact}. */
    @GET
    @Path("verify")
    public JsonObject verify() {
        return Views.verification(audit.verify());
    }
}
