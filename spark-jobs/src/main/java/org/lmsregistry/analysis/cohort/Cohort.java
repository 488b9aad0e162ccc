package org.lmsregistry.analysis.cohort;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.lmsregistry.analysis.disclosure.SmallCellSuppression;
import org.lmsregistry.analysis.spark.RegistryData;

/**
 * The patients of a cohort definition: the patient table ({@link PatientTable}) filtered step by step,
 * with the number of patients left after each step (the flow diagram of a study report).
 *
 * @param definition the definition applied
 * @param patients   the cohort's patient table (a filter over the cached registry patient table), without the
 *                   pseudonym and the features' study id, which no analysis reads: patients are identified by
 *                   {@link PatientTable#KEY}
 * @param flow       patients left after each step, in order; the first step is the registry
 * @param cached     the registry's patient table with each patient's selection mark, cached: built once, it
 *                   serves the flow counts and every use of {@code patients}; {@link #release()} frees it. Null
 *                   when the cohort selects from a table its caller cached ({@link #selectFromCached})
 */
public record Cohort(CohortDefinition definition, Dataset<Row> patients, List<Step> flow, Dataset<Row> cached) {

    /** One selection step and the patients left after it. */
    public record Step(String criterion, long patientsLeft) {
    }

    /** The number of selection steps a patient passed (all of them: in the cohort). */
    private static final String STEPS = "_steps";

    /** Frees the cached patient table (after the last job of a session). */
    public void release() {
        if (cached != null) {
            cached.unpersist();
        }
    }

    /** The size of the cohort. */
    public long size() {
        return flow.get(flow.size() - 1).patientsLeft();
    }

    /** Builds the patient table and applies the definition. */
    public static Cohort select(RegistryData data, CohortDefinition definition) {
        return select(PatientTable.of(data), definition);
    }

    /** Applies a definition to a patient table, and caches the marked table for the cohort's jobs. */
    public static Cohort select(Dataset<Row> patientTable, CohortDefinition d) {
        return select(patientTable, d, true);
    }

