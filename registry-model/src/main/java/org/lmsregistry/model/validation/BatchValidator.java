package org.lmsregistry.model.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

import org.lmsregistry.model.code.BiopsyApproach;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.record.Biopsy;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.ImagingFeatures;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RadiomicsValue;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.record.Treatment;
import org.lmsregistry.model.record.Tumour;

/**
 * Validates a whole {@link RegistryBatch} (an upload, an export, a generated cohort), optionally
 * against the records the registry already holds, and reports every problem at once.
 *
 * <h2>What it checks</h2>
 * <ul>
 * <li>Single-record rules ({@link RecordRules}) of every batch record, unless switched off with
 * {@link #withoutRecordRules()} because a parser already reported them. Records that exist passed
 * their constructor's errors, so in practice these are the single-record warnings
 * ({@link Rule#NEEDLE_FINER_THAN_16G}).</li>
 * <li>References: {@link Rule#DUPLICATE_KEY} (a natural key twice in a type; also a second last
 * follow-up of a patient, see below), {@link Rule#UNKNOWN_PATIENT}, {@link Rule#UNKNOWN_STUDY}.</li>
 * <li>Timeline (days from diagnosis): {@link Rule#STUDY_AFTER_DEATH}, {@link Rule#EVENT_AFTER_DEATH},
 * {@link Rule#MORE_THAN_ONE_DEATH}, {@link Rule#RECURRENCE_BEFORE_SURGERY},
 * {@link Rule#SURVEILLANCE_BEFORE_TREATMENT}, {@link Rule#DETECTION_AFTER_EVENT},
 * {@link Rule#FOLLOW_UP_BEFORE_LAST_RECORD}.</li>
 * <li>Warnings: {@link Rule#TRANSPERITONEAL_RETROPERITONEAL_BIOPSY},
 * {@link Rule#SURVEILLANCE_INTERVAL_OUTSIDE_GUIDELINE} (schedule from {@link SurveillanceGuideline}),
 * {@link Rule#DETECTING_STUDY_NEGATIVE}.</li>
 * </ul>
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li>Same day is not "after": a study or event on the day of death, a detecting study on the day of
 * the event, and a last follow-up on the day of the latest record are accepted. A local recurrence or
 * a surveillance study on the day of the first surgery is not.</li>
 * <li>A patient has at most one last follow-up. A second one is reported as {@link Rule#DUPLICATE_KEY}
 * (on every last follow-up but the latest), because "one last follow-up per patient" is a uniqueness
 * rule like a natural key, and {@link Rule#FOLLOW_UP_BEFORE_LAST_RECORD} then compares each last
 * follow-up with the patient's other records only.</li>
 * <li>Of two records with the same natural key, the first (lowest position) is kept and checked
 * further; the repeats are reported and left out of the other checks, so that one repeated row does
 * not also raise, say, {@link Rule#MORE_THAN_ONE_DEATH}.</li>
 * <li>Records of a patient without a patient record are still checked against each other, so that a
 * corrected upload does not bring new errors to light.</li>
 * <li>Reference day for {@link Rule#SURVEILLANCE_BEFORE_TREATMENT}: the first surgery; without surgery,
 * the first treatment of any kind; a surveillance study of a patient without any treatment is an
 * error. A local recurrence of a patient without surgery is an error.</li>
 * <li>{@link Rule#SURVEILLANCE_INTERVAL_OUTSIDE_GUIDELINE} needs the grade (from the tumour) and a
 * primary treatment; without either it is not checked.</li>
 * </ul>
 *
 * <h2>Stored records</h2>
 * With a {@link StoredRecords} lookup, the batch is checked together with the registry's records of
 * the same patients. A batch record replaces the stored record with the same natural key. Problems are
 * reported on batch records only: a check that involves a batch record and a stored one is reported on
 * the batch record, naming the stored one; stored records alone were validated when they were stored.
 *
 * <h2>Cost</h2>
 * One pass groups the records by patient in a hash map; every check then works within one patient with
 * hash maps or a sort of that patient's studies, so time grows linearly with the batch (times the log
 * of the largest patient's study count) and never with the square of anything.
 *
 * <p>A validator is immutable and may be shared between threads; each call keeps its own state.
 */
