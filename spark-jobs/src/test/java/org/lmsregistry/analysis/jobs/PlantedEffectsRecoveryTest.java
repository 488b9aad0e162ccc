package org.lmsregistry.analysis.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.cohort.Cohort;
import org.lmsregistry.analysis.cohort.CohortDefinition;
import org.lmsregistry.analysis.output.AnalysisResult;
import org.lmsregistry.analysis.output.Estimate;
import org.lmsregistry.analysis.spark.RegistryData;
import org.lmsregistry.analysis.spark.SyntheticRegistry;
import org.lmsregistry.analysis.spark.TestSpark;
import org.lmsregistry.model.synthetic.CohortSettings;
import org.lmsregistry.model.synthetic.PlantedEffects;

/**
 * The associations and survival jobs recover the effects planted in the synthetic cohort
 * ({@code docs/synthetic-data.md}, section 9): on a generated registry of 200,000 patients (fixed seed), every
 * planted value lies inside the reported 95% confidence interval, with no allowance, and every interval is
 * narrow (so that the check cannot pass by width alone).
 *
 * <ul>
 * <li>Distant metastasis by day 1095: the multivariable logistic model peripheral enhancement + deep + size
 * per cm + grade recovers the conditional odds ratios 3, 2, 1.05, 2 (G2) and 4 (G3).</li>
 * <li>Local recurrence from surgery (deaths censor): the Cox model margin + grade + retroperitoneal/IVC +
 * radiotherapy recovers the hazard ratios 2 (R1), 4 (R2), 1.5 (G2), 2.5 (G3), 3 and 0.6.</li>
 * <li>Death from the disease after the recorded metastasis (other deaths censor): the Cox model grade + age
 * per 10 years recovers 1.5 (G2), 2.5 (G3) and 1.25.</li>
 * </ul>
 * The generator plants these models on the recorded days (the day a recurrence is found), so they are the
 * models the jobs fit, not approximations of them. With 14 values at 95% each, an unbiased generator still
 * puts some value outside its interval for many seeds (about half); the seed is fixed, so this is a
 * regression test of the generator and the jobs together at that seed. What makes it a test of bias is the
 * size: at 200,000 patients the intervals are 3-7% wide, and the 3-5% attenuation of the former generator
 * (effects planted on latent onset) put grade and retroperitoneal hazard ratios outside them.
 */
class PlantedEffectsRecoveryTest {

    /** The widest acceptable 95% interval, as upper / lower: a planted value inside a wider one proves little. */
    static final double MAX_INTERVAL_RATIO = 1.10;

    static final long SEED = Long.getLong("lms.planted.seed", 20250101L);

    private static RegistryData data;
    private static AnalysisContext ctx;
    private static final List<String> REPORT = new ArrayList<>();

    @BeforeAll
    static void generate() {
        int patients = Integer.getInteger("lms.planted.patients", 200_000);
        SparkSession spark = TestSpark.session();
        long t0 = System.nanoTime();
        data = SyntheticRegistry.generate(spark, CohortSettings.ofTotal(SEED, 5, patients), 16);
        long t1 = System.nanoTime();
        Cohort cohort = Cohort.select(data, CohortDefinition.all());
        ctx = new AnalysisContext(spark, data, cohort, 5, 0.95);
        REPORT.add(String.format(Locale.ROOT, "%,d patients (seed %d): generated and cached in %.1f s, patient table "
                + "in %.1f s", patients, SEED, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9));
    }

    @AfterAll
    static void release() throws Exception {
        ctx.cohort().release();
        data.unpersist();
        Path report = Paths.get("target", "planted-effects-recovery.txt");
        Files.write(report, REPORT);
    }

    @Test
    void associationsRecoverTheConditionalOddsRatiosOfMetastasis() {
        long t0 = System.nanoTime();
        AnalysisResult r = AssociationsJob.run(ctx, new AssociationsJob.Options(Outcomes.METASTASIS,
                PlantedEffects.HORIZON_DAYS, List.of("peripheral_enhancement", "deep"), List.of("diameter_cm"),
                List.of(Features.GRADE, Features.SIZE),
                List.of("peripheral_enhancement", "deep", Features.SIZE, Features.GRADE), 100));
        REPORT.add(String.format(Locale.ROOT, "associations: %.1f s", (System.nanoTime() - t0) / 1e9));
        Map<String, Double> planted = new LinkedHashMap<>();
        planted.put("peripheral_enhancement", PlantedEffects.PERIPHERAL_ENHANCEMENT_OR_METASTASIS);
        planted.put("deep", PlantedEffects.DEEP_OR_METASTASIS);
        planted.put("size", PlantedEffects.SIZE_PER_CM_OR_METASTASIS);
        planted.put("gradeG2", PlantedEffects.G2_OR_METASTASIS);
        planted.put("gradeG3", PlantedEffects.G3_OR_METASTASIS);
        assertAllInside(r, "association/metastasis/model/", planted, "metastasis by day 1095, logistic model");
        // and the crude 2x2 odds ratio is confounded upwards, as the generator's documentation says (about 4.1)
        Estimate crude = r.estimate("association/metastasis/peripheral_enhancement/crude");
        REPORT.add(String.format(Locale.ROOT, "  crude 2x2 OR of peripheral enhancement %.3f (%.3f-%.3f)",
                crude.estimate(), crude.lower(), crude.upper()));
        assertThat(crude.lower()).isGreaterThan(PlantedEffects.PERIPHERAL_ENHANCEMENT_OR_METASTASIS);
    }

