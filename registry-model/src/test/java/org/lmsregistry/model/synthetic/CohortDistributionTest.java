package org.lmsregistry.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.FindingLocation;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.Sex;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.Tumour;

/**
 * The large cohort's distributions agree with the documented model (docs/synthetic-data.md) within
 * binomial tolerances (four standard errors unless stated).
 */
class CohortDistributionTest {

    private static final List<SyntheticPatient> COHORT = TestCohorts.large();
    private static final CohortSettings SETTINGS = TestCohorts.largeSettings();
    private static final int N = COHORT.size();

    private static void assertBinomial(String what, double observedCount, double expectedCount, double variance) {
        assertThat(observedCount).as(what).isCloseTo(expectedCount, offset(4 * Math.sqrt(variance) + 1));
    }

    @Test
    void locationSharesFollowTheSitesCaseMixes() {
        Map<PrimaryLocation, Integer> counts = new EnumMap<>(PrimaryLocation.class);
        COHORT.forEach(p -> counts.merge(p.records().tumour().primaryLocation(), 1, Integer::sum));
        for (PrimaryLocation l : PrimaryLocation.values()) {
            double expected = 0;
            double variance = 0;
            for (int s = 0; s < SETTINGS.siteCount(); s++) {
                double share = SETTINGS.sites().get(s).caseMix().share(l);
                int n = SETTINGS.patientsPerSite().get(s);
                expected += n * share;
                variance += n * share * (1 - share);
            }
            assertBinomial("patients with " + l, counts.getOrDefault(l, 0), expected, variance);
        }
        // the sites differ: SOUTH is mostly uterine, CENTRAL mostly extremity
        assertThat(share(1, PrimaryLocation.UTERUS)).isGreaterThan(0.5);
        assertThat(share(4, PrimaryLocation.EXTREMITY)).isGreaterThan(share(0, PrimaryLocation.EXTREMITY) + 0.2);
        assertThat(share(2, PrimaryLocation.RETROPERITONEUM)).isGreaterThan(0.35);
    }

    private static double share(int site, PrimaryLocation l) {
        return COHORT.stream().filter(p -> p.siteIndex() == site)
                .filter(p -> p.records().tumour().primaryLocation() == l).count() / (double) TestCohorts.PER_SITE;
    }

    @Test
    void sexAgeAndYearFollowTheLocation() {
        Map<PrimaryLocation, double[]> female = new EnumMap<>(PrimaryLocation.class); // count, n
        Map<PrimaryLocation, double[]> ages = new EnumMap<>(PrimaryLocation.class); // sum, n
        for (SyntheticPatient p : COHORT) {
            PrimaryLocation l = p.records().tumour().primaryLocation();
            var patient = p.records().patient();
            female.computeIfAbsent(l, k -> new double[2])[0] += patient.sex() == Sex.FEMALE ? 1 : 0;
            female.get(l)[1]++;
            ages.computeIfAbsent(l, k -> new double[2])[0] += patient.ageAtDiagnosisYears();
            ages.get(l)[1]++;
            assertThat(patient.ageAtDiagnosisYears()).isBetween(18, 90);
            assertThat(patient.diagnosisYear()).isBetween(SETTINGS.firstDiagnosisYear(), SETTINGS.lastDiagnosisYear());
        }
        assertThat(female.get(PrimaryLocation.UTERUS)[0]).isEqualTo(female.get(PrimaryLocation.UTERUS)[1]);
        for (PrimaryLocation l : List.of(PrimaryLocation.RETROPERITONEUM, PrimaryLocation.EXTREMITY,
                PrimaryLocation.SKIN, PrimaryLocation.VASCULAR_IVC)) {
            double p = PatientGenerator.femaleProbability(l);
            double n = female.get(l)[1];
            assertBinomial("women with " + l, female.get(l)[0], n * p, n * p * (1 - p));
        }
        // stored age = floor(age), so its mean is about 0.5 below the mean of the continuous age
        double uterineMeanAge = ages.get(PrimaryLocation.UTERUS)[0] / ages.get(PrimaryLocation.UTERUS)[1];
        assertThat(uterineMeanAge).isCloseTo(PatientGenerator.meanAge(PrimaryLocation.UTERUS) - 0.5, offset(0.6));
        assertThat(COHORT.stream().filter(p -> p.records().patient().ageAtDiagnosisYears() == 90).count())
                .isPositive();
    }

