package org.lmsregistry.analysis.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.cohort.Cohort;
import org.lmsregistry.analysis.cohort.CohortDefinition;
import org.lmsregistry.analysis.spark.TestRegistry;
import org.lmsregistry.analysis.spark.TestSpark;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.Treatment;
import org.lmsregistry.model.record.Tumour;
import org.lmsregistry.model.synthetic.CohortGenerator;
import org.lmsregistry.model.synthetic.SurveillanceSchedule;
import org.lmsregistry.model.validation.SurveillanceGuideline;

/**
 * The adherence job's Spark path (records packed into longs, one shuffle, streamed per patient) against a
 * plain reading of the same rules over the model's records of the generated registry: the counts per site
 * and grade group must be equal, for the whole registry and for a cohort of some sites, with the cohort's
 * keys broadcast and with Spark choosing the join.
 */
class AdherenceJobTest {

    private static final RegistryBatch BATCH = CohortGenerator.generate(TestRegistry.SETTINGS);
    private static final int MAX_YEARS = 10;

    @Test
    void countsOfTheWholeRegistryAreThoseOfTheModelRecords() {
        Cohort cohort = TestRegistry.allPatients();
        Map<List<String>, long[]> expected = expected(Set.of());
        assertThat(lists(spark(cohort))).isEqualTo(lists(expected));
        // the comparison means something: the schedule applies, intervals are counted, some gaps are overdue
        long[] all = new long[9];
        expected.values().forEach(v -> Arrays.setAll(all, i -> all[i] + v[i]));
        assertThat(all[0]).isGreaterThan(1000);
        assertThat(all[2]).isGreaterThan(0).isLessThan(all[1]);
        assertThat(all[4]).isGreaterThan(0).isLessThan(all[3]);
        assertThat(all[6]).isGreaterThan(0).isLessThan(all[5]);
        assertThat(all[8]).isGreaterThan(0).isLessThan(all[7]);
        assertThat(expected.keySet()).extracting(k -> k.get(1)).contains("G1", "G2-G3");
    }

    @Test
    void aCohortOfSomeSitesCountsOnlyItsPatientsWithOrWithoutBroadcast() {
        Cohort cohort = Cohort.select(TestRegistry.data(), CohortDefinition.parse("{\"sites\": [\"NORTH\", \"WEST\"]}"));
        Map<List<String>, long[]> expected = expected(Set.of("NORTH", "WEST"));
        assertThat(expected.keySet()).extracting(k -> k.get(0)).containsOnly("NORTH", "WEST");
        assertThat(lists(spark(cohort))).isEqualTo(lists(expected));
        SparkSession spark = TestSpark.session();
        spark.conf().set(AnalysisContext.BROADCAST_MAX_PATIENTS, "0");
        try {
            assertThat(lists(spark(cohort))).isEqualTo(lists(expected));
        } finally {
            spark.conf().unset(AnalysisContext.BROADCAST_MAX_PATIENTS);
            cohort.release();
        }
    }

    @Test
    void recordsPackDaysAndCodesSoThatTheyDecodeAndSortByDay() {
        long early = pack(-40, AdherenceJob.STUDY, 5);
        long late = pack(7, AdherenceJob.PATIENT, 0);
        assertThat(early).isLessThan(late);
        assertThat((int) (early >> AdherenceJob.DAY_SHIFT)).isEqualTo(-40);
        AdherenceJob.Patient p = new AdherenceJob.Patient();
        p.add(pack(300, AdherenceJob.STUDY, 9), null);
        p.add(early, null);
        p.add(late, "NORTH");
        p.sortStudies();
        assertThat(p.studies).isEqualTo(2);
        assertThat(p.studyDays).startsWith(-40, 300);
        assertThat(p.studyCodes).startsWith(5, 9);
        assertThat(p.site).isEqualTo("NORTH");
        assertThat(p.endDay).isNull();
        int chestCt = (Modality.CT.ordinal() + 1) | (BodyRegion.CHEST.ordinal() + 1) << AdherenceJob.REGION_SHIFT;
        int chestXray = (Modality.XRAY.ordinal() + 1) | (BodyRegion.CHEST.ordinal() + 1) << AdherenceJob.REGION_SHIFT;
        assertThat(AdherenceJob.Patient.imagesChest(chestCt)).isTrue();
        assertThat(AdherenceJob.Patient.imagesChest(chestXray)).isFalse();
    }