    /**
     * The registry's patient table cached for several cohorts ({@link #selectFromCached}), without the features'
     * study id, which no analysis reads; the pseudonym stays for the cohorts' listed exclusions.
     */
    public static Dataset<Row> cacheable(Dataset<Row> patientTable) {
        return patientTable.drop(PatientTable.FEATURE_STUDY).persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * Applies a definition to a patient table its caller cached ({@link #cacheable}) and frees: one of several
     * cohorts of a session, which selects from that cache instead of building and caching its own. Its
     * {@link #release()} frees nothing.
     */
    public static Cohort selectFromCached(Dataset<Row> cachedPatientTable, CohortDefinition d) {
        return select(cachedPatientTable, d, false);
    }

    private static Cohort select(Dataset<Row> patientTable, CohortDefinition d, boolean cache) {
        List<String> names = new ArrayList<>();
        List<Column> keep = new ArrayList<>();
        if (!d.sites().isEmpty()) {
            names.add("site in " + d.sites());
            keep.add(col(PatientTable.SITE).isin(d.sites().toArray()));
        }
        if (!d.locations().isEmpty()) {
            names.add("primary location in " + d.locations());
            keep.add(col(PatientTable.LOCATION).isin(d.locations().toArray()));
        }
        if (!d.grades().isEmpty()) {
            names.add("grade in " + d.grades());
            keep.add(col(PatientTable.GRADE).isin(d.grades().toArray()));
        }
        if (!d.sex().isEmpty()) {
            names.add("sex in " + d.sex());
            keep.add(col(PatientTable.SEX).isin(d.sex().toArray()));
        }
        if (d.diagnosisYears() != null) {
            names.add("diagnosis year " + range(d.diagnosisYears()));
            keep.add(inRange(col(PatientTable.DIAGNOSIS_YEAR), d.diagnosisYears()));
        }
        if (d.ageYears() != null) {
            names.add("age at diagnosis " + range(d.ageYears()));
            keep.add(inRange(col(PatientTable.AGE), d.ageYears()));
        }
        if (d.minimumFollowUpDays() != null && d.minimumFollowUpDays() > 0) {
            names.add("follow-up of at least " + d.minimumFollowUpDays() + " days (or died before)");
            keep.add(col(PatientTable.END_DAY).geq(d.minimumFollowUpDays()).or(col(PatientTable.DEATH_DAY).isNotNull()));
        }
        CohortDefinition.Exclusions x = d.exclusions();
        if (x.sites() != null && !x.sites().isEmpty()) {
            names.add("excluding sites " + x.sites());
            keep.add(functions.not(col(PatientTable.SITE).isin(x.sites().toArray())));
        }
        if (x.locations() != null && !x.locations().isEmpty()) {
            names.add("excluding primary locations " + x.locations());
            keep.add(functions.not(col(PatientTable.LOCATION).isin(x.locations().toArray())));
        }
        if (x.patients() != null && !x.patients().isEmpty()) {
            names.add("excluding " + x.patients().size() + " listed patients");
            Column listed = lit(false);
            for (CohortDefinition.PatientRef p : x.patients()) {
                listed = listed.or(col(PatientTable.SITE).equalTo(p.site()).and(col(PatientTable.PSEUDONYM)
                        .equalTo(p.pseudonym())));
            }
            keep.add(functions.not(listed));
        }
        if (Boolean.TRUE.equals(x.withoutImagingFeatures())) {
            names.add("excluding patients without imaging features");
            keep.add(col(PatientTable.HAS_FEATURES));
        }
        if (Boolean.TRUE.equals(x.withoutSurgery())) {
            names.add("excluding patients without surgery");
            keep.add(col(PatientTable.SURGERY_DAY).isNotNull());
        }
        if (Boolean.TRUE.equals(x.neoadjuvantTreatment())) {
            names.add("excluding patients with neoadjuvant treatment");
            keep.add(functions.not(col(PatientTable.NEOADJUVANT)));
        }
        // a criterion on a missing value (unknown grade, no follow-up) excludes the patient; the steps apply in
        // order, so a patient's mark is the number of steps passed before the first that excludes them
        Column steps = lit(0);
        Column sofar = lit(true);
        for (Column k : keep) {
            sofar = sofar.and(functions.coalesce(k, lit(false)));
            steps = steps.plus(functions.when(sofar, 1).otherwise(0));
        }
        // cached without the columns no analysis reads (the pseudonym serves only the listed exclusions, and is
        // marked before caching): 64-byte strings less to copy and keep per patient
        Dataset<Row> marked = patientTable.withColumn(STEPS, steps)
                .drop(PatientTable.PSEUDONYM, PatientTable.FEATURE_STUDY);
        if (cache) {
            marked = marked.persist(StorageLevel.MEMORY_AND_DISK());
        }
        List<Column> counts = new ArrayList<>();
        counts.add(functions.count(lit(1)).as("registry"));
        for (int i = 0; i < keep.size(); i++) {
            counts.add(functions.sum(functions.when(col(STEPS).gt(i), 1).otherwise(0)).as("step" + i));
        }
        Row c = marked.agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new)).first();
        List<Step> flow = new ArrayList<>();
        flow.add(new Step("patients in the registry", c.getLong(0)));
        for (int i = 0; i < keep.size(); i++) {
            flow.add(new Step(names.get(i), c.isNullAt(i + 1) ? 0 : c.getLong(i + 1)));
        }
        // not cached a second time: a filter over the cached table costs less than building another cache
        Dataset<Row> selected = marked.where(col(STEPS).equalTo(keep.size())).drop(STEPS);
        return new Cohort(d, selected, List.copyOf(flow), cache ? marked : null);
    }

    private static Column inRange(Column c, CohortDefinition.Range r) {
        Column ok = lit(true);
        if (r.from() != null) {
            ok = ok.and(c.geq(r.from()));
        }
        if (r.to() != null) {
            ok = ok.and(c.leq(r.to()));
        }
        return ok;
    }

    private static String range(CohortDefinition.Range r) {
        return (r.from() == null ? "" : r.from().toString()) + "-" + (r.to() == null ? "" : r.to().toString());
    }

    /**
     * The patients left after each step, as they may be published: the patients excluded at the steps are
     * suppressed as one column with their total (registry minus cohort, both published), and a step's
     * patients-left count is hidden when an earlier exclusion is hidden (it would reveal it by difference).
     */
    public List<org.lmsregistry.analysis.disclosure.ShownCount> shownFlow(SmallCellSuppression suppression) {
        List<org.lmsregistry.analysis.disclosure.ShownCount> out = new ArrayList<>();
        out.add(suppression.show(flow.get(0).patientsLeft()));
        int steps = flow.size() - 1;
        if (steps == 0) {
            return out;
        }
        long[][] excluded = new long[steps][1];
        for (int i = 0; i < steps; i++) {
            excluded[i][0] = flow.get(i).patientsLeft() - flow.get(i + 1).patientsLeft();
        }
        org.lmsregistry.analysis.disclosure.SuppressedTable t;
        try {
            t = suppression.apply(excluded);
        } catch (IllegalArgumentException e) {
            t = null;
        }
        boolean earlierHidden = false;
        for (int i = 0; i < steps; i++) {
            earlierHidden |= t == null || t.cell(i, 0).suppressed();
            boolean last = i == steps - 1;
            if (earlierHidden && !(last && t != null && !t.columnTotals().get(0).suppressed())) {
                out.add(new org.lmsregistry.analysis.disclosure.ShownCount(java.util.OptionalLong.empty(),
                        org.lmsregistry.analysis.disclosure.ShownCount.Suppression.COMPLEMENTARY,
                        org.lmsregistry.analysis.disclosure.ShownCount.COMPLEMENTARY_MARK));
            } else {
                out.add(suppression.show(flow.get(i + 1).patientsLeft()));
            }
        }
        return out;
    }

    /** The provenance of the cohort: definition and flow, counts after disclosure control. */
    public Map<String, Object> describe(SmallCellSuppression suppression) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", definition.name());
        m.put("definition", definition.toMap());
        List<Object> steps = new ArrayList<>();
        List<org.lmsregistry.analysis.disclosure.ShownCount> shown = shownFlow(suppression);
        for (int i = 0; i < flow.size(); i++) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("criterion", flow.get(i).criterion());
            step.put("patientsLeft", shown.get(i));
            steps.add(step);
        }
        m.put("flow", steps);
        m.put("patients", suppression.show(size()));
        return m;
    }
}
