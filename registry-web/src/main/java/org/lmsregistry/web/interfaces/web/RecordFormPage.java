package org.lmsregistry.web.interfaces.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.lmsregistry.web.infrastructure.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldType;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.web.application.ConflictException;
import org.lmsregistry.web.application.InvalidInputException;
import org.lmsregistry.web.application.NotFoundException;
import org.lmsregistry.web.application.ValidationFailedException;
import org.lmsregistry.web.patient.ClinicalRecordService;
import org.lmsregistry.web.patient.PatientRecords;
import org.lmsregistry.web.query.DataQuery;
import org.lmsregistry.web.query.DataQueryService;
import org.lmsregistry.web.query.DataQueryStatus;
import org.lmsregistry.web.patient.RecordKey;
import org.lmsregistry.web.patient.WriteOutcome;
import org.lmsregistry.web.records.RecordJson;
import org.lmsregistry.web.records.RecordTables;
import org.lmsregistry.web.security.AccessDeniedException;
import org.lmsregistry.web.security.CurrentCaller;

/**
 * The form of one clinical record of the coordinator's site, for every record type (enrolment,
 * tumour, biopsy, imaging study, imaging features, treatment, outcome event): the inputs come
 * from the record type's field definitions, saving goes through {@link ClinicalRecordService} like
 * the API, so the rules and their messages are the model's. Problems are shown next to their
 * field and the entered values stay; warnings are shown after saving but do not block it.
 */
