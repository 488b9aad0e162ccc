package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.cohort.Cohort;
import org.lmsregistry.analysis.cohort.CohortDefinition;
import org.lmsregistry.analysis.spark.TestRegistry;
import org.lmsregistry.analysis.spark.TestSpark;

/**
 * The models with a continuous covariate take their patterns on the driver ({@link PatientCovariates}); this
 * checks them against the former formulation, every model's patterns counted in Spark, on the small generated
 * registry, whole and one site: the same patterns (values bit for bit, missing values as NaN), the same order,
 * the same counts, so the fits are the same to the last digit; and eligibility and 2x2 cells unchanged.
 */
class AssociationsDriverPatternsTest {

    private static Cohort oneSite;
    private static Compared wholeRegistry;

    /** A multivariable model with continuous covariates (ADC is missing without MRI, radiomics without a study). */
    private static List<String> model(List<String> radiomics) {
        return List.of("peripheral_enhancement", "adc_mean", "radiomics_" + radiomics.get(0), Features.SIZE,
                Features.GRADE);
    }

    @BeforeAll
    static void cohorts() {
        oneSite = Cohort.select(TestRegistry.data(), CohortDefinition.parse("{\"sites\": [\"NORTH\"]}"));
    }

    private static synchronized Compared wholeRegistry() {
        if (wholeRegistry == null) {
            wholeRegistry = compare(TestRegistry.allPatients(), List.of(Features.GRADE, Features.SIZE));
        }
        return wholeRegistry;
    }

    @AfterAll
    static void release() {
        oneSite.release();
    }

    private record Compared(AssociationsJob.Counts former, AssociationsJob.Counts driver, List<List<String>> models,
                            boolean[] onDriver) {
    }

    private static Compared compare(Cohort cohort, List<String> adjust) {
        AnalysisContext ctx = new AnalysisContext(TestSpark.session(), TestRegistry.data(), cohort, 2, 0.95);
        List<String> radiomics = AssociationsJob.radiomicsNames(ctx, cohort.patients());
        assertThat(radiomics).as("the test registry has radiomics").isNotEmpty();
        AssociationsJob.Options o = new AssociationsJob.Options(Outcomes.METASTASIS, 1095, List.of(), List.of(),
                adjust, model(radiomics), 100);
        Map<String, Features.Feature> binary = Features.binary(100);
        Map<String, Features.Feature> continuous = Features.continuous(radiomics);
        List<String> features = new ArrayList<>(binary.keySet());
        features.addAll(continuous.keySet());
        List<List<String>> models = AssociationsJob.models(features, o);
        boolean[] onDriver = AssociationsJob.onDriver(models, continuous);
        AssociationsJob.Counts former = AssociationsJob.countsOf(ctx, o, radiomics, new ArrayList<>(binary.keySet()),
                models, new boolean[models.size()]);
        AssociationsJob.Counts driver = AssociationsJob.countsOf(ctx, o, radiomics, new ArrayList<>(binary.keySet()),
                models, onDriver);
        return new Compared(former, driver, models, onDriver);
    }

    private static void assertSamePatterns(String what, CovariatePatterns expected, CovariatePatterns actual) {
        assertThat(actual.covariates()).as(what).isEqualTo(expected.covariates());
        assertThat(actual.size()).as(what + " patterns").isEqualTo(expected.size());
        assertThat(actual.outcomes()).as(what + " outcomes").isEqualTo(expected.outcomes());
        assertThat(actual.counts()).as(what + " counts").isEqualTo(expected.counts());
        for (int j = 0; j < expected.covariates().size(); j++) {
            // bit for bit (Double.equals: NaN equals NaN)
            assertThat(actual.values(j)).as(what + " " + expected.covariates().get(j))
                    .usingElementComparator(Double::compare).containsExactly(expected.values(j));
        }
    }

