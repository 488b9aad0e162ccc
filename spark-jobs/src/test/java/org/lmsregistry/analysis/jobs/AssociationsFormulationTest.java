package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.cohort.PatientTable;
import org.lmsregistry.analysis.disclosure.ShownCount;
import org.lmsregistry.analysis.output.AnalysisResult;
import org.lmsregistry.analysis.output.Estimate;
import org.lmsregistry.analysis.spark.TestRegistry;
import org.lmsregistry.analysis.spark.TestSpark;
import org.lmsregistry.analysis.stats.LogisticRegression;
import org.lmsregistry.model.record.RecordType;

/**
 * The associations job counts patterns in Spark and fits them with frequency weights; this checks it against
 * the former formulation on the small generated registry: one row per eligible patient collected to the
 * driver (radiomics joined on site code and pseudonym), every model fitted on the patients' rows, and the 2x2
 * cells and eligibility counted patient by patient. Counts must be equal, estimates equal to 1e-10.
 */
class AssociationsFormulationTest {

    private static final double TOLERANCE = 1e-10;
    /** The planted model with a continuous covariate (missing without MRI): its patterns are taken on the driver. */
    private static final List<String> MODEL = List.of("peripheral_enhancement", "deep", Features.SIZE, Features.GRADE,
            "adc_mean");

    private static AnalysisContext ctx;
    private static AnalysisResult result;
    private static List<Row> subjects;
    private static List<String> numeric;
    private static Map<String, Boolean> isBinary;
    private static Map<String, Features.Feature> binary;
    private static Map<String, Features.Feature> continuous;

    @BeforeAll
    static void run() {
        ctx = new AnalysisContext(TestSpark.session(), TestRegistry.data(),
                TestRegistry.allPatients(), 2, 0.95);
        AssociationsJob.Options o = new AssociationsJob.Options(Outcomes.METASTASIS, 1095, List.of(), List.of(),
                List.of(Features.GRADE, Features.SIZE), MODEL, 100);
        result = AssociationsJob.run(ctx, o);

        // the former formulation: the analysis table collected patient by patient (the cohort's rows of the full
        // patient table, which still has the pseudonym the radiomics are joined on)
        Dataset<Row> p = PatientTable.of(ctx.data()).join(ctx.cohort().patients().select(PatientTable.KEY),
                PatientTable.KEY, "left_semi");
        List<String> radiomics = new ArrayList<>();
        for (Row r : ctx.data().table(RecordType.RADIOMICS_VALUE).select("ibsi_feature").distinct()
                .orderBy("ibsi_feature").collectAsList()) {
            radiomics.add(r.getString(0));
        }
        assertThat(radiomics).as("the test registry has radiomics").isNotEmpty();
        binary = Features.binary(100);
        continuous = Features.continuous(radiomics);
        Dataset<Row> withRadiomics = p.join(PatientTable.radiomics(ctx.data(), radiomics),
                new String[] {PatientTable.SITE, PatientTable.PSEUDONYM}, "left");
        List<Column> cols = new ArrayList<>();
        cols.add(col(PatientTable.SITE));
        cols.add(col(PatientTable.GRADE));
        cols.add(o.outcome().byHorizon(1095).as("y"));
        cols.add(o.outcome().knownAtHorizon(1095).as("known"));
        binary.values().forEach(f -> cols.add(f.column().as(f.name())));
        continuous.values().forEach(f -> cols.add(f.column().as(f.name())));
        cols.add(col(PatientTable.DIAMETER_MM).cast("double").divide(10).as(Features.SIZE));
        Dataset<Row> analysis = withRadiomics.select(cols.toArray(Column[]::new));
        numeric = new ArrayList<>(binary.keySet());
        numeric.addAll(continuous.keySet());
        numeric.add(Features.SIZE);
        subjects = analysis.where(col("known")).collectAsList();
        isBinary = new HashMap<>();
        binary.keySet().forEach(k -> isBinary.put(k, true));
        formerCells = new HashMap<>();
        for (String f : binary.keySet()) {
            for (Row r : analysis.where(col("known").and(col(f).isNotNull())).groupBy(col(f), col("y"))
                    .agg(count(lit(1))).collectAsList()) {
                formerCells.computeIfAbsent(f, k -> new long[4])[(r.getBoolean(0) ? 0 : 2) + (r.getBoolean(1) ? 0 : 1)]
                        += r.getLong(2);
            }
        }
    }