    @Test
    void gradeDepthAndSizeFollowTheLocation() {
        double[] expected = new double[3];
        double[] variance = new double[3];
        int[] observed = new int[3];
        double expectedDeep = 0;
        double varianceDeep = 0;
        int deep = 0;
        Map<FnclccGrade, List<Integer>> mitoses = new EnumMap<>(FnclccGrade.class);
        List<Integer> allMitoses = new ArrayList<>();
        Map<PrimaryLocation, List<Integer>> sizes = new EnumMap<>(PrimaryLocation.class);
        for (SyntheticPatient p : COHORT) {
            Tumour t = p.records().tumour();
            double[] g = PatientGenerator.gradeProbabilities(t.primaryLocation());
            for (int i = 0; i < 3; i++) {
                expected[i] += g[i];
                variance[i] += g[i] * (1 - g[i]);
            }
            observed[t.grade().ordinal()]++;
            double pd = PatientGenerator.deepProbability(t.primaryLocation());
            expectedDeep += pd;
            varianceDeep += pd * (1 - pd);
            deep += t.depth() == TumourDepth.DEEP ? 1 : 0;
            assertThat(t.statedGrade()).isNull();
            assertThat(t.derivedGrade()).contains(t.grade());
            mitoses.computeIfAbsent(t.grade(), k -> new ArrayList<>()).add(t.mitosesPer10Hpf());
            allMitoses.add(t.mitosesPer10Hpf());
            sizes.computeIfAbsent(t.primaryLocation(), k -> new ArrayList<>()).add(t.largestDiameterMm());
            if (t.primaryLocation() == PrimaryLocation.SKIN) {
                assertThat(t.depth()).isEqualTo(TumourDepth.SUPERFICIAL);
            }
            if (t.primaryLocation() == PrimaryLocation.UTERUS || t.primaryLocation() == PrimaryLocation.RETROPERITONEUM) {
                assertThat(t.depth()).isEqualTo(TumourDepth.DEEP);
            }
        }
        for (int i = 0; i < 3; i++) {
            assertBinomial("grade " + (i + 1), observed[i], expected[i], variance[i]);
        }
        assertBinomial("deep tumours", deep, expectedDeep, varianceDeep);
        // about 15-30 mitoses per 10 HPF are typical of LMS: the median is 18 in this model
        assertThat(median(allMitoses)).isBetween(15, 22);
        assertThat(median(mitoses.get(FnclccGrade.G1))).isLessThan(median(mitoses.get(FnclccGrade.G2)));
        assertThat(median(mitoses.get(FnclccGrade.G2))).isLessThan(median(mitoses.get(FnclccGrade.G3)));
        // log-normal sizes: medians near the documented ones, retroperitoneal largest
        assertThat(median(sizes.get(PrimaryLocation.RETROPERITONEUM))).isBetween(140, 160);
        assertThat(median(sizes.get(PrimaryLocation.UTERUS))).isBetween(84, 96);
        assertThat(median(sizes.get(PrimaryLocation.SKIN))).isBetween(15, 21);
    }