@Named
@ViewScoped
public class RecordFormPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String FORM = "record";

    @Inject
    transient ClinicalRecordService records;

    @Inject
    transient CurrentCaller caller;

    @Inject
    transient DataQueryService dataQueries;

    /** The open data queries about this record (loaded once per view), and answers being typed. */
    private List<DataQuery> openQueries;
    private final Map<Long, String> answers = new HashMap<>();

    /** View parameters: the type's base name (e.g. tumours), the patient, the own key of an existing record. */
    private String type;
    private String patient;
    private String key;

    private RecordType recordType;
    private boolean existing;
    private List<FormField> fields = List.of();
    private final Map<String, Object> values = new HashMap<>();

    /** View action: which form, and the stored values when the record exists. */
    public void load() {
        if (FacesContext.getCurrentInstance().isPostback()) {
            return;
        }
        recordType = type == null ? null : RecordType.ofFileName(type).orElse(null);
        if (recordType == null || recordType == RecordType.RADIOMICS_VALUE
                || (recordType != RecordType.PATIENT && (patient == null || patient.isBlank()))) {
            Pages.refuse(404, "There is no such form: a record type and a patient are needed.");
            return;
        }
        List<FormField> list = new ArrayList<>();
        for (FieldSpec<?> f : recordType.fields()) {
            if (f.name().equals(RecordTables.SITE_CODE_FIELD)
                    || (f.name().equals(RecordTables.PATIENT_PSEUDONYM_FIELD) && recordType != RecordType.PATIENT)) {
                continue;
            }
            list.add(FormField.of(f));
        }
        fields = List.copyOf(list);
        try {
            // the patient must be readable (own site) before anything is shown; its records, read
            // once, hold the record of the form (a second read cost 8 more queries per form)
            PatientRecords stored = recordType == RecordType.PATIENT ? null : records.patient(siteCode(), patient);
            Optional<RecordKey> k = storedKey();
            if (k.isPresent()) {
                try {
                    fill(RecordJson.toJson(stored == null ? records.record(k.get()) : find(stored, k.get())));
                    existing = true;
                } catch (NotFoundException e) {
                    // only a tumour or a study's features may be opened before they exist
                    if (recordType != RecordType.TUMOUR && recordType != RecordType.IMAGING_FEATURES) {
                        throw e;
                    }
                    // features of a study / the tumour not entered yet: a new record with the key filled in
                    if (key != null) {
                        values.put(RecordKey.ownKeyFields(recordType).get(0).name(), key);
                    }
                }
            }
        } catch (NotFoundException e) {
            Pages.refuse(404, "No such patient or record at your site.");
        } catch (AccessDeniedException e) {
            Pages.refuse(403, e.getMessage());
        }
    }

    private static RegistryRecord find(PatientRecords stored, RecordKey key) {
        return stored.of(key.type()).stream().filter(r -> r.naturalKey().equals(key.naturalKey())).findFirst()
                .orElseThrow(() -> new NotFoundException("No " + key.type().label() + " " + key.naturalKey() + "."));
    }

    private Optional<RecordKey> storedKey() {
        List<FieldSpec<?>> own = RecordKey.ownKeyFields(recordType);
        if (recordType == RecordType.PATIENT) {
            return patient == null ? Optional.empty() : Optional.of(RecordKey.of(recordType, siteCode(), patient));
        }
        if (own.isEmpty()) {
            return Optional.of(RecordKey.of(recordType, siteCode(), patient));
        }
        return key == null ? Optional.empty() : Optional.of(RecordKey.of(recordType, siteCode(), patient, key));
    }

    private void fill(JsonObject json) {
        json.forEach((name, v) -> {
            if (v instanceof JsonString s) {
                values.put(name, s.getString());
            } else if (v instanceof JsonNumber n) {
                values.put(name, n.isIntegral() ? Long.toString(n.longValue()) : n.toString());
            } else if (v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE) {
                values.put(name, v.toString());
            } else if (v.getValueType() == JsonValue.ValueType.ARRAY) {
                values.put(name, v.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString)
                        .toArray(String[]::new));
            }
        });
    }

    public void save() {
        JsonObject body = body();
        try {
            WriteOutcome outcome;
            if (existing) {
                outcome = records.put(storedKey().orElseThrow(), body, false);
            } else if (recordType == RecordType.PATIENT) {
                outcome = records.create(recordType, null, body);
            } else {
                outcome = records.create(recordType, RecordKey.of(RecordType.PATIENT, siteCode(), patient), body);
            }
            String pseudonym = recordType == RecordType.PATIENT ? text(body, RecordTables.PATIENT_PSEUDONYM_FIELD) : patient;
            Pages.info(recordType.label() + (outcome.created() ? " saved." : outcome.changed() ? " updated." : " unchanged."));
            for (Problem w : outcome.warnings()) {
                Pages.warn(null, "Warning (" + labelOf(w.field()) + "): " + w.message());
            }
            if (outcome.dataQueries() > 0) {
                Pages.info(outcome.dataQueries() + " data quer" + (outcome.dataQueries() == 1 ? "y was" : "ies were")
                        + " raised for the warnings; answer them in Data queries.");
            }
            Pages.redirect("/app/site/patient.xhtml?id=" + pseudonym);
        } catch (ValidationFailedException e) {
            FacesContext.getCurrentInstance().validationFailed();
            Pages.error(null, e.getMessage());
            for (Problem p : e.problems()) {
                boolean onForm = fields.stream().anyMatch(f -> f.name().equals(p.field()));
                Pages.error(onForm ? FORM + ":f_" + p.field() : null,
                        (onForm ? "" : labelOf(p.field()) + ": ") + p.message());
            }
        } catch (ConflictException | InvalidInputException | NotFoundException | AccessDeniedException e) {
            FacesContext.getCurrentInstance().validationFailed();
            Pages.error(null, e.getMessage());
        }
    }

    /** The open data queries about a field of this stored record, answered right there. */
    public List<DataQuery> queriesOf(String field) {
        if (!existing) {
            return List.of();
        }
        if (openQueries == null) {
            String naturalKey = storedKey().map(RecordKey::naturalKey).orElse("");
            openQueries = new ArrayList<>(dataQueries.list(DataQueryStatus.OPEN, 0, 1000).items().stream()
                    .filter(q -> q.recordType().equals(recordType.name()) && q.recordKey().equals(naturalKey)).toList());
        }
        return openQueries.stream().filter(q -> field.equals(q.field())).toList();
    }

    public void answer(long id) {
        if (Pages.attempt(() -> dataQueries.reply(id, answers.get(id)))) {
            answers.remove(id);
            openQueries.removeIf(q -> q.id() == id);
            Pages.info("Answer to data query " + id + " sent.");
        }
    }

    public Map<Long, String> getAnswers() {
        return answers;
    }

    /** The form's values as a record in the interchange format; text that is no number stays text, for the rules to name. */
    private JsonObject body() {
        JsonObjectBuilder b = Jsonp.createObjectBuilder();
        for (FieldSpec<?> f : recordType.fields()) {
            Object v = values.get(f.name());
            if (v == null) {
                continue;
            }
            if (f.type() == FieldType.CODES) {
                Collection<?> codes = v instanceof Object[] a ? List.of(a) : v instanceof Collection<?> c ? c : List.of();
                if (!codes.isEmpty()) {
                    JsonArrayBuilder a = Jsonp.createArrayBuilder();
                    codes.forEach(c -> a.add(c.toString()));
                    b.add(f.name(), a);
                }
                continue;
            }
            String s = v.toString().strip();
            if (s.isEmpty()) {
                continue;
            }
            switch (f.type()) {
                case INTEGER -> {
                    try {
                        b.add(f.name(), Long.parseLong(s));
                    } catch (NumberFormatException e) {
                        b.add(f.name(), s);
                    }
                }
                case DECIMAL -> {
                    try {
                        b.add(f.name(), new java.math.BigDecimal(s));
                    } catch (NumberFormatException e) {
                        b.add(f.name(), s);
                    }
                }
                case BOOLEAN -> b.add(f.name(), Boolean.parseBoolean(s));
                default -> b.add(f.name(), s);
            }
        }
        if (recordType != RecordType.PATIENT || existing) {
            b.add(RecordTables.PATIENT_PSEUDONYM_FIELD, patient);
        }
        return b.build();
    }

    private static String text(JsonObject body, String field) {
        return body.get(field) instanceof JsonString s ? s.getString() : null;
    }

    private String labelOf(String field) {
        return recordType.field(field).map(FieldSpec::label).orElse(field == null || field.isEmpty() ? "record" : field);
    }

    /** The FNCLCC grade from the three components as entered, computed by the model's rule (ajax). */
    public String getDerivedGrade() {
        Integer differentiation = integer("differentiation_score");
        Integer mitoses = integer("mitoses_per_10hpf");
        String necrosisCode = values.get("necrosis") == null ? null : values.get("necrosis").toString();
        if (differentiation == null || mitoses == null || necrosisCode == null || necrosisCode.isBlank()) {
            return "not derivable yet: enter differentiation score, mitoses and necrosis";
        }
        TumourNecrosis necrosis;
        try {
            necrosis = TumourNecrosis.valueOf(necrosisCode);
        } catch (IllegalArgumentException e) {
            return "not derivable: unknown necrosis code";
        }
        try {
            FnclccGrade grade = FnclccGrade.derive(differentiation, mitoses, necrosis);
            return grade.code() + " (" + grade.label() + ")";
        } catch (IllegalArgumentException e) {
            return "not derivable: " + e.getMessage();
        }
    }

    private Integer integer(String field) {
        Object v = values.get(field);
        try {
            return v == null || v.toString().isBlank() ? null : Integer.valueOf(v.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean isGradeComponent(String field) {
        return recordType == RecordType.TUMOUR
                && (field.equals("differentiation_score") || field.equals("mitoses_per_10hpf") || field.equals("necrosis"));
    }

    /** Key fields of a stored record cannot change (they name it); a new record's can be typed. */
    public boolean isReadOnly(FormField f) {
        return existing && f.key();
    }

    private String siteCode() {
        return caller.get().siteCode();
    }

    public String getTitle() {
        if (recordType == null) {
            return "Record";
        }
        if (recordType == RecordType.PATIENT) {
            return existing ? "Patient" : "Enrol a patient";
        }
        return (existing ? "Edit " : "New ") + recordType.label().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isTumour() {
        return recordType == RecordType.TUMOUR;
    }

    public List<FormField> getFields() {
        return fields;
    }

    public Map<String, Object> getValues() {
        return values;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getPatient() {
        return patient;
    }

    public void setPatient(String patient) {
        this.patient = patient;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
