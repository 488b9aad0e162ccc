package org.lmsregistry.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lmsregistry.model.code.BiopsyApproach;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.record.Biopsy;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.Treatment;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.RecordRules;
import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.validation.Severity;

/**
 * Every generated patient satisfies the registry's error rules across records (as listed in
 * {@link org.lmsregistry.model.validation.Rule}), checked here independently of the batch validator.
 */
class TimelineInvariantsTest {

    /** The violations of one patient's records, as readable strings (empty when all is well). */
    static List<String> violations(PatientRecords p) {
        List<String> v = new ArrayList<>();
        String site = p.patient().siteCode();
        String pseudonym = p.patient().pseudonym();
        // UNKNOWN_PATIENT, DUPLICATE_KEY
        Set<String> keys = new HashSet<>();
        p.all().forEach(r -> {
            if (!r.siteCode().equals(site) || !r.patientPseudonym().equals(pseudonym)) {
                v.add("record of another patient: " + r.naturalKey());
            }
            if (!keys.add(RecordType.of(r) + " " + r.naturalKey())) {
                v.add("duplicate key " + r.naturalKey());
            }
        });
        Map<String, ImagingStudy> studies = new HashMap<>();
        p.imagingStudies().forEach(s -> studies.put(s.studyId(), s));
        // UNKNOWN_STUDY
        if (!studies.containsKey(p.imagingFeatures().studyId())) {
            v.add("features of unknown study");
        } else {
            ImagingStudy f = studies.get(p.imagingFeatures().studyId());
            if ((f.modality() != Modality.MRI && f.modality() != Modality.CT) || f.isSurveillance()) {
                v.add("features read on a " + f.modality() + " " + f.purpose() + " study");
            }
        }
        p.radiomicsValues().forEach(r -> {
            if (!studies.containsKey(r.studyId())) {
                v.add("radiomics of unknown study");
            }
        });
        // deaths
        List<OutcomeEvent> deaths = p.outcomeEvents().stream().filter(e -> e.kind() == OutcomeKind.DEATH).toList();
        if (deaths.size() > 1) {
            v.add("more than one death");
        }
        int death = deaths.isEmpty() ? Integer.MAX_VALUE : deaths.get(0).day();
        p.imagingStudies().stream().filter(s -> s.day() > death).forEach(s -> v.add("study after death " + s.studyId()));
        p.biopsies().stream().filter(b -> b.day() > death).forEach(b -> v.add("biopsy after death"));
        p.treatments().stream().filter(t -> t.startDay() > death).forEach(t -> v.add("treatment after death"));
        p.outcomeEvents().stream().filter(e -> e.day() > death).forEach(e -> v.add("event after death " + e.kind()));
        // RECURRENCE_BEFORE_SURGERY
        int firstSurgery = p.treatments().stream().filter(Treatment::isSurgery).mapToInt(Treatment::startDay).min()
                .orElse(Integer.MAX_VALUE);
        if (firstSurgery == Integer.MAX_VALUE) {
            v.add("no surgery");
        }
        p.outcomeEvents().stream().filter(e -> e.kind() == OutcomeKind.LOCAL_RECURRENCE && e.day() <= firstSurgery)
                .forEach(e -> v.add("local recurrence not after surgery"));
        // SURVEILLANCE_BEFORE_TREATMENT
        int firstTreatment = p.treatments().stream().mapToInt(Treatment::startDay).min().orElse(Integer.MAX_VALUE);
        p.imagingStudies().stream().filter(s -> s.isSurveillance() && s.day() <= firstTreatment)
                .forEach(s -> v.add("surveillance not after the first treatment " + s.studyId()));
        // DETECTION_AFTER_EVENT, DETECTING_STUDY_NEGATIVE
        for (OutcomeEvent e : p.outcomeEvents()) {
            if (e.detectedByStudyId() == null) {
                continue;
            }
            ImagingStudy s = studies.get(e.detectedByStudyId());
            if (s == null) {
                v.add("detected by unknown study");
                continue;
            }
            if (s.day() > e.day()) {
                v.add("detecting study after the event");
            }
            boolean reports = s.isConfirmedDetection() && (e.kind() == OutcomeKind.LOCAL_RECURRENCE
                    ? s.result().findsLocal() : s.result().findsDistant());
            if (!reports) {
                v.add("detecting study " + s.studyId() + " does not report the " + e.kind());
            }
        }
        // FOLLOW_UP_BEFORE_LAST_RECORD, exactly one last follow-up, last
        List<OutcomeEvent> lfu = p.outcomeEvents().stream().filter(e -> e.kind() == OutcomeKind.LAST_FOLLOW_UP)
                .toList();
        if (lfu.size() != 1) {
            v.add(lfu.size() + " last follow-ups");
        } else {
            int last = lfu.get(0).day();
            int latest = Math.max(Math.max(
                    p.imagingStudies().stream().mapToInt(ImagingStudy::day).max().orElse(0),
                    p.biopsies().stream().mapToInt(Biopsy::day).max().orElse(0)), Math.max(
                    p.treatments().stream().mapToInt(Treatment::startDay).max().orElse(0),
                    p.outcomeEvents().stream().mapToInt(OutcomeEvent::day).max().orElse(0)));
            if (latest > last) {
                v.add("a record at day " + latest + " after the last follow-up at " + last);
            }
            if (!deaths.isEmpty() && death != last) {
                v.add("last follow-up is not the day of death");
            }
        }
        for (String kind : List.of("LOCAL_RECURRENCE", "DISTANT_METASTASIS")) {
            if (p.outcomeEvents().stream().filter(e -> e.kind().name().equals(kind)).count() > 1) {
                v.add("more than one " + kind);
            }
        }
        return v;
    }

