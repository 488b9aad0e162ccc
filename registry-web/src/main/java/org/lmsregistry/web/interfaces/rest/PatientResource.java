package org.lmsregistry.web.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.lmsregistry.web.infrastructure.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.web.application.InvalidInputException;
import org.lmsregistry.web.application.NotFoundException;
import org.lmsregistry.web.patient.ClinicalRecordService;
import org.lmsregistry.web.patient.RecordKey;
import org.lmsregistry.web.patient.WriteOutcome;

/**
 * Patients and their records, addressed by natural keys:
 * <pre>
 * /patients                                          GET list (filters, paging), POST create patient
 * /patients/{site}/{pseudonym}                       GET (with every record), PUT, DELETE (the whole file)
 * /patients/{site}/{pseudonym}/tumour                GET, PUT, DELETE
 * /patients/{site}/{pseudonym}/{collection}          GET list, POST create
 *     collection: biopsies | imaging-studies | treatments | outcome-events
 * /patients/{site}/{pseudonym}/{collection}/{id}     GET, PUT (create or replace), DELETE
 * /patients/{site}/{pseudonym}/imaging-studies/{study}/features            GET, PUT, DELETE
 * /patients/{site}/{pseudonym}/imaging-studies/{study}/radiomics           GET list, POST create
 * /patients/{site}/{pseudonym}/imaging-studies/{study}/radiomics/{feature} GET, PUT, DELETE
 * </pre>
 * Bodies are records in the interchange JSON format; key fields may be left out (taken from the URL).
 */
