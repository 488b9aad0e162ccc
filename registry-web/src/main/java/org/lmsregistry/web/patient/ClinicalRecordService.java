package org.lmsregistry.web.patient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.lmsregistry.web.infrastructure.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.lmsregistry.model.interchange.ParseResult;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.ImagingFeatures;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.RadiomicsValue;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.BatchValidator;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.RowIndex;
import org.lmsregistry.model.validation.Rule;
import org.lmsregistry.model.validation.ValidationReport;
import org.lmsregistry.web.account.Role;
import org.lmsregistry.web.application.ConflictException;
import org.lmsregistry.web.application.InvalidInputException;
import org.lmsregistry.web.application.NotFoundException;
import org.lmsregistry.web.application.ValidationFailedException;
import org.lmsregistry.web.audit.Actor;
import org.lmsregistry.web.audit.AuditTrail;
import org.lmsregistry.web.infrastructure.persistence.CopyPipeline;
import org.lmsregistry.web.infrastructure.persistence.SqlFailures;
import org.lmsregistry.web.infrastructure.persistence.TransactionConnection;
import org.lmsregistry.web.query.DataQueryRaiser;
import org.lmsregistry.web.records.RecordChangeWriter;
import org.lmsregistry.web.records.RecordChanges;
import org.lmsregistry.web.records.RecordJson;
import org.lmsregistry.web.records.RecordStore;
import org.lmsregistry.web.records.RecordTables;
import org.lmsregistry.web.records.StoredPatients;
import org.lmsregistry.web.security.AccessDeniedException;
import org.lmsregistry.web.security.Caller;
import org.lmsregistry.web.security.CurrentCaller;
import org.lmsregistry.web.site.Site;
import org.lmsregistry.web.site.SiteRepository;

/**
 * The application service for clinical records one at a time (the REST API and, later, the forms):
 * read a patient with all records, read, create, replace and delete single records. Each call is
 * one transaction and is checked, in this order:
 * <ol>
 * <li>role: only a COORDINATOR edits; ADMIN and STATISTICIAN read every site; UPLOADER tokens read
 * nothing (403);</li>
 * <li>site scope: a record addressed (by URL) at a site the caller may not read or edit is reported
 * as not found (404), exactly like a record that does not exist, so existence never leaks;</li>
 * <li>payload: a body naming another site than the URL is refused (403);</li>
 * <li>validation: the record's own rules and the cross-record rules against the patient's stored
 * records, exactly as in an upload (422 with every problem); warnings become data queries.</li>
 * </ol>
 * Writes take the site's lock, write with the same JDBC path as uploads and append an audit event
 * per changed record in the same transaction.
 */
@ApplicationScoped
public class ClinicalRecordService {

    private static final BatchValidator VALIDATOR = new BatchValidator();

    @Inject
    CurrentCaller currentCaller;

    @Inject
    SiteRepository sites;

    @Inject
    PatientRepository patients;

    @Inject
    TransactionConnection transaction;

    /** One page of patients the caller may read. */
    @Transactional
    public Page<PatientEntry> list(String siteCode, String location, String grade, Integer yearFrom, Integer yearTo,
            int offset, int limit) {
        return list(siteCode, location, grade, yearFrom, yearTo, PatientSearchWords.NONE, PatientOrder.DEFAULT,
                offset, limit);
    }

    /**
     * One page of patients matching the filters and the search words, in the given order. The
     * caller's site scope is applied here, whatever the words: a coordinator's search never reaches
     * another site's patients.
     */
    @Transactional
    public Page<PatientEntry> list(String siteCode, String location, String grade, Integer yearFrom, Integer yearTo,
            PatientSearchWords words, PatientOrder order, int offset, int limit) {
        Caller caller = requireReader();
        List<Long> siteIds = null;
        if (siteCode != null) {
            Site site = sites.findByCode(siteCode).orElse(null);
            if (site == null) {
                siteIds = List.of();
            } else if (!caller.canRead(site.id())) {
                throw new AccessDeniedException("A " + caller.role() + " lists the patients of the own site only.");
            } else {
                siteIds = List.of(site.id());
            }
        } else if (caller.role().isSiteScoped()) {
            siteIds = List.of(caller.siteId());
        }
        PatientFilter filter = new PatientFilter(siteIds, location, grade, yearFrom, yearTo, words);
        return new Page<>(patients.find(filter, order, offset, limit), patients.count(filter), offset, limit);
    }

