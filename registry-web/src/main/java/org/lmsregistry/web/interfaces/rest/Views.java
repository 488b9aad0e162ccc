package org.lmsregistry.web.interfaces.rest;

import org.lmsregistry.web.infrastructure.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.record.Tumour;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.web.account.Account;
import org.lmsregistry.web.analysis.AnalysisRun;
import org.lmsregistry.web.analysis.AnalysisRunFile;
import org.lmsregistry.web.audit.AuditEvent;
import org.lmsregistry.web.audit.AuditTrail;
import org.lmsregistry.web.patient.Page;
import org.lmsregistry.web.patient.PatientEntry;
import org.lmsregistry.web.patient.PatientRecords;
import org.lmsregistry.web.patient.WriteOutcome;
import org.lmsregistry.web.query.DataQuery;
import org.lmsregistry.web.query.DataQueryMessage;
import org.lmsregistry.web.records.RecordJson;
import org.lmsregistry.web.security.Caller;
import org.lmsregistry.web.site.Site;
import org.lmsregistry.web.token.ApiToken;
import org.lmsregistry.web.upload.UploadBatch;

/** The JSON the API answers with, one method per thing shown. */
final class Views {

    private Views() {
    }

    static <T> JsonObject page(Page<T> page, Function<T, JsonValue> item) {
        JsonArrayBuilder items = Jsonp.createArrayBuilder();
        page.items().forEach(i -> items.add(item.apply(i)));
        return Jsonp.createObjectBuilder().add("items", items).add("total", page.total()).add("offset", page.offset())
                .add("limit", page.limit()).build();
    }

    static <T> JsonObject list(List<T> list, Function<T, JsonValue> item) {
        JsonArrayBuilder items = Jsonp.createArrayBuilder();
        list.forEach(i -> items.add(item.apply(i)));
        return Jsonp.createObjectBuilder().add("items", items).add("total", list.size()).build();
    }