    /** Asserts the driver's counts are the former ones; returns whether an adjustment covariate was missing. */
    private static boolean assertSameCounts(Compared c) {
        assertThat(c.driver().eligibility()).as("eligibility").hasSameSizeAs(c.former().eligibility());
        c.former().eligibility().forEach((site, e) -> assertThat(c.driver().eligibility().get(site)).as(site)
                .containsExactly(e));
        assertThat(c.driver().cells().keySet()).isEqualTo(c.former().cells().keySet());
        c.former().cells().forEach((f, bySite) -> bySite.forEach((site, t) ->
                assertThat(c.driver().cells().get(f).get(site)).as(f + " " + site).containsExactly(t)));
        int driven = 0;
        boolean missingSeen = false;
        for (int m = 0; m < c.models().size(); m++) {
            List<String> model = c.models().get(m);
            assertThat(c.former().counted().get(m)).as("former formulation counts " + model).isNotNull();
            CovariatePatterns expected = c.former().patterns(m);
            CovariatePatterns actual = c.driver().patterns(m);
            assertSamePatterns(model.toString(), expected, actual);
            if (c.onDriver()[m]) {
                driven++;
                assertThat(c.driver().counted().get(m)).as(model + " taken on the driver").isNull();
                boolean last = m == c.models().size() - 1;
                // the sort of patients, for keys too wide to pack, gives the same patterns
                assertSamePatterns(model + " unpacked", expected, c.driver().patients().patterns(model, last, 0));
                for (int j = 1; j < model.size(); j++) {
                    for (double v : actual.values(j)) {
                        missingSeen |= Double.isNaN(v);
                        // the multivariable model takes only patients with every covariate known
                        assertThat(last && Double.isNaN(v)).as(model + " complete").isFalse();
                    }
                }
            }
        }
        assertThat(driven).as("models with a continuous covariate").isGreaterThan(5);
        assertThat(c.onDriver()[c.models().size() - 1]).as("the multivariable model is taken on the driver").isTrue();
        return missingSeen;
    }

    @Test
    void driverPatternsAreTheSparkPatternsOnTheWholeRegistry() {
        Compared c = wholeRegistry();
        assertSameCounts(c);
        assertThat(c.former().eligibility()).as("sites").hasSizeGreaterThan(1);
        assertThat(c.onDriver()).as("binary features adjusted for grade and size stay in Spark").contains(false);
    }

    @Test
    void driverPatternsAreTheSparkPatternsOnOneSite() {
        // adjusted for ADC too, which is missing without MRI: every model on the driver, NaN among the covariates
        Compared c = compare(oneSite, List.of(Features.GRADE, Features.SIZE, "adc_mean"));
        assertThat(assertSameCounts(c)).as("missing adjustment covariates are kept as NaN").isTrue();
        assertThat(c.former().eligibility()).as("sites").containsOnlyKeys("NORTH");
        assertThat(c.onDriver()).as("every model adjusted for ADC").doesNotContain(false);
    }

    @Test
    void fitsOnDriverPatternsAreTheFitsOnSparkPatterns() {
        Compared c = wholeRegistry();
        int m = c.models().size() - 1;
        List<String> model = c.models().get(m);
        Map<String, Boolean> isBinary = Map.of("peripheral_enhancement", true);
        CovariatePatterns.Fitted former = c.former().patterns(m).fit(model, isBinary, 0.95);
        CovariatePatterns.Fitted driver = c.driver().patterns(m).fit(model, isBinary, 0.95);
        assertThat(former.fit()).as(former.whyNot()).isNotNull();
        // records of doubles: equal only when every estimate, SE, p-value and deviance is the same double
        assertThat(driver.fit()).isEqualTo(former.fit());
        assertThat(driver.fit().observations()).isLessThan(c.driver().patients().size());
    }

    @Test
    void badRowsAreRefusedWithWhatIsWrong() {
        Dataset<Row> p = TestRegistry.allPatients().patients();
        Column outcome = lit(true);
        assertThatThrownBy(() -> PatientCovariates.collect(p.select(PatientCovariates.columns(outcome,
                List.of(col("age").cast("double")))), List.of("age_years", "adc_mean")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 covariates")
                .hasMessageContaining("age_years");
        assertThatThrownBy(() -> PatientCovariates.collect(p.select(PatientCovariates.columns(
                lit(null).cast("boolean"), List.of(col("age").cast("double")))), List.of("age_years")))
                .hasStackTraceContaining("has no outcome value");
        PatientCovariates values = PatientCovariates.collect(p.select(PatientCovariates.columns(outcome,
                List.of(col("age").cast("double")))), List.of("age_years"));
        assertThat(values.size()).isEqualTo(TestRegistry.allPatients().patients().count());
        assertThatThrownBy(() -> values.patterns(List.of("adc_mean"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adc_mean is not among [age_years]");
        assertThatThrownBy(() -> AssociationsJob.counts(p, List.of(), List.of(List.of("age_years")), false,
                new boolean[] {true}, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[age_years]").hasMessageContaining("driver");
    }
}
