package org.lmsregistry.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.lmsregistry.model.code.FindingLocation;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.SurgicalMargin;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.Treatment;

/** The planted effects are recovered from the generated cohort, within their sampling error. */
class PlantedEffectsTest {

    private static final List<SyntheticPatient> COHORT = TestCohorts.large();

    private static double[] covariates(SyntheticPatient p) {
        var t = p.records().tumour();
        return new double[] {1, p.records().imagingFeatures().peripheralEnhancement() ? 1 : 0,
                t.depth() == TumourDepth.DEEP ? 1 : 0, t.largestDiameterMm() / 10.0,
                t.grade() == FnclccGrade.G2 ? 1 : 0, t.grade() == FnclccGrade.G3 ? 1 : 0};
    }

    private static final double[] PLANTED = {PlantedEffects.METASTASIS_LOG_ODDS_INTERCEPT,
            Math.log(PlantedEffects.PERIPHERAL_ENHANCEMENT_OR_METASTASIS), Math.log(PlantedEffects.DEEP_OR_METASTASIS),
            Math.log(PlantedEffects.SIZE_PER_CM_OR_METASTASIS), Math.log(PlantedEffects.G2_OR_METASTASIS),
            Math.log(PlantedEffects.G3_OR_METASTASIS)};

    private static Logistic fit(Predicate<SyntheticPatient> outcome) {
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (SyntheticPatient p : COHORT) {
            x.add(covariates(p));
            y.add(outcome.test(p));
        }
        return Logistic.fit(x, y);
    }

    private static boolean recordedMetastasisBy(SyntheticPatient p, int day) {
        return p.records().outcomeEvents().stream()
                .anyMatch(e -> e.kind() == OutcomeKind.DISTANT_METASTASIS && e.day() <= day);
    }

    @Test
    void metastasisFoundByTheHorizonFollowsThePlantedLogisticModel() {
        Logistic fit = fit(p -> p.truth().metastasisFoundDay() <= PlantedEffects.HORIZON_DAYS);
        for (int j = 0; j < PLANTED.length; j++) {
            assertThat(fit.coefficients[j]).as("coefficient %d", j).isCloseTo(PLANTED[j],
                    org.assertj.core.data.Offset.offset(4 * fit.standardErrors[j]));
        }
    }

    @Test
    void proportionalOddsGiveTheSameOddsRatiosAtTwoYears() {
        Logistic fit = fit(p -> p.truth().metastasisFoundDay() <= 730);
        double intercept = PLANTED[0] + PlantedEffects.metastasisHorizonOffset(731); // whole days: found before day 731
        assertThat(fit.coefficients[0]).isCloseTo(intercept, org.assertj.core.data.Offset.offset(4 * fit.standardErrors[0]));
        for (int j = 1; j < PLANTED.length; j++) {
            assertThat(fit.coefficients[j]).as("coefficient %d", j).isCloseTo(PLANTED[j],
                    org.assertj.core.data.Offset.offset(4 * fit.standardErrors[j]));
        }
    }

    /**
     * The analysis the registry can run: metastasis recorded by day 1095, logistic on the five covariates.
     * The planted model is about the recorded day (found in life, follow-up complete to 3 years), so the
     * odds ratios and the intercept (shifted only by counting whole days) are recovered, and the recorded
     * outcome is the found-day outcome patient by patient.
     */
    @Test
    void recordedMetastasisByTheHorizonRecoversThePlantedModel() {
        Logistic fit = fit(p -> recordedMetastasisBy(p, PlantedEffects.HORIZON_DAYS));
        System.out.printf("observed logistic: %s%n  SE %s%n", java.util.Arrays.toString(fit.coefficients),
                java.util.Arrays.toString(fit.standardErrors));
        for (SyntheticPatient p : COHORT) {
            assertThat(recordedMetastasisBy(p, PlantedEffects.HORIZON_DAYS))
                    .isEqualTo(p.truth().metastasisFoundDay() <= PlantedEffects.HORIZON_DAYS);
        }
        assertThat(fit.coefficients[0]).isCloseTo(PLANTED[0] + PlantedEffects.metastasisHorizonOffset(
                PlantedEffects.HORIZON_DAYS + 1), org.assertj.core.data.Offset.offset(4 * fit.standardErrors[0]));
        for (int j = 1; j < PLANTED.length; j++) {
            assertThat(fit.coefficients[j]).as("coefficient %d", j).isCloseTo(PLANTED[j],
                    org.assertj.core.data.Offset.offset(4 * fit.standardErrors[j]));
        }
        assertThat(Math.exp(fit.coefficients[1])).isBetween(2.5, 3.6);
    }