    private static int median(List<Integer> values) {
        List<Integer> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void imagingFeaturesGoWithGrade() {
        double[][] pe = new double[3][2];
        double[][] adc = new double[3][2];
        for (SyntheticPatient p : COHORT) {
            int g = p.records().tumour().grade().ordinal();
            var f = p.records().imagingFeatures();
            pe[g][0] += f.peripheralEnhancement() ? 1 : 0;
            pe[g][1]++;
            if (f.adcMean() != null) {
                adc[g][0] += f.adcMean();
                adc[g][1]++;
            }
        }
        assertThat(pe[0][0] / pe[0][1]).isLessThan(pe[1][0] / pe[1][1]);
        assertThat(pe[1][0] / pe[1][1]).isLessThan(pe[2][0] / pe[2][1]);
        assertThat(adc[0][0] / adc[0][1]).isCloseTo(1350.0, offset(15.0));
        assertThat(adc[2][0] / adc[2][1]).isCloseTo(1000.0, offset(15.0));
    }

    @Test
    void surveillanceFollowsTheSitesHabits() {
        Map<String, double[]> bySite = new HashMap<>(); // surveillance studies, patient-years of follow-up, chest X-ray, chest
        long surveillance = 0;
        for (SyntheticPatient p : COHORT) {
            String site = p.records().patient().siteCode();
            double[] a = bySite.computeIfAbsent(site, k -> new double[4]);
            int until = Math.min(p.truth().endOfFollowUpDay(), p.truth().surgeryDay() + SurveillanceSchedule.END_DAYS);
            a[1] += Math.max(0, until - p.truth().surgeryDay()) / 365.25;
            for (ImagingStudy s : p.records().imagingStudies()) {
                if (!s.isSurveillance()) {
                    continue;
                }
                surveillance++;
                a[0]++;
                if (s.bodyRegion() == BodyRegion.CHEST) {
                    a[3]++;
                    a[2] += s.modality() == Modality.XRAY ? 1 : 0;
                }
            }
        }
        double perPatient = (double) surveillance / N;
        assertThat(perPatient).isBetween(13.0, 19.0);
        double northRate = bySite.get("NORTH")[0] / bySite.get("NORTH")[1];
        double westRate = bySite.get("WEST")[0] / bySite.get("WEST")[1];
        assertThat(westRate).isLessThan(0.75 * northRate);
        assertThat(bySite.get("WEST")[2] / bySite.get("WEST")[3]).isBetween(0.65, 0.85);
        assertThat(bySite.get("NORTH")[2]).isZero();
    }

    @Test
    void radiomicsSharesFollowTheSites() {
        for (int s = 0; s < SETTINGS.siteCount(); s++) {
            int site = s;
            long with = COHORT.stream().filter(p -> p.siteIndex() == site)
                    .filter(p -> !p.records().radiomicsValues().isEmpty()).count();
            double share = SETTINGS.sites().get(s).imaging().radiomicsShare();
            int n = TestCohorts.PER_SITE;
            assertBinomial("patients with radiomics at " + SETTINGS.sites().get(s).code(), with, n * share,
                    n * share * (1 - share));
        }
        var values = COHORT.stream().flatMap(p -> p.records().radiomicsValues().stream()).toList();
        assertThat(values).extracting(v -> v.ibsiFeature()).contains("morph_volume", "stat_mean", "glcm_contrast");
    }

    @Test
    void lungIsTheMostFrequentMetastasisSite() {
        Map<FindingLocation, Integer> sites = new EnumMap<>(FindingLocation.class);
        for (SyntheticPatient p : COHORT) {
            for (OutcomeEvent e : p.records().outcomeEvents()) {
                if (e.kind() == OutcomeKind.DISTANT_METASTASIS) {
                    e.locations().forEach(l -> sites.merge(l, 1, Integer::sum));
                }
            }
        }
        FindingLocation top = Collections.max(sites.entrySet(), Map.Entry.comparingByValue()).getKey();
        assertThat(top).isEqualTo(FindingLocation.LUNG);
        assertThat(sites).containsKeys(FindingLocation.LIVER, FindingLocation.BONE, FindingLocation.PERITONEUM);
    }
}