public final class BatchValidator {

    private final SurveillanceGuideline guideline;
    private final boolean recordRules;

    /** Checks single-record and cross-record rules, with the standard surveillance guideline reading. */
    public BatchValidator() {
        this(SurveillanceGuideline.standard());
    }

    public BatchValidator(SurveillanceGuideline guideline) {
        this(guideline, true);
    }

    private BatchValidator(SurveillanceGuideline guideline, boolean recordRules) {
        this.guideline = Objects.requireNonNull(guideline, "guideline");
        this.recordRules = recordRules;
    }

    /**
     * The same validator without the single-record rules, for callers (e.g. the interchange parser) that
     * have already reported {@link RecordRules} problems for every row.
     */
    public BatchValidator withoutRecordRules() {
        return new BatchValidator(guideline, false);
    }

    public SurveillanceGuideline guideline() {
        return guideline;
    }

    /** Validates a batch on its own; rows are 1-based positions in each type's list. */
    public ValidationReport validate(RegistryBatch batch) {
        return validate(batch, RowIndex.positions(), StoredRecords.none());
    }

    /** Validates a batch on its own, with the rows a parser recorded. */
    public ValidationReport validate(RegistryBatch batch, RowIndex rows) {
        return validate(batch, rows, StoredRecords.none());
    }