    /**
     * Local recurrence: within each margin group, the number of recurrences found within 5 years of
     * surgery matches the sum of the planted model's probabilities 1 - exp(-H0(1826) exp(lp)).
     */
    @Test
    void localRecurrenceFoundMatchesThePlantedHazardsByMarginAndGrade() {
        Map<String, double[]> groups = new HashMap<>(); // observed, expected, variance
        for (SyntheticPatient p : COHORT) {
            LatentHistory t = p.truth();
            SurgicalMargin margin = p.records().treatments().stream().filter(Treatment::isSurgery).findFirst()
                    .orElseThrow().surgicalMargin();
            double prob = 1 - Math.exp(-PlantedEffects.localRecurrenceBaselineCumulativeHazard(1826)
                    * Math.exp(t.localRecurrenceLogHazardRatio()));
            boolean event = t.localRecurrenceFoundDay() != LatentHistory.NEVER
                    && t.localRecurrenceFoundDay() - t.surgeryDay() - PlantedEffects.FIRST_FINDING_AFTER_SURGERY_DAYS <= 1826;
            for (String g : List.of(margin.code(), t.grade().code(), t.radiotherapyPlanned() ? "RT" : "noRT")) {
                double[] a = groups.computeIfAbsent(g, k -> new double[3]);
                a[0] += event ? 1 : 0;
                a[1] += prob;
                a[2] += prob * (1 - prob);
            }
        }
        assertThat(groups).containsKeys("R0", "R1", "R2", "G1", "G2", "G3", "RT", "noRT");
        groups.forEach((g, a) -> assertThat(a[0]).as("local recurrences within 5 years, group %s", g)
                .isCloseTo(a[1], org.assertj.core.data.Offset.offset(4 * Math.sqrt(a[2]) + 1)));
        // the planted linear predictor uses the recorded margin
        for (SyntheticPatient p : COHORT.subList(0, 200)) {
            SurgicalMargin margin = p.records().treatments().stream().filter(Treatment::isSurgery).findFirst()
                    .orElseThrow().surgicalMargin();
            assertThat(p.truth().localRecurrenceLogHazardRatio()).isEqualTo(PlantedEffects.localRecurrenceLogHazardRatio(
                    margin, p.truth().grade(), p.records().tumour().primaryLocation(), p.truth().radiotherapyPlanned()));
        }
    }

    /** Death from the disease within 2 years of the metastasis being found, by grade, matches the planted Weibull model. */
    @Test
    void diseaseDeathAfterMetastasisMatchesThePlantedHazardsByGrade() {
        Map<FnclccGrade, double[]> groups = new EnumMap<>(FnclccGrade.class);
        for (SyntheticPatient p : COHORT) {
            LatentHistory t = p.truth();
            if (t.metastasisFoundDay() == LatentHistory.NEVER) {
                continue;
            }
            double lp = PlantedEffects.diseaseDeathLogHazardRatio(t.grade(), p.records().patient().ageAtDiagnosisYears());
            double prob = 1 - Math.exp(-PlantedEffects.diseaseDeathBaselineCumulativeHazard(730) * Math.exp(lp));
            boolean event = t.diseaseDeathDay() - t.metastasisFoundDay() <= 730;
            double[] a = groups.computeIfAbsent(t.grade(), k -> new double[3]);
            a[0] += event ? 1 : 0;
            a[1] += prob;
            a[2] += prob * (1 - prob);
        }
        assertThat(groups).hasSize(3);
        groups.forEach((g, a) -> assertThat(a[0]).as("disease deaths within 2 years of metastasis, %s", g)
                .isCloseTo(a[1], org.assertj.core.data.Offset.offset(4 * Math.sqrt(a[2]) + 1)));
    }

