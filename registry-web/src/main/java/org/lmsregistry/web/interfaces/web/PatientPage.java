package org.lmsregistry.web.interfaces.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.web.application.NotFoundException;
import org.lmsregistry.web.patient.ClinicalRecordService;
import org.lmsregistry.web.patient.PatientRecords;
import org.lmsregistry.web.patient.RecordKey;
import org.lmsregistry.web.records.RecordJson;
import org.lmsregistry.web.security.AccessDeniedException;
import org.lmsregistry.web.security.CurrentCaller;

/**
 * One patient of the coordinator's site: every event on the day axis (diagnosis is day 0) and the
 * records by type, each with its form. Another site's patient is refused as not found, as by the
 * API (existence does not leak).
 */
@Named
@ViewScoped
public class PatientPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Record types with a form, in the order of the page. */
    private static final List<RecordType> SECTIONS = List.of(RecordType.TUMOUR, RecordType.BIOPSY,
            RecordType.IMAGING_STUDY, RecordType.IMAGING_FEATURES, RecordType.TREATMENT, RecordType.OUTCOME_EVENT);

    @Inject
    transient ClinicalRecordService records;

    @Inject
    transient CurrentCaller caller;

    private String id;
    private String summary;
    private final List<TimelineEvent> timeline = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    /** One event on the day axis. */
    public record TimelineEvent(int day, String kind, String text) implements Serializable {
        public String getDayText() {
            return "day " + day;
        }
    }

    /** The records of one type, with links to their forms. */
    public record Section(String type, String label, boolean single, List<Entry> entries) implements Serializable {
    }

    /** One stored record: what it is, and the own key its form is opened with. */
    public record Entry(String key, String text) implements Serializable {
    }

    public void load() {
        if (FacesContext.getCurrentInstance().isPostback()) {
            return;
        }
        PatientRecords stored;
        try {
            stored = records.patient(caller.get().siteCode(), id == null ? "" : id);
        } catch (NotFoundException | IllegalArgumentException e) {
            Pages.refuse(404, "There is no patient with this pseudonym at your site.");
            return;
        } catch (AccessDeniedException e) {
            Pages.refuse(403, e.getMessage());
            return;
        }
        JsonObject patient = RecordJson.toJson(stored.patient());
        summary = describe(RecordType.PATIENT, patient);
        timeline.add(new TimelineEvent(0, "Diagnosis", "Diagnosis (" + text(patient, "diagnosis_year") + ")"));
        for (RecordType t : SECTIONS) {
            List<Entry> entries = new ArrayList<>();
            for (RegistryRecord r : stored.of(t)) {
                JsonObject json = RecordJson.toJson(r);
                List<String> own = RecordKey.ownKeyFields(t).stream().map(f -> text(json, f.name())).toList();
                entries.add(new Entry(String.join("/", own), describe(t, json)));
                Integer day = integer(json, t == RecordType.TREATMENT ? "start_day" : "day");
                if (day != null) {
                    timeline.add(new TimelineEvent(day, t.label(), describe(t, json)));
                }
            }
            sections.add(new Section(t.baseName(), t.label(), RecordKey.ownKeyFields(t).isEmpty(), entries));
        }
        timeline.sort(Comparator.comparingInt(TimelineEvent::day));
    }

    /** A one-line description from the record's coded fields, in the code lists' labels. */
    private static String describe(RecordType type, JsonObject json) {
        List<String> parts = new ArrayList<>();
        for (FieldSpec<?> f : type.fields()) {
            if (f.isKey() || f.codeList() == null || !json.containsKey(f.name())) {
                continue;
            }
            JsonValue v = json.get(f.name());
            List<String> codes = v.getValueType() == JsonValue.ValueType.ARRAY
                    ? v.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                    : List.of(((JsonString) v).getString());
            parts.add(codes.stream().map(c -> label(f, c)).collect(Collectors.joining(", ")));
            if (parts.size() == 3) {
                break;
            }
        }
        String key = RecordKey.ownKeyFields(type).stream().map(f -> text(json, f.name())).collect(Collectors.joining("/"));
        return (key.isEmpty() ? "" : key + ": ") + String.join("; ", parts);
    }

    private static String label(FieldSpec<?> f, String code) {
        for (Enum<?> e : f.codeList().getEnumConstants()) {
            if (e.name().equals(code)) {
                return ((org.lmsregistry.model.code.CodeList) e).label();
            }
        }
        return code;
    }

    private static String text(JsonObject json, String field) {
        JsonValue v = json.get(field);
        return v == null ? "" : v instanceof JsonString s ? s.getString() : v.toString();
    }

    private static Integer integer(JsonObject json, String field) {
        return json.get(field) instanceof JsonNumber n ? n.intValue() : null;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getSummary() {
        return summary;
    }

    public List<TimelineEvent> getTimeline() {
        return timeline;
    }

    public List<Section> getSections() {
        return sections;
    }
}