@Path("patients")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PatientResource {

    private static final String COLLECTIONS = "biopsies|imaging-studies|treatments|outcome-events";

    @Inject
    ClinicalRecordService service;

    @Context
    UriInfo uri;

    @GET
    public JsonObject list(@QueryParam("site") String site, @QueryParam("location") String location,
            @QueryParam("grade") String grade, @QueryParam("diagnosisYear") String year,
            @QueryParam("diagnosisYearFrom") String yearFrom, @QueryParam("diagnosisYearTo") String yearTo,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        Integer exact = Paging.optionalInt("diagnosisYear", year);
        Integer from = exact != null ? exact : Paging.optionalInt("diagnosisYearFrom", yearFrom);
        Integer to = exact != null ? exact : Paging.optionalInt("diagnosisYearTo", yearTo);
        return Views.page(service.list(blankToNull(site), blankToNull(location), blankToNull(grade), from, to,
                paging.offset(), paging.limit()), Views::patientEntry);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createPatient(InputStream body) {
        return created(service.create(RecordType.PATIENT, null, Bodies.object(body)));
    }

    @GET
    @Path("{site}/{pseudonym}")
    public JsonObject patient(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym) {
        return Views.patient(service.patient(site, pseudonym));
    }

    @PUT
    @Path("{site}/{pseudonym}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putPatient(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            InputStream body) {
        return put(RecordKey.of(RecordType.PATIENT, site, pseudonym), body);
    }

    @DELETE
    @Path("{site}/{pseudonym}")
    public JsonObject deletePatient(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym) {
        return deleted(service.delete(RecordKey.of(RecordType.PATIENT, site, pseudonym)));
    }

    @GET
    @Path("{site}/{pseudonym}/tumour")
    public JsonObject tumour(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym) {
        return record(RecordKey.of(RecordType.TUMOUR, site, pseudonym));
    }

    @PUT
    @Path("{site}/{pseudonym}/tumour")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putTumour(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            InputStream body) {
        return put(RecordKey.of(RecordType.TUMOUR, site, pseudonym), body);
    }

    @DELETE
    @Path("{site}/{pseudonym}/tumour")
    public JsonObject deleteTumour(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym) {
        return deleted(service.delete(RecordKey.of(RecordType.TUMOUR, site, pseudonym)));
    }

    @GET
    @Path("{site}/{pseudonym}/{collection: " + COLLECTIONS + "}")
    public JsonObject collection(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            @PathParam("collection") String collection) {
        return list(service.records(RecordKey.of(RecordType.PATIENT, site, pseudonym), type(collection), null));
    }

    @POST
    @Path("{site}/{pseudonym}/{collection: " + COLLECTIONS + "}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            @PathParam("collection") String collection, InputStream body) {
        return created(service.create(type(collection), RecordKey.of(RecordType.PATIENT, site, pseudonym),
                Bodies.object(body)));
    }

    @GET
    @Path("{site}/{pseudonym}/{collection: " + COLLECTIONS + "}/{id}")
    public JsonObject item(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            @PathParam("collection") String collection, @PathParam("id") String id) {
        return record(RecordKey.of(type(collection), site, pseudonym, id));
    }

    @PUT
    @Path("{site}/{pseudonym}/{collection: " + COLLECTIONS + "}/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putItem(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            @PathParam("collection") String collection, @PathParam("id") String id, InputStream body) {
        return put(RecordKey.of(type(collection), site, pseudonym, id), body);
    }

    @DELETE
    @Path("{site}/{pseudonym}/{collection: " + COLLECTIONS + "}/{id}")
    public JsonObject deleteItem(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            @PathParam("collection") String collection, @PathParam("id") String id) {
        return deleted(service.delete(RecordKey.of(type(collection), site, pseudonym, id)));
    }

    @GET
    @Path("{site}/{pseudonym}/imaging-studies/{study}/features")
    public JsonObject features(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            @PathParam("study") String study) {
        return record(RecordKey.of(RecordType.IMAGING_FEATURES, site, pseudonym, study));
    }

    @PUT
    @Path("{site}/{pseudonym}/imaging-studies/{study}/features")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putFeatures(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            @PathParam("study") String study, InputStream body) {
        return put(RecordKey.of(RecordType.IMAGING_FEATURES, site, pseudonym, study), body);
    }

    @DELETE
    @Path("{site}/{pseudonym}/imaging-studies/{study}/features")
    public JsonObject deleteFeatures(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            @PathParam("study") String study) {
        return deleted(service.delete(RecordKey.of(RecordType.IMAGING_FEATURES, site, pseudonym, study)));
    }

    @GET
    @Path("{site}/{pseudonym}/imaging-studies/{study}/radiomics")
    public JsonObject radiomics(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            @PathParam("study") String study) {
        return list(service.records(RecordKey.of(RecordType.PATIENT, site, pseudonym), RecordType.RADIOMICS_VALUE,
                study));
    }

    @POST
    @Path("{site}/{pseudonym}/imaging-studies/{study}/radiomics")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createRadiomics(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            @PathParam("study") String study, InputStream body) {
        JsonObject object = Bodies.object(body);
        if (!object.containsKey("study_id")) {
            object = Jsonp.createObjectBuilder(object).add("study_id", study).build();
        } else if (!Jsonp.createValue(study).equals(object.get("study_id"))) {
            throw new InvalidInputException("study_id in the body differs from the study in the URL.");
        }
        return created(service.create(RecordType.RADIOMICS_VALUE, RecordKey.of(RecordType.PATIENT, site, pseudonym),
                object));
    }

    @GET
    @Path("{site}/{pseudonym}/imaging-studies/{study}/radiomics/{feature}")
    public JsonObject radiomicsValue(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            @PathParam("study") String study, @PathParam("feature") String feature) {
        return record(RecordKey.of(RecordType.RADIOMICS_VALUE, site, pseudonym, study, feature));
    }

    @PUT
    @Path("{site}/{pseudonym}/imaging-studies/{study}/radiomics/{feature}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putRadiomicsValue(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            @PathParam("study") String study, @PathParam("feature") String feature, InputStream body) {
        return put(RecordKey.of(RecordType.RADIOMICS_VALUE, site, pseudonym, study, feature), body);
    }

    @DELETE
    @Path("{site}/{pseudonym}/imaging-studies/{study}/radiomics/{feature}")
    public JsonObject deleteRadiomicsValue(@PathParam("site") String site, @PathParam("pseudonym") String pseudonym,
            @PathParam("study") String study, @PathParam("feature") String feature) {
        return deleted(service.delete(RecordKey.of(RecordType.RADIOMICS_VALUE, site, pseudonym, study, feature)));
    }

    // ------------------------------------------------------------------------------------------------

    private JsonObject record(RecordKey key) {
        return org.lmsregistry.web.records.RecordJson.toJson(service.record(key));
    }

    private Response put(RecordKey key, InputStream body) {
        WriteOutcome outcome = service.put(key, Bodies.object(body), false);
        return Response.status(outcome.created() ? 201 : 200).entity(Views.written(outcome)).build();
    }

    private Response created(WriteOutcome outcome) {
        return Response.created(location(outcome.record())).entity(Views.written(outcome)).build();
    }

    private URI location(RegistryRecord r) {
        String base = "patients/" + r.siteCode() + "/" + r.patientPseudonym();
        String path = switch (RecordType.of(r)) {
            case PATIENT -> base;
            case TUMOUR -> base + "/tumour";
            case BIOPSY -> base + "/biopsies/" + ((org.lmsregistry.model.record.Biopsy) r).biopsyId();
            case IMAGING_STUDY -> base + "/imaging-studies/" + ((org.lmsregistry.model.record.ImagingStudy) r).studyId();
            case IMAGING_FEATURES -> base + "/imaging-studies/"
                    + ((org.lmsregistry.model.record.ImagingFeatures) r).studyId() + "/features";
            case RADIOMICS_VALUE -> {
                var v = (org.lmsregistry.model.record.RadiomicsValue) r;
                yield base + "/imaging-studies/" + v.studyId() + "/radiomics/" + v.ibsiFeature();
            }
            case TREATMENT -> base + "/treatments/" + ((org.lmsregistry.model.record.Treatment) r).treatmentId();
            case OUTCOME_EVENT -> base + "/outcome-events/" + ((org.lmsregistry.model.record.OutcomeEvent) r).eventId();
        };
        return uri.getBaseUriBuilder().path(path).build();
    }

    private static JsonObject list(List<RegistryRecord> records) {
        return Jsonp.createObjectBuilder().add("items", Views.records(records)).add("total", records.size()).build();
    }

    private static JsonObject deleted(List<RegistryRecord> records) {
        JsonArrayBuilder keys = Jsonp.createArrayBuilder();
        records.forEach(r -> keys.add(Jsonp.createObjectBuilder().add("recordType", RecordType.of(r).name())
                .add("recordKey", r.naturalKey())));
        return Jsonp.createObjectBuilder().add("deleted", keys).build();
    }

    private static RecordType type(String collection) {
        return switch (collection) {
            case "biopsies" -> RecordType.BIOPSY;
            case "imaging-studies" -> RecordType.IMAGING_STUDY;
            case "treatments" -> RecordType.TREATMENT;
            case "outcome-events" -> RecordType.OUTCOME_EVENT;
            default -> throw new NotFoundException("No collection " + collection + ".");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