    /**
     * Per-study sensitivity by modality: of the surveillance studies done while a lesion they cover was
     * present (latent onset on or before the study day), the share that reported it as a confirmed
     * finding is the planted sensitivity.
     */
    @Test
    void surveillanceStudiesDetectWithThePlantedSensitivities() {
        Map<String, long[]> counts = new HashMap<>(); // at risk, detected
        for (SyntheticPatient p : COHORT) {
            LatentHistory t = p.truth();
            var location = p.records().tumour().primaryLocation();
            for (ImagingStudy s : p.records().imagingStudies()) {
                if (!s.isSurveillance()) {
                    continue;
                }
                if (t.localRecurrenceOnsetDay() <= s.day() && PlantedEffects.coversLocal(s.bodyRegion(), location)) {
                    long[] c = counts.computeIfAbsent("local " + s.modality(), k -> new long[2]);
                    c[0]++;
                    c[1] += s.result().findsLocal() && s.findingConfirmed() ? 1 : 0;
                }
                if (t.metastasisOnsetDay() <= s.day() && t.metastasisLocations().contains(FindingLocation.LUNG)
                        && s.bodyRegion() == org.lmsregistry.model.code.BodyRegion.CHEST) {
                    long[] c = counts.computeIfAbsent("lung " + s.modality(), k -> new long[2]);
                    c[0]++;
                    c[1] += s.result().findsDistant() && s.findingConfirmed()
                            && s.findingLocations().contains(FindingLocation.LUNG) ? 1 : 0;
                }
            }
        }
        System.out.println("sensitivity counts (at risk, detected): " + counts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1]).toList());
        check(counts, "local MRI", PlantedEffects.MRI_LOCAL_SENSITIVITY);
        check(counts, "local CT", PlantedEffects.CT_LOCAL_SENSITIVITY);
        check(counts, "lung CT", PlantedEffects.CT_LUNG_SENSITIVITY);
        check(counts, "lung XRAY", PlantedEffects.XRAY_LUNG_SENSITIVITY);
        assertThat(PlantedEffects.localSensitivity(Modality.MRI)).isGreaterThan(PlantedEffects.localSensitivity(Modality.CT));
        assertThat(PlantedEffects.distantSensitivity(Modality.CT, FindingLocation.LUNG))
                .isGreaterThan(PlantedEffects.distantSensitivity(Modality.XRAY, FindingLocation.LUNG));
    }

    private static void check(Map<String, long[]> counts, String key, double planted) {
        long[] c = counts.get(key);
        assertThat(c).as(key).isNotNull();
        assertThat(c[0]).as("studies at risk, " + key).isGreaterThan(100);
        double se = Math.sqrt(planted * (1 - planted) / c[0]);
        assertThat((double) c[1] / c[0]).as("sensitivity, " + key).isCloseTo(planted,
                org.assertj.core.data.Offset.offset(4 * se));
    }

    /** Every recorded recurrence names a detecting study that reported it, or none (found clinically). */
    @Test
    void someRecurrencesAreFoundClinicallyAndTheRestByAStudyThatReportedThem() {
        long clinical = 0;
        long byStudy = 0;
        for (SyntheticPatient p : COHORT) {
            for (OutcomeEvent e : p.records().outcomeEvents()) {
                if (!e.isRecurrence()) {
                    continue;
                }
                if (e.detectedByStudyId() == null) {
                    clinical++;
                } else {
                    byStudy++;
                }
            }
        }
        assertThat(clinical).isGreaterThan(0);
        assertThat(byStudy).isGreaterThan(clinical);
    }
}