    @Test
    void survivalRecoversTheHazardRatiosOfLocalRecurrence() {
        long t0 = System.nanoTime();
        AnalysisResult r = SurvivalJob.run(ctx, new SurvivalJob.Options(Endpoints.LOCAL_RECURRENCE,
                List.of(SurvivalJob.MARGIN, Features.GRADE, "retroperitoneal", "radiotherapy"),
                "peripheral_enhancement", 10));
        REPORT.add(String.format(Locale.ROOT, "survival (local recurrence): %.1f s", (System.nanoTime() - t0) / 1e9));
        Map<String, Double> planted = new LinkedHashMap<>();
        planted.put("marginR1", PlantedEffects.R1_HR_LOCAL_RECURRENCE);
        planted.put("marginR2", PlantedEffects.R2_HR_LOCAL_RECURRENCE);
        planted.put("gradeG2", PlantedEffects.G2_HR_LOCAL_RECURRENCE);
        planted.put("gradeG3", PlantedEffects.G3_HR_LOCAL_RECURRENCE);
        planted.put("retroperitoneal", PlantedEffects.RETROPERITONEAL_HR_LOCAL_RECURRENCE);
        planted.put("radiotherapy", PlantedEffects.RADIOTHERAPY_HR_LOCAL_RECURRENCE);
        assertAllInside(r, "survival/local_recurrence/cox/", planted, "local recurrence, Cox model");
    }

    @Test
    void survivalRecoversTheHazardRatiosOfDeathFromTheDiseaseAfterMetastasis() {
        AnalysisResult r = SurvivalJob.run(ctx, new SurvivalJob.Options(Endpoints.DISEASE_DEATH,
                List.of(Features.GRADE, SurvivalJob.AGE_10Y), "peripheral_enhancement", 10));
        Map<String, Double> planted = new LinkedHashMap<>();
        planted.put("gradeG2", PlantedEffects.G2_HR_DISEASE_DEATH);
        planted.put("gradeG3", PlantedEffects.G3_HR_DISEASE_DEATH);
        planted.put(SurvivalJob.AGE_10Y, PlantedEffects.AGE_PER_10Y_HR_DISEASE_DEATH);
        assertAllInside(r, "survival/disease_death/cox/", planted,
                "death from the disease after the recorded metastasis, Cox model");
    }

    /** Every planted value lies inside its reported 95% interval, and every interval is narrow. */
    private static void assertAllInside(AnalysisResult r, String prefix, Map<String, Double> planted, String what) {
        List<String> outside = report(r, prefix, planted, what);
        REPORT.add(String.format(Locale.ROOT, "  outside the reported 95%% interval: %d of %d", outside.size(),
                planted.size()));
        for (String name : planted.keySet()) {
            Estimate e = r.estimate(prefix + name);
            assertThat(e.upper() / e.lower()).as("width of the 95%% interval of %s (upper / lower)", name)
                    .isLessThan(MAX_INTERVAL_RATIO);
        }
        assertThat(outside).as("planted values outside their reported 95% intervals").isEmpty();
    }

    private static List<String> report(AnalysisResult r, String prefix, Map<String, Double> planted, String what) {
        REPORT.add(what + ":");
        List<String> outside = new ArrayList<>();
        for (Map.Entry<String, Double> p : planted.entrySet()) {
            Estimate e = r.estimate(prefix + p.getKey());
            boolean inside = p.getValue() >= e.lower() && p.getValue() <= e.upper();
            double se = ((Number) e.details().get("standardError")).doubleValue();
            String line = String.format(Locale.ROOT, "  %-24s planted %.3f  estimate %.3f  95%% CI %.3f-%.3f  "
                    + "z %+.2f  %s", p.getKey(), p.getValue(), e.estimate(), e.lower(), e.upper(),
                    (Math.log(e.estimate()) - Math.log(p.getValue())) / se, inside ? "inside" : "OUTSIDE");
            REPORT.add(line);
            if (!inside) {
                outside.add(line.trim());
            }
        }
        return outside;
    }
}
