package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
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
 * The associations take the eligibility, the 2x2 cells and every model's patterns on the driver from one row per
 * patient ({@link PatientCovariates}); this checks them against the former formulation, everything counted in
 * Spark ({@link SparkCountedPatterns}), on the small generated registry, whole and one site: the same eligibility
 * and cells per site, the same patterns (values bit for bit, missing values as NaN), the same order, the same
 * counts, so the fits are the same to the last digit, whichever of the three ways (counted by key, sorted keys,
 * sorted patients) takes the patterns.
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

    private record Compared(SparkCountedPatterns.Counted former, AssociationsJob.Counts driver,
                            List<List<String>> models, List<String> binary) {
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
        List<String> binaryNames = new ArrayList<>(binary.keySet());
        SparkCountedPatterns.Counted former = SparkCountedPatterns.count(ctx, o, radiomics, binaryNames, models);
        AssociationsJob.Counts driver = AssociationsJob.countsOf(ctx, o, radiomics, binaryNames, models);
        return new Compared(former, driver, models, binaryNames);
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
    private static boolean assertSameCounts(Compared c, boolean fewPatternModels) {
        assertThat(c.driver().eligibility()).as("eligibility").hasSameSizeAs(c.former().eligibility());
        c.former().eligibility().forEach((site, e) -> assertThat(c.driver().eligibility().get(site)).as(site)
                .containsExactly(e));
        long cellsSeen = 0;
        for (String f : c.binary()) {
            Map<String, long[]> former = c.former().cells().getOrDefault(f, Map.of());
            Map<String, long[]> driver = c.driver().cells().get(f);
            // the driver has every site, the former formulation the sites with a patient counted
            assertThat(driver.keySet()).as(f + " sites").isEqualTo(c.former().eligibility().keySet());
            for (String site : driver.keySet()) {
                assertThat(driver.get(site)).as(f + " " + site).containsExactly(former.getOrDefault(site, new long[4]));
                cellsSeen += Arrays.stream(driver.get(site)).sum();
            }
        }
        assertThat(cellsSeen).as("patients in the 2x2 tables").isPositive();
        boolean missingSeen = false;
        boolean counted = false;
        boolean sorted = false;
        for (int m = 0; m < c.models().size(); m++) {
            List<String> model = c.models().get(m);
            CovariatePatterns expected = c.former().patterns().get(m);
            CovariatePatterns actual = c.driver().patterns(m);
            assertThat(actual.size()).as(model + " patterns").isPositive();
            assertSamePatterns(model.toString(), expected, actual);
            boolean last = m == c.models().size() - 1;
            // the other ways, forced: keys sorted as longs, and the patients sorted, give the same patterns
            assertSamePatterns(model + " sorted keys", expected, c.driver().patients().patterns(model, last, 0, 63));
            assertSamePatterns(model + " sorted patients", expected, c.driver().patients().patterns(model, last, 0,
                    0));
            boolean continuous = model.stream().anyMatch(x -> !c.binary().contains(x) && !Features.GRADE.equals(x)
                    && !Features.SIZE.equals(x));
            // a binary feature with grade and size has few patterns (counted by key), a continuous one many
            counted |= !continuous;
            sorted |= continuous && actual.size() > 100;
            for (int j = 1; j < model.size(); j++) {
                for (double v : actual.values(j)) {
                    missingSeen |= Double.isNaN(v);
                    // the multivariable model takes only patients with every covariate known
                    assertThat(last && Double.isNaN(v)).as(model + " complete").isFalse();
                }
            }
        }
        assertThat(counted).as("a model of few patterns").isEqualTo(fewPatternModels);
        assertThat(sorted).as("a model of many patterns").isTrue();
        return missingSeen;
    }

    @Test
    void driverPatternsAreTheSparkPatternsOnTheWholeRegistry() {
        Compared c = wholeRegistry();
        assertSameCounts(c, true);
        assertThat(c.former().eligibility()).as("sites").hasSizeGreaterThan(1);
    }

    @Test
    void driverPatternsAreTheSparkPatternsOnOneSite() {
        // adjusted for ADC too, which is missing without MRI: NaN among the covariates
        Compared c = compare(oneSite, List.of(Features.GRADE, Features.SIZE, "adc_mean"));
        // every model has ADC, with many distinct values: none is of few patterns
        assertThat(assertSameCounts(c, false)).as("missing adjustment covariates are kept as NaN").isTrue();
        assertThat(c.former().eligibility()).as("sites").containsOnlyKeys("NORTH");
    }

    @Test
    void fitsOnDriverPatternsAreTheFitsOnSparkPatterns() {
        Compared c = wholeRegistry();
        int m = c.models().size() - 1;
        List<String> model = c.models().get(m);
        Map<String, Boolean> isBinary = Map.of("peripheral_enhancement", true);
        CovariatePatterns.Fitted former = c.former().patterns().get(m).fit(model, isBinary, 0.95);
        CovariatePatterns.Fitted driver = c.driver().patterns(m).fit(model, isBinary, 0.95);
        assertThat(former.fit()).as(former.whyNot()).isNotNull();
        // records of doubles: equal only when every estimate, SE, p-value and deviance is the same double
        assertThat(driver.fit()).isEqualTo(former.fit());
        assertThat(driver.fit().observations()).isLessThan(c.driver().patients().size());
    }

    @Test
    void badRowsAreRefusedWithWhatIsWrong() {
        Dataset<Row> p = TestRegistry.allPatients().patients();
        Column site = col("site_code");
        Column age = col("age").cast("double");
        assertThatThrownBy(() -> PatientCovariates.collect(p.select(site, lit(true), lit(true), age),
                List.of("age_years", "adc_mean"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 covariates").hasMessageContaining("age_years");
        assertThatThrownBy(() -> PatientCovariates.collect(p.select(site, lit(true), lit(null).cast("boolean"), age),
                List.of("age_years"))).hasStackTraceContaining("has no outcome value");
        assertThatThrownBy(() -> PatientCovariates.collect(p.select(lit(null).cast("string"), lit(true), lit(true),
                age), List.of("age_years"))).hasStackTraceContaining("has no site code");
        assertThatThrownBy(() -> PatientCovariates.collect(p.select(site, lit(null).cast("boolean"), lit(true),
                age), List.of("age_years"))).hasStackTraceContaining("whether the outcome is known");
        PatientCovariates values = PatientCovariates.collect(p.select(site, lit(true), lit(true), age),
                List.of("age_years"));
        assertThat(values.size()).isEqualTo(TestRegistry.allPatients().patients().count());
        assertThatThrownBy(() -> values.patterns(List.of("adc_mean"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adc_mean is not among [age_years]");
        assertThatThrownBy(() -> values.cells("deep"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deep is not among [age_years]");
    }

    @Test
    void oddValuesArePatternsAsSparkGroupsThem() {
        // -0.0 is 0.0, null is NaN, patients whose outcome is not known count only in the eligibility
        Dataset<Row> rows = TestSpark.session().sql("select * from values "
                + "('B', true, true, -0.0D, true), ('B', true, true, 0.0D, cast(null as boolean)), "
                + "('A', true, false, cast(null as double), false), ('A', false, cast(null as boolean), 5.0D, true), "
                + "('A', true, false, 2.5D, true), ('C', false, false, 1.0D, false) as t(s, k, y, x, f)");
        PatientCovariates values = PatientCovariates.collect(rows, List.of("x", "f"));
        assertThat(values.size()).isEqualTo(4);
        assertThat(values.eligibility().keySet()).containsExactly("A", "B", "C");
        assertThat(values.eligibility().get("A")).containsExactly(3, 2, 0);
        assertThat(values.eligibility().get("B")).containsExactly(2, 2, 2);
        assertThat(values.eligibility().get("C")).containsExactly(1, 0, 0);
        assertThat(values.cells("f").get("A")).containsExactly(0, 1, 0, 1);
        assertThat(values.cells("f").get("B")).containsExactly(1, 0, 0, 0);
        assertThat(values.cells("f").get("C")).containsExactly(0, 0, 0, 0);
        for (int[] way : new int[][] {{20, 63}, {0, 63}, {0, 0}}) {
            CovariatePatterns all = values.patterns(List.of("f", "x"), false, way[0], way[1]);
            // sorted by outcome, then f (0, 1; NaN last), then x: (false, 0, NaN), (false, 1, 2.5), (true, 1, 0),
            // (true, NaN, 0): the last has f missing and is left out, the first feature being needed
            assertThat(all.outcomes()).containsExactly(false, false, true);
            assertThat(all.values(0)).containsExactly(0.0, 1.0, 1.0);
            assertThat(all.values(1)).usingElementComparator(Double::compare).containsExactly(Double.NaN, 2.5, 0.0);
            assertThat(all.counts()).containsExactly(1, 1, 1);
            CovariatePatterns byX = values.patterns(List.of("x"), true, way[0], way[1]);
            // -0.0 and 0.0 one pattern of two patients
            assertThat(byX.values(0)).containsExactly(2.5, 0.0);
            assertThat(Double.doubleToRawLongBits(byX.values(0)[1])).isZero();
            assertThat(byX.counts()).containsExactly(1, 2);
        }
    }
}