    /**
     * Every record of the coordinator's own site in one read (the site dashboard: completeness,
     * surveillance adherence).
     */
    @Transactional
    public RegistryBatch ownSiteRecords() {
        Caller caller = requireEditor();
        Site site = sites.findByCode(caller.siteCode()).orElseThrow(() -> new NotFoundException("No site "
                + caller.siteCode() + "."));
        List<String> pseudonyms = patients.find(new PatientFilter(List.of(site.id()), null, null, null, null), 0,
                Integer.MAX_VALUE).stream().map(PatientEntry::pseudonym).toList();
        try {
            return RecordStore.load(transaction.get(), site.id(), site.code(), pseudonyms).asBatch();
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "reading the records of site " + site.code());
        }
    }

    /** A patient with all records. */
    @Transactional
    public PatientRecords patient(String siteCode, String pseudonym) {
        RecordKey key = RecordKey.of(RecordType.PATIENT, siteCode, pseudonym);
        Site site = readableSite(requireReader(), key);
        StoredPatients stored = load(site, key.pseudonym());
        if (stored.find(RecordType.PATIENT, key.naturalKey()).isEmpty()) {
            throw notFound(key);
        }
        Map<RecordType, List<RegistryRecord>> records = new EnumMap<>(RecordType.class);
        for (RecordType t : RecordType.values()) {
            records.put(t, stored.recordsOf(pseudonym, t));
        }
        return new PatientRecords(records);
    }

    /** One record. */
    @Transactional
    public RegistryRecord record(RecordKey key) {
        Site site = readableSite(requireReader(), key);
        return load(site, key.pseudonym()).find(key.type(), key.naturalKey()).orElseThrow(() -> notFound(key));
    }

    /** The records of one type of a patient (of one study, for features and radiomics, when given). */
    @Transactional
    public List<RegistryRecord> records(RecordKey patientKey, RecordType type, String studyId) {
        Site site = readableSite(requireReader(), patientKey);
        StoredPatients stored = load(site, patientKey.pseudonym());
        if (stored.find(RecordType.PATIENT, patientKey.naturalKey()).isEmpty()) {
            throw notFound(patientKey);
        }
        List<RegistryRecord> list = new ArrayList<>();
        for (RegistryRecord r : stored.recordsOf(patientKey.pseudonym(), type)) {
            if (studyId == null || studyId.equals(studyOf(r))) {
                list.add(r);
            }
        }
        if (studyId != null && stored.find(RecordType.IMAGING_STUDY, patientKey.naturalKey() + "/" + studyId).isEmpty()) {
            throw notFound(RecordKey.of(RecordType.IMAGING_STUDY, patientKey.siteCode(), patientKey.pseudonym(), studyId));
        }
        return list;
    }

    /**
     * Creates or replaces the record with this key from a JSON object in the interchange format. Key
     * fields missing from the body are taken from the URL; present ones must agree with it.
     *
     * @param createOnly refuse (409) when the record exists already (POST to a collection)
     */
    @Transactional
    public WriteOutcome put(RecordKey key, JsonObject body, boolean createOnly) {
        Caller caller = requireEditor();
        Site site = editableSite(caller, key);
        RegistryRecord record = parse(key, body);
        try {
            Connection c = transaction.get();
            RecordStore.lockSite(c, site.id());
            StoredPatients stored = RecordStore.load(c, site.id(), site.code(), List.of(key.pseudonym()));
            if (key.type() != RecordType.PATIENT && stored.find(RecordType.PATIENT, key.patient().naturalKey()).isEmpty()) {
                throw notFound(key.patient());
            }
            boolean exists = stored.find(key.type(), key.naturalKey()).isPresent();
            if (createOnly && exists) {
                throw new ConflictException(key.type().label() + " " + key.naturalKey() + " exists already; "
                        + "replace it with PUT.");
            }
            RegistryBatch batch = new RegistryBatch.Builder().add(record).build();
            ValidationReport report = VALIDATOR.validate(batch, RowIndex.positions(), patients -> stored.asBatch());
            if (report.hasErrors()) {
                throw new ValidationFailedException("The " + key.type().label().toLowerCase(java.util.Locale.ROOT)
                        + " breaks " + report.errors().size() + " rule(s); nothing was written.", report.problems());
            }
            RecordChanges changes = RecordChanges.upsert(batch, stored);
            write(c, stored, changes, caller);
            int queries = DataQueryRaiser.raise(c, site.id(), report.warnings(), caller.name(), null);
            return new WriteOutcome(record, !exists, !changes.isEmpty(), report.warnings(), queries);
        } catch (SQLException e) {
            throw SqlFailures.translate(e, key.type().label() + " " + key.naturalKey());
        }
    }

    /**
     * Creates a record in a collection (POST): the own key comes from the body; the site defaults to
     * the caller's. A body naming another site than the caller's is refused (403).
     *
     * @param parent the patient (for a patient: site and pseudonym may be null, taken from the body)
     */
    @Transactional
    public WriteOutcome create(RecordType type, RecordKey parent, JsonObject body) {
        Caller caller = requireEditor();
        String siteCode = parent != null ? parent.siteCode() : text(body, RecordTables.SITE_CODE_FIELD);
        if (parent == null && siteCode != null && !siteCode.equals(caller.siteCode())) {
            throw new AccessDeniedException("The body names site " + siteCode + "; a coordinator of "
                    + caller.siteCode() + " creates records of " + caller.siteCode() + " only.");
        }
        if (siteCode == null) {
            siteCode = caller.siteCode();
        }
        String pseudonym = parent != null ? parent.pseudonym() : text(body, RecordTables.PATIENT_PSEUDONYM_FIELD);
        List<String> own = new ArrayList<>();
        List<Problem> missing = new ArrayList<>();
        for (FieldSpec<?> f : RecordKey.ownKeyFields(type)) {
            String v = text(body, f.name());
            if (v == null) {
                missing.add(new Problem(type, 0, "", f.name(), "", Rule.REQUIRED, "\"" + f.name()
                        + "\" is the record's key and is required."));
            }
            own.add(v);
        }
        if (pseudonym == null) {
            missing.add(new Problem(type, 0, "", RecordTables.PATIENT_PSEUDONYM_FIELD, "", Rule.REQUIRED,
                    "\"patient_pseudonym\" is required."));
        }
        if (!missing.isEmpty()) {
            throw new ValidationFailedException("The " + type.label().toLowerCase(java.util.Locale.ROOT)
                    + " has no key; nothing was written.", missing);
        }
        RecordKey key = new RecordKey(type, siteCode, pseudonym, own);
        if (parent != null && !parent.isWellFormed()) {
            throw notFound(parent);
        }
        if (!key.isWellFormed()) {
            // a malformed key in the body is a validation problem (422), not a missing record
            parse(key, body);
            throw new InvalidInputException("The record's key is not well-formed.");
        }
        return put(key, body, true);
    }

    private static String text(JsonObject body, String field) {
        JsonValue v = body.get(field);
        return v instanceof JsonString s ? s.getString() : null;
    }

    /**
     * Deletes a record with the records that cannot exist without it (a patient's whole file; a
     * study's features and radiomics values), each audited. Refused (409) when another record still
     * names it (an outcome event detected by the study), and (422) when the patient's remaining
     * records would break a rule (e.g. a local recurrence left without the surgery it recurs from).
     */
    @Transactional
    public List<RegistryRecord> delete(RecordKey key) {
        Caller caller = requireEditor();
        Site site = editableSite(caller, key);
        try {
            Connection c = transaction.get();
            RecordStore.lockSite(c, site.id());
            StoredPatients stored = RecordStore.load(c, site.id(), site.code(), List.of(key.pseudonym()));
            RegistryRecord target = stored.find(key.type(), key.naturalKey()).orElseThrow(() -> notFound(key));
            List<RegistryRecord> doomed = withDependents(stored, key, target);
            if (key.type() != RecordType.PATIENT) {
                checkRemaining(stored, key, doomed);
            }
            write(c, stored, RecordChanges.delete(doomed), caller);
            return doomed;
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "deleting " + key.naturalKey());
        }
    }

    // --- helpers ----------------------------------------------------------------------------------

    private void write(Connection c, StoredPatients stored, RecordChanges changes, Caller caller) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        CopyPipeline pipeline = new CopyPipeline(c, null);
        try (AuditTrail.Appender audit = AuditTrail.open(c, Actor.of(caller, currentCaller.requestId()), pipeline)) {
            RecordChangeWriter.apply(c, stored, changes, audit, null, pipeline);
            audit.finish();
        }
    }

    /** The record and what depends on it, dependents first (reverse record type order). */
    private static List<RegistryRecord> withDependents(StoredPatients stored, RecordKey key, RegistryRecord target) {
        List<RegistryRecord> doomed = new ArrayList<>();
        RecordType[] types = RecordType.values();
        if (key.type() == RecordType.PATIENT) {
            for (int i = types.length - 1; i >= 0; i--) {
                doomed.addAll(stored.recordsOf(key.pseudonym(), types[i]));
            }
            return doomed;
        }
        if (key.type() == RecordType.IMAGING_STUDY) {
            String studyId = key.ownKey().get(0);
            for (RegistryRecord o : stored.recordsOf(key.pseudonym(), RecordType.OUTCOME_EVENT)) {
                if (studyId.equals(((OutcomeEvent) o).detectedByStudyId())) {
                    throw new ConflictException("Imaging study " + studyId + " is named as the detecting study of "
                            + "outcome event " + ((OutcomeEvent) o).eventId() + "; change that event first.");
                }
            }
            for (RecordType t : List.of(RecordType.RADIOMICS_VALUE, RecordType.IMAGING_FEATURES)) {
                for (RegistryRecord r : stored.recordsOf(key.pseudonym(), t)) {
                    if (studyId.equals(studyOf(r))) {
                        doomed.add(r);
                    }
                }
            }
        }
        doomed.add(target);
        return doomed;
    }

    /** The patient's records without the doomed ones must still pass the cross-record rules. */
    private static void checkRemaining(StoredPatients stored, RecordKey key, List<RegistryRecord> doomed) {
        RegistryBatch.Builder remaining = new RegistryBatch.Builder();
        for (RecordType t : RecordType.values()) {
            for (RegistryRecord r : stored.recordsOf(key.pseudonym(), t)) {
                if (!doomed.contains(r)) {
                    remaining.add(r);
                }
            }
        }
        ValidationReport report = VALIDATOR.validate(remaining.build());
        if (report.hasErrors()) {
            throw new ValidationFailedException("Deleting " + key.naturalKey() + " would leave the patient's other "
                    + "records breaking " + report.errors().size() + " rule(s); nothing was deleted.", report.errors());
        }
    }

    private static String studyOf(RegistryRecord r) {
        if (r instanceof ImagingFeatures f) {
            return f.studyId();
        }
        if (r instanceof RadiomicsValue v) {
            return v.studyId();
        }
        return null;
    }

    /** The body as a record of the key's type, URL key fields filled in or checked. */
    private RegistryRecord parse(RecordKey key, JsonObject body) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder(body);
        fill(b, body, key.type(), RecordTables.SITE_CODE_FIELD, key.siteCode(), true);
        fill(b, body, key.type(), RecordTables.PATIENT_PSEUDONYM_FIELD, key.pseudonym(), false);
        List<FieldSpec<?>> own = RecordKey.ownKeyFields(key.type());
        for (int i = 0; i < own.size(); i++) {
            if (key.ownKey().get(i) != null) {
                fill(b, body, key.type(), own.get(i).name(), key.ownKey().get(i), false);
            }
        }
        byte[] json = b.build().toString().getBytes(StandardCharsets.UTF_8);
        ParseResult result = RecordJson.readOne(key.type(), new ByteArrayInputStream(json));
        if (result.hasErrors()) {
            throw new ValidationFailedException("The " + key.type().label().toLowerCase(java.util.Locale.ROOT)
                    + " is not valid; nothing was written.", result.problems());
        }
        List<? extends RegistryRecord> records = result.records(key.type());
        if (records.size() != 1) {
            throw new InvalidInputException("The body must be one " + key.type().label() + " object.");
        }
        return records.get(0);
    }

    private static void fill(JsonObjectBuilder b, JsonObject body, RecordType type, String field, String urlValue,
            boolean isSite) {
        JsonValue given = body.get(field);
        if (given == null || given == JsonValue.NULL) {
            b.add(field, urlValue);
            return;
        }
        String text = given instanceof JsonString s ? s.getString() : given.toString();
        if (!text.equals(urlValue)) {
            if (isSite) {
                throw new AccessDeniedException("The body names site " + text + " but the record is addressed at site "
                        + urlValue + "; records are written for the site in the URL only.");
            }
            throw new ValidationFailedException("The body does not match the URL.", List.of(new Problem(type, 0, "",
                    field, text, Rule.FORMAT, "\"" + field + "\" is " + text + " in the body but " + urlValue
                            + " in the URL; a key cannot be changed, delete and create the record instead.")));
        }
    }

    private StoredPatients load(Site site, String pseudonym) {
        try {
            return RecordStore.load(transaction.get(), site.id(), site.code(), List.of(pseudonym));
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "reading the records of a patient");
        }
    }

    private Caller requireReader() {
        Caller caller = currentCaller.get();
        if (caller.is(Role.UPLOADER)) {
            throw new AccessDeniedException("API tokens upload batches; they do not read records.");
        }
        return caller;
    }

    private Caller requireEditor() {
        Caller caller = currentCaller.get();
        if (!caller.is(Role.COORDINATOR)) {
            throw new AccessDeniedException("Only a site's coordinator edits its records; a " + caller.role()
                    + " does not" + (caller.is(Role.UPLOADER) ? " (tokens use POST /api/v1/uploads)." : "."));
        }
        return caller;
    }

    private Site readableSite(Caller caller, RecordKey key) {
        if (!key.isWellFormed()) {
            throw notFound(key);
        }
        return sites.findByCode(key.siteCode()).filter(s -> caller.canRead(s.id())).orElseThrow(() -> notFound(key));
    }

    private Site editableSite(Caller caller, RecordKey key) {
        if (!key.isWellFormed()) {
            throw notFound(key);
        }
        return sites.findByCode(key.siteCode()).filter(s -> caller.canEdit(s.id())).orElseThrow(() -> notFound(key));
    }

    private static NotFoundException notFound(RecordKey key) {
        return new NotFoundException("No " + key.type().label().toLowerCase(java.util.Locale.ROOT) + " "
                + key.naturalKey() + " (or not one you may see).");
    }
}