    @Test
    void consecutiveRecordsOfAPatientAreJoinedAndInterleavedOnesAreNot() {
        List<Row> in = List.of(RowFactory.create(1L, 10L, null), RowFactory.create(1L, 11L, null),
                RowFactory.create(2L, 20L, "NORTH"), RowFactory.create(1L, 12L, null));
        List<Row> out = new ArrayList<>();
        new AdherenceJob.ConsecutiveRuns().call(in.iterator()).forEachRemaining(out::add);
        assertThat(out).hasSize(3);
        assertThat(out).extracting(r -> r.get(0), r -> longs((byte[]) r.get(1)), r -> r.get(2)).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, List.of(10L, 11L), null),
                org.assertj.core.groups.Tuple.tuple(2L, List.of(20L), "NORTH"),
                org.assertj.core.groups.Tuple.tuple(1L, List.of(12L), null));
        List<Row> many = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            many.add(RowFactory.create(7L, i, null));
        }
        Row run = new AdherenceJob.ConsecutiveRuns().call(many.iterator()).next();
        assertThat(longs((byte[]) run.get(1))).hasSize(1000).startsWith(0L, 1L).endsWith(999L);
        assertThat(new AdherenceJob.ConsecutiveRuns().call(List.<Row>of().iterator()).hasNext()).isFalse();
    }

    private static List<Long> longs(byte[] bytes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        List<Long> out = new ArrayList<>();
        while (b.hasRemaining()) {
            out.add(b.getLong());
        }
        return out;
    }

    private static long pack(int day, int tag, int codes) {
        return ((long) day << AdherenceJob.DAY_SHIFT) | ((long) codes << AdherenceJob.TAG_BITS) | tag;
    }

    private static Map<List<String>, long[]> spark(Cohort cohort) {
        AnalysisContext ctx = new AnalysisContext(TestSpark.session(), TestRegistry.data(), cohort, 5, 0.95);
        List<Row> rows = AdherenceJob.perPatientRecords(ctx).mapPartitions(new AdherenceJob.PatientAdherence(MAX_YEARS),
                Encoders.row(AdherenceJob.countsSchema())).collectAsList();
        Map<List<String>, long[]> sums = new TreeMap<>(AdherenceJobTest::compare);
        for (Row r : rows) {
            long[] acc = sums.computeIfAbsent(List.of(r.getString(0), r.getString(1)), k -> new long[9]);
            for (int i = 0; i < 9; i++) {
                acc[i] += r.getInt(i + 2);
            }
        }
        return sums;
    }

    /** The rules read plainly over the model's records (sites: the cohort's; empty for all). */
    private static Map<List<String>, long[]> expected(Set<String> sites) {
        Map<String, List<ImagingStudy>> studies = new HashMap<>();
        for (ImagingStudy s : BATCH.imagingStudies()) {
            if (s.isSurveillance() && s.day() != null) {
                studies.computeIfAbsent(s.siteCode() + "/" + s.patientPseudonym(), k -> new ArrayList<>()).add(s);
            }
        }
        Map<String, List<Treatment>> treatments = new HashMap<>();
        for (Treatment t : BATCH.treatments()) {
            treatments.computeIfAbsent(t.siteCode() + "/" + t.patientPseudonym(), k -> new ArrayList<>()).add(t);
        }
        Map<String, List<OutcomeEvent>> events = new HashMap<>();
        for (OutcomeEvent e : BATCH.outcomeEvents()) {
            events.computeIfAbsent(e.siteCode() + "/" + e.patientPseudonym(), k -> new ArrayList<>()).add(e);
        }
        SurveillanceGuideline guideline = SurveillanceGuideline.standard();
        Map<List<String>, long[]> sums = new TreeMap<>(AdherenceJobTest::compare);
        Map<String, Tumour> tumours = new HashMap<>();
        for (Tumour t : BATCH.tumours()) {
            tumours.put(t.naturalKey(), t);
        }
        for (Patient patient : BATCH.patients()) {
            if (!sites.isEmpty() && !sites.contains(patient.siteCode())) {
                continue;
            }
            String key = patient.naturalKey();
            Tumour tumour = tumours.get(key);
            FnclccGrade grade = tumour == null ? null : tumour.grade();
            String group = grade == null ? "UNKNOWN" : grade == FnclccGrade.G1 ? "G1" : "G2-G3";
            long[] acc = sums.computeIfAbsent(List.of(patient.siteCode(), group), k -> new long[9]);
            List<OutcomeEvent> ev = events.getOrDefault(key, List.of());
            Integer endDay = ev.stream().map(OutcomeEvent::day).filter(d -> d != null).max(Integer::compare)
                    .orElse(null);
            if (grade == null || endDay == null) {
                continue;
            }
            List<ImagingStudy> st = new ArrayList<>(studies.getOrDefault(key, List.of()));
            st.sort((a, b) -> Integer.compare(a.day(), b.day()));
            int surveillanceEnd = SurveillanceGuideline.surveillanceEndDay(ev, st);
            OptionalInt treatmentEnd = SurveillanceGuideline.primaryTreatmentEndDay(
                    treatments.getOrDefault(key, List.of()), surveillanceEnd);
            if (treatmentEnd.isEmpty()) {
                continue;
            }
            int start = treatmentEnd.getAsInt();
            int end = Math.min(Math.min(surveillanceEnd, endDay), start + (int) Math.round(MAX_YEARS * 365.25));
            boolean abdominal = SurveillanceSchedule.primarySiteRegion(tumour.primaryLocation())
                    == BodyRegion.ABDOMEN_PELVIS;
            long[] c = new long[9];
            c[0] = 1;
            for (int s = start, length; s + (length = guideline.maxIntervalDays(grade, s - start)) <= end; s += length) {
                boolean any = false;
                boolean primary = false;
                for (ImagingStudy x : st) {
                    if (x.day() >= s && x.day() < s + length) {
                        any = true;
                        primary |= x.modality() == Modality.PET_CT && x.bodyRegion() == BodyRegion.WHOLE_BODY
                                || (abdominal ? x.bodyRegion() == BodyRegion.ABDOMEN_PELVIS
                                        && (x.modality() == Modality.CT || x.modality() == Modality.MRI)
                                        : x.bodyRegion() == BodyRegion.PRIMARY_SITE && x.modality() == Modality.MRI);
                    }
                }
                c[1]++;
                c[2] += any ? 1 : 0;
                c[3]++;
                c[4] += primary ? 1 : 0;
            }
            for (int s = start, length; s + (length = grade.isHighGrade() ? guideline.maxIntervalDays(grade, s - start)
                    : SurveillanceGuideline.monthsToDays(12) + guideline.toleranceDays()) <= end; s += length) {
                boolean chest = false;
                for (ImagingStudy x : st) {
                    chest |= x.day() >= s && x.day() < s + length && (x.modality() == Modality.CT
                            && x.bodyRegion() == BodyRegion.CHEST || x.modality() == Modality.PET_CT
                            && x.bodyRegion() == BodyRegion.WHOLE_BODY);
                }
                c[5]++;
                c[6] += chest ? 1 : 0;
            }
            int[] days = st.stream().mapToInt(ImagingStudy::day).toArray();
            int gapEnd = Math.min(surveillanceEnd, endDay);
            c[7] = Arrays.stream(days).filter(d -> d > start && d <= gapEnd).count();
            c[8] = guideline.overdueGaps(grade, start, gapEnd, days).size();
            for (int i = 0; i < 9; i++) {
                acc[i] += c[i];
            }
        }
        return sums;
    }

    private static int compare(List<String> a, List<String> b) {
        int c = a.get(0).compareTo(b.get(0));
        return c != 0 ? c : a.get(1).compareTo(b.get(1));
    }

    /** The sums as lists, so that a difference shows its numbers. */
    private static Map<String, List<Long>> lists(Map<List<String>, long[]> sums) {
        Map<String, List<Long>> out = new TreeMap<>();
        sums.forEach((k, v) -> out.put(k.get(0) + "/" + k.get(1), Arrays.stream(v).boxed().toList()));
        return out;
    }
}