    static JsonObject caller(Caller c) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("name", c.name()).add("role", c.role().name())
                .add("kind", c.kind().name());
        add(b, "site", c.siteCode());
        return b.build();
    }

    static JsonObject site(Site s) {
        return Jsonp.createObjectBuilder().add("code", s.code()).add("name", s.name()).add("country", s.country())
                .add("active", s.isActive()).build();
    }

    static JsonObject token(ApiToken t) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("id", t.id()).add("site", t.site().code())
                .add("label", t.label()).add("prefix", t.tokenPrefix()).add("createdBy", t.createdBy())
                .add("createdAt", time(t.createdAt())).add("active", t.isActive());
        add(b, "expiresAt", t.expiresAt());
        add(b, "revokedAt", t.revokedAt());
        add(b, "revokedBy", t.revokedBy());
        return b.build();
    }

    static JsonObject account(Account a) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("username", a.username()).add("role", a.role().name())
                .add("active", a.isActive());
        add(b, "site", a.site() == null ? null : a.site().code());
        return b.build();
    }

    static JsonObject query(DataQuery q, boolean withMessages) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("id", q.id()).add("site", q.site().code())
                .add("recordType", q.recordType()).add("recordKey", q.recordKey()).add("field", q.field())
                .add("value", q.value()).add("message", q.message()).add("status", q.status().name())
                .add("raisedBy", q.raisedBy()).add("createdAt", time(q.createdAt()))
                .add("updatedAt", time(q.updatedAt())).add("messageCount", q.messages().size());
        add(b, "rule", q.rule() == null ? null : q.rule().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        add(b, "uploadId", q.uploadId());
        add(b, "closedAt", q.closedAt());
        add(b, "closedBy", q.closedBy());
        if (withMessages) {
            JsonArrayBuilder messages = Jsonp.createArrayBuilder();
            for (DataQueryMessage m : q.messages()) {
                messages.add(Jsonp.createObjectBuilder().add("id", m.id()).add("author", m.author())
                        .add("authorRole", m.authorRole()).add("body", m.body())
                        .add("createdAt", time(m.createdAt())));
            }
            b.add("messages", messages);
        }
        return b.build();
    }

    static JsonObject auditEvent(AuditEvent e) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("seq", e.seq())
                .add("occurredAt", time(e.occurredAt())).add("actor", e.actor()).add("actorRole", e.actorRole())
                .add("recordType", e.recordType()).add("recordKey", e.recordKey()).add("action", e.action())
                .add("prevHash", e.prevHash()).add("hash", e.hash());
        add(b, "site", e.siteCode());
        add(b, "requestId", e.requestId());
        add(b, "uploadId", e.uploadId());
        b.add("before", parsed(e.before()));
        b.add("after", parsed(e.after()));
        return b.build();
    }

    static JsonObject verification(AuditTrail.Verification v) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("intact", v.intact()).add("eventsChecked", v.eventsChecked())
                .add("headSeq", v.headSeq());
        add(b, "headHash", v.headHash());
        if (!v.intact()) {
            JsonObjectBuilder broken = Jsonp.createObjectBuilder().add("seq", v.brokenSeq()).add("problem", v.problem());
            b.add("firstBrokenLink", broken);
        }
        return b.build();
    }

    static JsonObject upload(UploadBatch u) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("uploadId", u.id()).add("site", u.site().code())
                .add("status", u.status().name()).add("format", u.format().name()).add("uploader", u.uploader())
                .add("receivedAt", time(u.receivedAt())).add("recordsReceived", u.recordsReceived())
                .add("created", u.recordsCreated()).add("updated", u.recordsUpdated())
                .add("unchanged", u.recordsUnchanged()).add("errors", u.errorCount()).add("warnings", u.warningCount());
        add(b, "idempotencyKey", u.idempotencyKey());
        add(b, "finishedAt", u.finishedAt());
        add(b, "requestId", u.requestId());
        add(b, "responseStatus", u.responseStatus() == null ? null : (long) u.responseStatus());
        return b.build();
    }

    /** A run in a list: status and progress, not its results. */
    static JsonObject analysisRunSummary(AnalysisRun r) {
        return analysisRunFields(r).build();
    }

    /** A run with its results JSON, log tail and output files (the report is a file). */
    static JsonObject analysisRun(AnalysisRun r, List<AnalysisRunFile> files) {
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        for (AnalysisRunFile f : files) {
            list.add(Jsonp.createObjectBuilder().add("name", f.name()).add("mediaType", f.mediaType())
                    .add("size", f.size()).add("sha256", f.sha256())
                    .add("href", "analysis-runs/" + r.id() + "/files/" + f.name()));
        }
        return analysisRunFields(r).add("results", parsed(r.results())).add("files", list).build();
    }

    private static JsonObjectBuilder analysisRunFields(AnalysisRun r) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("id", r.id()).add("kind", r.kind())
                .add("status", r.status().name()).add("progress", r.progress())
                .add("requestedBy", r.requestedBy())
                .add("createdAt", time(r.createdAt())).add("parameters", parsed(r.parameters()))
                .add("cohort", parsed(r.cohort()));
        add(b, "step", r.step() == null ? null : r.step().description());
        b.add("cancelRequested", r.cancelRequested());
        add(b, "failure", r.failure());
        add(b, "dataChecksum", r.dataChecksum());
        add(b, "softwareVersion", r.softwareVersion());
        add(b, "startedAt", r.startedAt());
        add(b, "finishedAt", r.finishedAt());
        add(b, "log", r.log());
        return b;
    }

    static JsonObject patientEntry(PatientEntry p) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("site_code", p.site().code())
                .add("patient_pseudonym", p.pseudonym()).add("sex", p.sex())
                .add("age_at_diagnosis_years", p.ageAtDiagnosisYears()).add("diagnosis_year", p.diagnosisYear());
        if (p.tumour() != null) {
            JsonObjectBuilder t = Jsonp.createObjectBuilder().add("primary_location", p.tumour().primaryLocation())
                    .add("largest_diameter_mm", p.tumour().largestDiameterMm());
            add(t, "grade", p.tumour().grade());
            b.add("tumour", t);
        } else {
            b.addNull("tumour");
        }
        return b.build();
    }

    /** A patient with every record: the patient's fields, then the tumour and one array per record type. */
    static JsonObject patient(PatientRecords records) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("patient", RecordJson.toJson(records.patient()));
        List<RegistryRecord> tumours = records.of(RecordType.TUMOUR);
        if (tumours.isEmpty()) {
            b.addNull("tumour");
        } else {
            // plus the effective grade (read-only): what the list shows and the grade filter matches
            var grade = ((Tumour) tumours.get(0)).grade();
            b.add("tumour", Jsonp.createObjectBuilder(RecordJson.toJson(tumours.get(0))).add("grade",
                    grade == null ? JsonValue.NULL : Jsonp.createValue(grade.name())));
        }
        for (RecordType t : RecordType.values()) {
            if (t != RecordType.PATIENT && t != RecordType.TUMOUR) {
                b.add(t.baseName(), records(records.of(t)));
            }
        }
        return b.build();
    }

    static JsonArrayBuilder records(List<? extends RegistryRecord> records) {
        JsonArrayBuilder array = Jsonp.createArrayBuilder();
        records.forEach(r -> array.add(RecordJson.toJson(r)));
        return array;
    }

    static JsonObject written(WriteOutcome o) {
        JsonArrayBuilder warnings = Jsonp.createArrayBuilder();
        for (Problem p : o.warnings()) {
            JsonObjectBuilder w = Jsonp.createObjectBuilder().add("field", p.field()).add("value", p.value())
                    .add("rule", p.rule().id()).add("severity", p.severity().name()).add("message", p.message());
            warnings.add(w);
        }
        return Jsonp.createObjectBuilder().add("record", RecordJson.toJson(o.record())).add("created", o.created())
                .add("changed", o.changed()).add("warnings", warnings).add("dataQueriesRaised", o.dataQueries())
                .build();
    }

    private static JsonValue parsed(String json) {
        if (json == null) {
            return JsonValue.NULL;
        }
        try (var reader = Jsonp.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            return Jsonp.createValue(json);
        }
    }

    private static void add(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    private static void add(JsonObjectBuilder b, String name, Long value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    private static void add(JsonObjectBuilder b, String name, OffsetDateTime value) {
        add(b, name, value == null ? null : time(value));
    }

    /** Service times are shown in UTC, at the microsecond precision the database keeps. */
    static String time(OffsetDateTime t) {
        return t.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
    }
}