    /** Validates a batch together with the registry's stored records of the same patients. */
    public ValidationReport validate(RegistryBatch batch, RowIndex rows, StoredRecords stored) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(stored, "stored");
        return new Run(rows).validate(batch, stored);
    }

    // ------------------------------------------------------------------------------------------------

    /** A record with its place: its index in the batch list of its type, or -1 for a stored record. */
    private static final class Entry<R extends RegistryRecord> {
        final R record;
        final RecordType type;
        final int index;

        Entry(R record, RecordType type, int index) {
            this.record = record;
            this.type = type;
            this.index = index;
        }

        boolean inBatch() {
            return index >= 0;
        }
    }

    private static final int TYPES = RecordType.values().length;

    /** Every record of one patient, per type: batch records first, in batch order, then stored ones. */
    private static final class Group {
        final PatientRef ref;
        /** Per record type (by ordinal): a {@code List<Entry<R>>} of that type, or null. */
        private final Object[] byType = new Object[TYPES];

        Group(PatientRef ref) {
            this.ref = ref;
        }

        void add(Entry<?> e) {
            @SuppressWarnings("unchecked")
            List<Entry<?>> list = (List<Entry<?>>) byType[e.type.ordinal()];
            if (list == null) {
                list = new ArrayList<>(2);
                byType[e.type.ordinal()] = list;
            }
            list.add(e);
        }

        @SuppressWarnings("unchecked")
        <R extends RegistryRecord> List<Entry<R>> get(RecordType type) {
            Object list = byType[type.ordinal()];
            return list == null ? List.of() : (List<Entry<R>>) list;
        }

        void set(RecordType type, List<?> list) {
            byType[type.ordinal()] = list;
        }
    }

    private static final Comparator<Entry<?>> BY_DAY = Comparator.<Entry<?>>comparingInt(BatchValidator::day)
            .thenComparingInt(e -> e.index);

    /** One validation: its row index and the problems found so far. */
    private final class Run {
        private final RowIndex rows;
        private final List<Problem> problems = new ArrayList<>();
        private boolean withStored;

        Run(RowIndex rows) {
            this.rows = rows;
        }

        ValidationReport validate(RegistryBatch batch, StoredRecords stored) {
            Map<PatientRef, Group> groups = new HashMap<>();
            for (RecordType type : RecordType.values()) {
                List<? extends RegistryRecord> list = batch.records(type);
                for (int i = 0; i < list.size(); i++) {
                    RegistryRecord r = list.get(i);
                    if (recordRules) {
                        long row = rows.row(type, i, r);
                        for (Problem p : RecordRules.check(type, FieldValues.of(type, r))) {
                            problems.add(p.atRow(row));
                        }
                    }
                    groups.computeIfAbsent(PatientRef.of(r), Group::new).add(new Entry<>(r, type, i));
                }
            }
            withStored = stored != StoredRecords.NONE;
            RegistryBatch known = groups.isEmpty() || !withStored ? RegistryBatch.empty()
                    : stored.recordsOf(Collections.unmodifiableSet(groups.keySet()));
            if (known == null) {
                throw new IllegalStateException("StoredRecords.recordsOf returned null");
            }
            for (RecordType type : RecordType.values()) {
                for (RegistryRecord r : known.records(type)) {
                    Group g = groups.get(PatientRef.of(r));
                    if (g != null) {
                        g.add(new Entry<>(r, type, -1));
                    }
                }
            }
            for (Group g : groups.values()) {
                checkPatient(g);
            }
            return ValidationReport.of(problems);
        }

        // --- reporting -------------------------------------------------------------------------------

        private void add(Entry<?> e, String field, Rule rule, String message) {
            long row = rows.row(e.type, e.index, e.record);
            problems.add(new Problem(e.type, row, e.record.naturalKey(), field, RecordRules.text(value(e, field)),
                    rule, message));
        }

        /**
         * Reports a problem that involves two records on the first if it is a batch record, else on the
         * second if that is one; problems among stored records alone are not this batch's.
         */
        private void report(Entry<?> primary, String primaryField, Entry<?> secondary, String secondaryField,
                Rule rule, String message) {
            if (primary.inBatch()) {
                add(primary, primaryField, rule, message);
            } else if (secondary != null && secondary.inBatch()) {
                add(secondary, secondaryField, rule, message);
            }
        }

        /** "imaging study S1 (day 40)" or "surgery T1 (day 12, already in the registry)". */
        private String describe(Entry<?> e) {
            String stored = e.inBatch() ? "" : ", already in the registry";
            return name(e) + " (day " + day(e) + stored + ")";
        }

        /** "S1 (day 40)": a study where the text already says it is one. */
        private String describeStudy(Entry<?> e) {
            String stored = e.inBatch() ? "" : ", already in the registry";
            return ((ImagingStudy) e.record).studyId() + " (day " + day(e) + stored + ")";
        }

        private String registry() {
            return withStored ? " or in the registry" : "";
        }

        // --- per patient -----------------------------------------------------------------------------

        private void checkPatient(Group g) {
            for (RecordType t : RecordType.values()) {
                g.set(t, dedupe(g.get(t), t));
            }
            List<Entry<Patient>> patients = g.get(RecordType.PATIENT);
            List<Entry<Tumour>> tumours = g.get(RecordType.TUMOUR);
            Entry<Tumour> tumour = tumours.isEmpty() ? null : tumours.get(0);
            List<Entry<Biopsy>> biopsies = g.get(RecordType.BIOPSY);
            List<Entry<ImagingStudy>> studies = g.get(RecordType.IMAGING_STUDY);
            List<Entry<Treatment>> treatments = g.get(RecordType.TREATMENT);
            List<Entry<OutcomeEvent>> outcomes = g.get(RecordType.OUTCOME_EVENT);

            if (patients.isEmpty()) {
                unknownPatient(g);
            }
            Map<String, Entry<ImagingStudy>> studyById = new HashMap<>(Math.max(4, studies.size() * 2));
            for (Entry<ImagingStudy> s : studies) {
                studyById.put(s.record.studyId(), s);
            }
            unknownStudies(g, studyById);
            deaths(outcomes, biopsies, studies, treatments);
            surgeryOrder(outcomes, studies, treatments);
            detections(outcomes, studyById);
            lastFollowUps(outcomes, biopsies, studies, treatments);
            if (tumour != null) {
                transperitonealBiopsies(tumour, biopsies);
                surveillanceIntervals(tumour, studies, treatments, outcomes);
            }
        }

        private <R extends RegistryRecord> List<Entry<R>> dedupe(List<Entry<R>> list, RecordType type) {
            if (list.size() < 2) {
                return list;
            }
            String keyField = KEY_FIELD[type.ordinal()];
            Map<String, Entry<R>> seen = new HashMap<>(list.size() * 2);
            List<Entry<R>> kept = new ArrayList<>(list.size());
            for (Entry<R> e : list) {
                Entry<R> first = seen.putIfAbsent(ownKey(e.record), e);
                if (first == null) {
                    kept.add(e);
                } else if (e.inBatch() && first.inBatch()) {
                    String own = ownKey(e.record).replace('\u0000', '/');
                    String what = type == RecordType.PATIENT ? "The patient"
                            : own.isEmpty() ? "The " + type.label().toLowerCase(Locale.ROOT) + " of this patient"
                            : type.label() + " " + own;
                    add(e, keyField, Rule.DUPLICATE_KEY, what + " appears more than once in the batch (first at row "
                            + rows.row(first.type, first.index, first.record)
                            + "); each record may appear once: remove the repeat or give it its own key.");
                }
                // else: a stored record that the batch record with the same key replaces
            }
            return kept;
        }

        private void unknownPatient(Group g) {
            for (RecordType t : RecordType.values()) {
                if (t == RecordType.PATIENT) {
                    continue;
                }
                for (Entry<?> e : g.get(t)) {
                    if (e.inBatch()) {
                        add(e, "patient_pseudonym", Rule.UNKNOWN_PATIENT, "There is no patient with site code "
                                + g.ref.siteCode() + " and this pseudonym in the batch" + registry()
                                + ": add the patient record, or correct the site code or pseudonym.");
                    }
                }
            }
        }

        private void unknownStudies(Group g, Map<String, Entry<ImagingStudy>> studyById) {
            for (Entry<ImagingFeatures> f : g.<ImagingFeatures>get(RecordType.IMAGING_FEATURES)) {
                if (f.inBatch() && !studyById.containsKey(f.record.studyId())) {
                    add(f, "study_id", Rule.UNKNOWN_STUDY, "Study " + f.record.studyId()
                            + " is not an imaging study of this patient in the batch" + registry()
                            + ": imaging features are read on one of the patient's studies; add the study "
                            + "or correct the study key.");
                }
            }
            for (Entry<RadiomicsValue> v : g.<RadiomicsValue>get(RecordType.RADIOMICS_VALUE)) {
                if (v.inBatch() && !studyById.containsKey(v.record.studyId())) {
                    add(v, "study_id", Rule.UNKNOWN_STUDY, "Study " + v.record.studyId()
                            + " is not an imaging study of this patient in the batch" + registry()
                            + ": radiomics values are computed on one of the patient's studies; add the study "
                            + "or correct the study key.");
                }
            }
            for (Entry<OutcomeEvent> o : g.<OutcomeEvent>get(RecordType.OUTCOME_EVENT)) {
                String id = o.record.detectedByStudyId();
                if (o.inBatch() && id != null && !studyById.containsKey(id)) {
                    add(o, "detected_by_study_id", Rule.UNKNOWN_STUDY, "Study " + id
                            + " is not an imaging study of this patient in the batch" + registry()
                            + ": name the key of the study that detected the " + kindName(o.record)
                            + ", add that study, or leave the field empty.");
                }
            }
        }

        private void deaths(List<Entry<OutcomeEvent>> outcomes, List<Entry<Biopsy>> biopsies,
                List<Entry<ImagingStudy>> studies, List<Entry<Treatment>> treatments) {
            List<Entry<OutcomeEvent>> deaths = new ArrayList<>(1);
            for (Entry<OutcomeEvent> o : outcomes) {
                if (o.record.kind() == OutcomeKind.DEATH) {
                    deaths.add(o);
                }
            }
            if (deaths.isEmpty()) {
                return;
            }
            deaths.sort(BY_DAY);
            Entry<OutcomeEvent> death = deaths.get(0);
            for (Entry<OutcomeEvent> other : deaths.subList(1, deaths.size())) {
                report(other, "kind", death, "kind", Rule.MORE_THAN_ONE_DEATH, "The patient has "
                        + deaths.size() + " death events, among them " + describe(death) + " and "
                        + describe(other) + ": keep one death event and delete the others.");
            }
            int deathDay = death.record.day();
            String after = " is after the patient's death, " + describe(death) + ": correct the day";
            for (Entry<ImagingStudy> s : studies) {
                if (s.record.day() > deathDay) {
                    report(s, "day", death, "day", Rule.STUDY_AFTER_DEATH,
                            capitalised(describe(s)) + after + " of the study or of the death.");
                }
            }
            for (Entry<Biopsy> b : biopsies) {
                if (b.record.day() > deathDay) {
                    report(b, "day", death, "day", Rule.EVENT_AFTER_DEATH,
                            capitalised(describe(b)) + after + " of the biopsy or of the death.");
                }
            }
            for (Entry<Treatment> t : treatments) {
                if (t.record.startDay() > deathDay) {
                    report(t, "start_day", death, "day", Rule.EVENT_AFTER_DEATH,
                            capitalised(describe(t)) + after + " of the treatment or of the death.");
                }
            }
            for (Entry<OutcomeEvent> o : outcomes) {
                if (o.record.kind() != OutcomeKind.DEATH && o.record.day() > deathDay) {
                    report(o, "day", death, "day", Rule.EVENT_AFTER_DEATH,
                            capitalised(describe(o)) + after + " of the event or of the death.");
                }
            }
        }

        private void surgeryOrder(List<Entry<OutcomeEvent>> outcomes, List<Entry<ImagingStudy>> studies,
                List<Entry<Treatment>> treatments) {
            Entry<Treatment> firstSurgery = null;
            Entry<Treatment> firstTreatment = null;
            for (Entry<Treatment> t : treatments) {
                if (firstTreatment == null || t.record.startDay() < firstTreatment.record.startDay()) {
                    firstTreatment = t;
                }
                if (t.record.isSurgery()
                        && (firstSurgery == null || t.record.startDay() < firstSurgery.record.startDay())) {
                    firstSurgery = t;
                }
            }
            for (Entry<OutcomeEvent> o : outcomes) {
                if (o.record.kind() != OutcomeKind.LOCAL_RECURRENCE) {
                    continue;
                }
                if (firstSurgery == null) {
                    report(o, "kind", null, null, Rule.RECURRENCE_BEFORE_SURGERY, capitalised(describe(o))
                            + ": the patient has no surgery in the batch" + registry() + ", and a local recurrence "
                            + "follows the resection of the primary tumour. Add the surgery, or correct the event's kind "
                            + "(without a resection, regrowth at the primary site is not a local recurrence).");
                } else if (o.record.day() <= firstSurgery.record.startDay()) {
                    report(o, "day", firstSurgery, "start_day", Rule.RECURRENCE_BEFORE_SURGERY,
                            capitalised(describe(o)) + " is on or before the first surgery, " + describe(firstSurgery)
                                    + ": a local recurrence comes after the surgery; correct either day.");
                }
            }
            Entry<Treatment> reference = firstSurgery != null ? firstSurgery : firstTreatment;
            String what = firstSurgery != null ? "the first surgery" : "the first treatment (the patient had no surgery)";
            for (Entry<ImagingStudy> s : studies) {
                if (!s.record.isSurveillance()) {
                    continue;
                }
                if (reference == null) {
                    report(s, "purpose", null, null, Rule.SURVEILLANCE_BEFORE_TREATMENT, "Surveillance study "
                            + s.record.studyId() + " (day " + s.record.day() + "): the patient has no treatment in "
                            + "the batch" + registry() + ", and surveillance follows treatment. Add the treatment, "
                            + "or give the study its purpose (diagnosis, staging, pre-operative, response).");
                } else if (s.record.day() <= reference.record.startDay()) {
                    report(s, "day", reference, "start_day", Rule.SURVEILLANCE_BEFORE_TREATMENT,
                            "Surveillance study " + s.record.studyId() + " (day " + s.record.day()
                                    + ") is on or before " + what + ", " + describe(reference)
                                    + ": surveillance starts after treatment; correct the day, or give the study "
                                    + "its purpose (diagnosis, staging, pre-operative, response).");
                }
            }
        }

        private void detections(List<Entry<OutcomeEvent>> outcomes, Map<String, Entry<ImagingStudy>> studyById) {
            for (Entry<OutcomeEvent> o : outcomes) {
                String id = o.record.detectedByStudyId();
                Entry<ImagingStudy> s = id == null ? null : studyById.get(id);
                if (s == null) {
                    continue;
                }
                if (s.record.day() > o.record.day()) {
                    report(o, "detected_by_study_id", s, "day", Rule.DETECTION_AFTER_EVENT,
                            capitalised(describe(o)) + " names " + describe(s) + " as the study that detected it, "
                                    + "but the study is later than the event: the event's day is the day it was "
                                    + "first found, so it cannot be before its detecting study.");
                }
                if (s.record.isSurveillance() && o.record.isRecurrence()) {
                    boolean local = o.record.kind() == OutcomeKind.LOCAL_RECURRENCE;
                    boolean reported = s.record.result() != null
                            && (local ? s.record.result().findsLocal() : s.record.result().findsDistant());
                    if (!reported) {
                        report(o, "detected_by_study_id", s, "result", Rule.DETECTING_STUDY_NEGATIVE,
                                capitalised(describe(o)) + " names surveillance study " + describeStudy(s)
                                        + " as the study that detected it, but that study's result is "
                                        + (s.record.result() == null ? "empty" : s.record.result().code())
                                        + ", which reports no " + kindName(o.record)
                                        + ": check the study's result or the detecting study.");
                    }
                }
            }
        }

        private void lastFollowUps(List<Entry<OutcomeEvent>> outcomes, List<Entry<Biopsy>> biopsies,
                List<Entry<ImagingStudy>> studies, List<Entry<Treatment>> treatments) {
            List<Entry<OutcomeEvent>> followUps = new ArrayList<>(1);
            for (Entry<OutcomeEvent> o : outcomes) {
                if (o.record.kind() == OutcomeKind.LAST_FOLLOW_UP) {
                    followUps.add(o);
                }
            }
            if (followUps.isEmpty()) {
                return;
            }
            followUps.sort(BY_DAY);
            Entry<OutcomeEvent> latestFollowUp = followUps.get(followUps.size() - 1);
            for (Entry<OutcomeEvent> extra : followUps.subList(0, followUps.size() - 1)) {
                report(extra, "kind", latestFollowUp, "kind", Rule.DUPLICATE_KEY, "The patient has "
                        + followUps.size() + " last follow-up events, among them " + describe(extra) + " and "
                        + describe(latestFollowUp) + ": a patient has one last follow-up; keep the latest (to "
                        + "replace a stored one, reuse its event key) and delete the others.");
            }
            // the patient's other dated records
            List<Entry<?>> others = new ArrayList<>(biopsies.size() + studies.size() + treatments.size()
                    + outcomes.size());
            others.addAll(biopsies);
            others.addAll(studies);
            others.addAll(treatments);
            for (Entry<OutcomeEvent> o : outcomes) {
                if (o.record.kind() != OutcomeKind.LAST_FOLLOW_UP) {
                    others.add(o);
                }
            }
            if (others.isEmpty()) {
                return;
            }
            Entry<?> latest = others.get(0);
            int[] otherDays = new int[others.size()];
            for (int i = 0; i < otherDays.length; i++) {
                Entry<?> e = others.get(i);
                otherDays[i] = day(e);
                if (otherDays[i] > day(latest)) {
                    latest = e;
                }
            }
            Arrays.sort(otherDays);
            boolean batchFollowUp = false;
            for (Entry<OutcomeEvent> f : followUps) {
                if (!f.inBatch()) {
                    continue;
                }
                batchFollowUp = true;
                int day = f.record.day();
                if (day < day(latest)) {
                    int laterCount = otherDays.length - firstAfter(otherDays, day);
                    add(f, "day", Rule.FOLLOW_UP_BEFORE_LAST_RECORD, capitalised(describe(f)) + " is before "
                            + describe(latest) + (laterCount > 1 ? " and " + (laterCount - 1) + " other record(s)" : "")
                            + ": the last follow-up is the latest day the patient's status is known, on or after "
                            + "every other record; move it to day " + day(latest) + " or later.");
                }
            }
            if (!batchFollowUp) {
                // only stored last follow-ups: the batch records after the latest of them are the problem
                int day = latestFollowUp.record.day();
                for (Entry<?> e : others) {
                    if (e.inBatch() && day(e) > day) {
                        add(e, dayField(e.type), Rule.FOLLOW_UP_BEFORE_LAST_RECORD, capitalised(describe(e))
                                + " is after the patient's last follow-up, " + describe(latestFollowUp)
                                + ": update the last follow-up (same event key) to day " + day(e)
                                + " or later in the same upload.");
                    }
                }
            }
        }

        private void transperitonealBiopsies(Entry<Tumour> tumour, List<Entry<Biopsy>> biopsies) {
            if (tumour.record.primaryLocation() != PrimaryLocation.RETROPERITONEUM) {
                return;
            }
            for (Entry<Biopsy> b : biopsies) {
                if (b.record.approach() == BiopsyApproach.TRANSPERITONEAL) {
                    report(b, "approach", tumour, "primary_location", Rule.TRANSPERITONEAL_RETROPERITONEAL_BIOPSY,
                            capitalised(describe(b)) + " of a retroperitoneal tumour was taken through the "
                                    + "peritoneum; guidelines say retroperitoneal tumours are never biopsied "
                                    + "transperitoneally (risk of peritoneal seeding). Please confirm the approach.");
                }
            }
        }

        private void surveillanceIntervals(Entry<Tumour> tumour, List<Entry<ImagingStudy>> studies,
                List<Entry<Treatment>> treatments, List<Entry<OutcomeEvent>> outcomes) {
            FnclccGrade grade = tumour.record.grade();
            if (grade == null || treatments.isEmpty()) {
                return;
            }
            List<Entry<ImagingStudy>> visits = new ArrayList<>();
            for (Entry<ImagingStudy> s : studies) {
                if (s.record.isSurveillance()) {
                    visits.add(s);
                }
            }
            if (visits.isEmpty()) {
                return;
            }
            int end = SurveillanceGuideline.surveillanceEndDay(records(outcomes), records(studies));
            OptionalInt treatmentEnd = SurveillanceGuideline.primaryTreatmentEndDay(records(treatments), end);
            if (treatmentEnd.isEmpty()) {
                return;
            }
            int reference = treatmentEnd.getAsInt();
            Entry<Treatment> referenceTreatment = null;
            for (Entry<Treatment> t : treatments) {
                if (SurveillanceGuideline.isPrimaryTreatment(t.record, end) && t.record.startDay() == reference
                        && (referenceTreatment == null || (t.inBatch() && !referenceTreatment.inBatch()))) {
                    referenceTreatment = t;
                }
            }
            visits.sort(BY_DAY);
            int[] days = new int[visits.size()];
            for (int i = 0; i < days.length; i++) {
                days[i] = visits.get(i).record.day();
            }
            for (SurveillanceGuideline.Gap gap : guideline.overdueGaps(grade, reference, end, days)) {
                Entry<ImagingStudy> to = visits.get(gap.toIndex());
                Entry<?> from = gap.fromIndex() >= 0 ? visits.get(gap.fromIndex()) : referenceTreatment;
                String since = gap.fromIndex() >= 0 ? "the previous surveillance study " + describeStudy(from)
                        : "the end of primary treatment, " + describe(from);
                SurveillanceGuideline.Phase phase = gap.phase();
                int monthsAfter = (int) ((gap.fromDay() - reference) / SurveillanceGuideline.DAYS_PER_MONTH);
                report(to, "day", from, dayField(from.type), Rule.SURVEILLANCE_INTERVAL_OUTSIDE_GUIDELINE,
                        String.format(Locale.ROOT, "Surveillance study %s (day %d) comes %d days after %s. For grade "
                                + "%s, %d months after the end of primary treatment (day %d), the guideline asks for "
                                + "imaging %s; the longest accepted gap is %d days (%d months + %d days' tolerance). "
                                + "Please confirm no surveillance study is missing.",
                                to.record.studyId(), to.record.day(), gap.days(), since, grade.code(), monthsAfter,
                                reference, phase.recommendation(), gap.allowedDays(), phase.maxIntervalMonths(),
                                guideline.toleranceDays()));
            }
        }
    }

    // --- record helpers ----------------------------------------------------------------------------------

    /** The natural-key field that tells records of one patient apart (the last key field). */
    private static final String[] KEY_FIELD = new String[TYPES];

    static {
        for (RecordType t : RecordType.values()) {
            List<String> keys = t.keyFields();
            KEY_FIELD[t.ordinal()] = keys.get(keys.size() - 1);
        }
    }

    /** The part of the natural key after site and pseudonym ("" for patients and tumours). */
    private static String ownKey(RegistryRecord r) {
        if (r instanceof Biopsy b) {
            return b.biopsyId();
        } else if (r instanceof ImagingStudy s) {
            return s.studyId();
        } else if (r instanceof ImagingFeatures f) {
            return f.studyId();
        } else if (r instanceof RadiomicsValue v) {
            return v.studyId() + '\u0000' + v.ibsiFeature();
        } else if (r instanceof Treatment t) {
            return t.treatmentId();
        } else if (r instanceof OutcomeEvent o) {
            return o.eventId();
        }
        return "";
    }

    /** The day of a dated record (biopsy, study, treatment start, outcome event). */
    private static int day(Entry<?> e) {
        RegistryRecord r = e.record;
        if (r instanceof Biopsy b) {
            return b.day();
        } else if (r instanceof ImagingStudy s) {
            return s.day();
        } else if (r instanceof Treatment t) {
            return t.startDay();
        } else if (r instanceof OutcomeEvent o) {
            return o.day();
        }
        throw new IllegalArgumentException("not a dated record: " + e.type);
    }

    /** The index of the first value above {@code day} in an ascending array (its length if none). */
    private static int firstAfter(int[] ascending, int day) {
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] <= day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static String dayField(RecordType type) {
        return type == RecordType.TREATMENT ? "start_day" : "day";
    }

    /** "imaging study S1", "biopsy B1", "surgery T1", "local recurrence E1". */
    private static String name(Entry<?> e) {
        RegistryRecord r = e.record;
        if (r instanceof Biopsy b) {
            return "biopsy " + b.biopsyId();
        } else if (r instanceof ImagingStudy s) {
            return "imaging study " + s.studyId();
        } else if (r instanceof Treatment t) {
            return t.kind().label().toLowerCase(Locale.ROOT) + " " + t.treatmentId();
        } else if (r instanceof OutcomeEvent o) {
            return kindName(o) + " " + o.eventId();
        }
        return e.type.label().toLowerCase(Locale.ROOT) + " " + r.naturalKey();
    }

    private static String kindName(OutcomeEvent o) {
        return o.kind().label().toLowerCase(Locale.ROOT);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** The typed value of a field of a record, or null. */
    private static Object value(Entry<?> e, String field) {
        return e.type.field(field).map(f -> valueOf(f, e.record)).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static <R> Object valueOf(FieldSpec<?> field, R record) {
        return ((FieldSpec<R>) field).valueOf(record);
    }

    private static <R extends RegistryRecord> List<R> records(List<Entry<R>> entries) {
        List<R> list = new ArrayList<>(entries.size());
        for (Entry<R> e : entries) {
            list.add(e.record);
        }
        return list;
    }
}
