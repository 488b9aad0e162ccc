package org.lmsregistry.web.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.web.application.InvalidInputException;
import org.lmsregistry.web.application.MalformedRequestException;
import org.lmsregistry.web.interfaces.http.ProblemJson;
import org.lmsregistry.web.security.Caller;
import org.lmsregistry.web.upload.SpooledUpload;
import org.lmsregistry.web.upload.UploadFormat;
import org.lmsregistry.web.upload.UploadResult;
import org.lmsregistry.web.upload.UploadService;

/**
 * Bulk uploads: the JSON batch, one CSV file ({@code ?type=}), a zip of CSV files, or
 * multipart/form-data with one CSV file per part. The body is spooled to disk as it arrives, then
 * validated and written all or nothing. {@code Idempotency-Key} makes retries safe.
 */
@Path("uploads")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";

    @Inject
    UploadService uploads;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response json(InputStream body, @HeaderParam(IDEMPOTENCY_KEY) String key, @QueryParam("site") String site) {
        return single(UploadFormat.JSON, "batch.json", body, null, key, site);
    }

    @POST
    @Consumes({"text/csv", "application/csv"})
    public Response csv(InputStream body, @HeaderParam(IDEMPOTENCY_KEY) String key, @QueryParam("site") String site,
            @QueryParam("type") String type) {
        RecordType recordType = null;
        if (type != null) {
            recordType = RecordType.ofFileName(type).orElseThrow(() -> new InvalidInputException(
                    "type is a record type's name such as imaging_studies, not " + type + "."));
        }
        return single(UploadFormat.CSV, recordType == null ? "unknown.csv" : recordType.fileName(), body, recordType,
                key, site);
    }

    @POST
    @Consumes({"application/zip", "application/x-zip-compressed"})
    public Response zip(InputStream body, @HeaderParam(IDEMPOTENCY_KEY) String key, @QueryParam("site") String site) {
        return single(UploadFormat.ZIP, "batch.zip", body, null, key, site);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response multipart(List<EntityPart> parts, @HeaderParam(IDEMPOTENCY_KEY) String key,
            @QueryParam("site") String site) {
        Caller caller = uploads.uploader(site);
        if (parts == null || parts.isEmpty()) {
            throw new MalformedRequestException("The multipart body has no parts; send one CSV file per part.");
        }
        try (SpooledUpload spooled = uploads.spool(UploadFormat.MULTIPART)) {
            for (EntityPart part : parts) {
                String name = part.getFileName().orElse(part.getName());
                try (InputStream in = part.getContent()) {
                    spooled.add(name, in);
                }
            }
            return answer(uploads.upload(caller, spooled, null, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response single(UploadFormat format, String name, InputStream body, RecordType csvType, String key,
            String site) {
        Caller caller = uploads.uploader(site);
        try (SpooledUpload spooled = uploads.spool(format)) {
            spooled.add(name, body);
            return answer(uploads.upload(caller, spooled, csvType, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response answer(UploadResult result) {
        Response.ResponseBuilder r = Response.status(result.status())
                .type(result.status() >= 400 ? ProblemJson.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(result.body());
        if (result.uploadId() != null) {
            r.location(uri.getBaseUriBuilder().path("uploads").path(result.uploadId().toString()).build());
        }
        if (result.replayed()) {
            r.header(REPLAYED, "true");
        }
        return r.build();
    }

    @GET
    public JsonObject list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return Views.list(uploads.list(paging.offset(), paging.limit()), Views::upload);
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    public JsonObject get(@PathParam("id") long id) {
        return Views.upload(uploads.find(id));
    }

    /** The answer the upload got (with every problem), as it is replayed to retries. */
    @GET
    @Path("{id: [0-9]{1,18}}/answer")
    public Response answerOf(@PathParam("id") long id) {
        var u = uploads.find(id);
        return Response.ok(u.responseBody(), MediaType.APPLICATION_JSON).build();
    }
}