    /** The record constructors enforce the single-record errors; checked once more on a small cohort. */
    @Test
    void noRecordBreaksASingleRecordErrorRule() {
        CohortGenerator.generate(CohortSettings.defaults(3L, 7, 30)).all().forEach(r -> {
            List<Problem> errors = RecordRules.check(RecordType.of(r), FieldValues.of(RecordType.of(r), r)).stream()
                    .filter(pr -> pr.severity() == Severity.ERROR).toList();
            assertThat(errors).as(r.naturalKey()).isEmpty();
        });
    }

    @Test
    void everyPatientOfTheLargeCohortSatisfiesTheTimelineRules() {
        Map<String, Integer> counts = new HashMap<>();
        Set<String> pseudonyms = new HashSet<>();
        for (SyntheticPatient p : TestCohorts.large()) {
            List<String> v = violations(p.records());
            assertThat(v).as("patient %d/%d", p.siteIndex(), p.patientIndex()).isEmpty();
            assertThat(pseudonyms.add(p.records().patient().naturalKey())).isTrue();
            // the latent history agrees with the records
            assertThat(p.truth().endOfFollowUpDay()).isEqualTo(p.records().outcomeEvents()
                    .get(p.records().outcomeEvents().size() - 1).day());
            assertThat(p.truth().grade()).isEqualTo(p.records().tumour().grade());
        }
        assertThat(pseudonyms).hasSize(TestCohorts.large().size());
    }

    /** Protocol deviations the literature names appear as warnings, at the sites' rates. */
    @Test
    void biopsyDeviationsAreGeneratedAsWarnings() {
        long biopsies = 0;
        long fine = 0;
        long retroperitoneal = 0;
        long transperitoneal = 0;
        for (SyntheticPatient p : TestCohorts.large()) {
            for (Biopsy b : p.records().biopsies()) {
                biopsies++;
                fine += b.isNeedleTooFine() ? 1 : 0;
                if (p.records().tumour().primaryLocation() == PrimaryLocation.RETROPERITONEUM) {
                    retroperitoneal++;
                    transperitoneal += b.approach() == BiopsyApproach.TRANSPERITONEAL ? 1 : 0;
                }
                boolean warned = RecordRules.check(RecordType.BIOPSY, FieldValues.of(RecordType.BIOPSY, b)).stream()
                        .anyMatch(pr -> pr.rule() == org.lmsregistry.model.validation.Rule.NEEDLE_FINER_THAN_16G);
                assertThat(warned).isEqualTo(b.isNeedleTooFine());
            }
        }
        assertThat((double) fine / biopsies).isBetween(0.03, 0.20);
        assertThat((double) transperitoneal / retroperitoneal).isBetween(0.01, 0.10);
    }
}