    private static Map<String, long[]> formerCells;

    private static LogisticRegression.Fit formerFit(List<String> covariates) {
        Covariates cov = new Covariates(subjects, numeric, PatientTable.GRADE);
        boolean[] outcome = new boolean[subjects.size()];
        for (int i = 0; i < outcome.length; i++) {
            outcome[i] = subjects.get(i).getBoolean(subjects.get(i).fieldIndex("y"));
        }
        int[] rows = cov.completeCases(covariates, null);
        return LogisticRegression.fit(cov.design(covariates, rows, isBinary), Covariates.pick(outcome, rows), 0.95);
    }

    private static void assertSame(String id, LogisticRegression.Fit former, String coefficient) {
        Estimate e = result.estimate(id);
        LogisticRegression.Coefficient c = former.coefficient(coefficient);
        assertThat(e.flags()).as(id).doesNotContain("not_estimable");
        double beta = (Double) e.details().getOrDefault("logOddsRatio", e.details().get("coefficient"));
        assertThat(beta).as(id + " coefficient").isCloseTo(c.estimate(),
                Offset.offset(TOLERANCE * Math.abs(c.estimate()) + 1e-300));
        double se = (Double) e.details().get("standardError");
        assertThat(se).as(id + " standard error").isCloseTo(c.standardError(),
                Offset.offset(TOLERANCE * c.standardError()));
        assertThat(e.counts().get("patients").value().getAsLong()).as(id + " patients").isEqualTo(former.observations());
        assertThat(e.counts().get("events").value().getAsLong()).as(id + " events").isEqualTo(former.events());
    }

    @Test
    void everyLogisticModelIsTheFitOnThePatients() {
        String base = "association/metastasis/";
        for (String f : binary.keySet()) {
            List<String> adjusted = new ArrayList<>(List.of(f));
            adjusted.addAll(AssociationsJob.adjustmentFor(f, List.of(Features.GRADE, Features.SIZE)));
            assertSame(base + f + "/logistic_crude", formerFit(List.of(f)), f);
            assertSame(base + f + "/logistic_adjusted", formerFit(adjusted), f);
        }
        for (String f : continuous.keySet()) {
            List<String> adjusted = new ArrayList<>(List.of(f));
            adjusted.addAll(AssociationsJob.adjustmentFor(f, List.of(Features.GRADE, Features.SIZE)));
            LogisticRegression.Fit crude = formerFit(List.of(f));
            assertSame(base + f + "/logistic_per_unit", crude, f);
            assertSame(base + f + "/logistic_adjusted_per_unit", formerFit(adjusted), f);
            double sd = (Double) result.estimate(base + f + "/logistic_per_sd").details().get("increment");
            assertThat(sd).as(f + " SD").isCloseTo(crude.standardDeviations().get(f),
                    Offset.offset(TOLERANCE * sd));
        }
        LogisticRegression.Fit model = formerFit(MODEL);
        for (LogisticRegression.Coefficient c : model.coefficients()) {
            String name = c.name().equals("(Intercept)") ? "intercept" : c.name();
            assertSame(base + "model/" + name, model, c.name());
        }
    }

    @Test
    void eligibilityAndTwoByTwoCellsAreThePatientCounts() {
        long known = subjects.size();
        long events = subjects.stream().filter(r -> r.getBoolean(r.fieldIndex("y"))).count();
        assertThat(((ShownCount) result.summary().get("patientsWithKnownOutcome")).value()).hasValue(known);
        assertThat(((ShownCount) result.summary().get("events")).value()).hasValue(events);
        int shown = 0;
        for (String f : binary.keySet()) {
            Estimate crude = result.estimate("association/metastasis/" + f + "/crude");
            long[] cells = formerCells.get(f);
            String[] names = {"a", "b", "c", "d"};
            for (int i = 0; i < 4; i++) {
                ShownCount c = crude.counts().get(names[i]);
                if (!c.suppressed()) {
                    assertThat(c.value()).as(f + " " + names[i]).hasValue(cells[i]);
                    shown++;
                }
            }
        }
        assertThat(shown).as("cells shown (not suppressed)").isGreaterThan(4 * binary.size() / 2);
    }
}
